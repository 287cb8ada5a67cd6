/*
 * user/test-mmap.c: mmap and munmap. Where regions go (top-down below the stack, at a
 * free hint, MAP_FIXED over what is there, MAP_FIXED_NOREPLACE refused), demand-zero
 * memory, a file's pages at their offsets (SIGBUS past its end), private and shared
 * memory across fork, partial munmap (a split, and faults in the hole), /proc/self/maps
 * after each change, every bad argument, MAP_POPULATE, the overcommit check, and no
 * pages lost over 1000 rounds.
 * (test-mprotect, test-mremap and test-madvise cover the other memory calls.)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif
#define FILE_PATH "/bin/test-mmap" /* this program: a file of several pages on both systems */

static char *map(void *hint, unsigned long len, int prot, int flags)
{
	return mmap(hint, len, prot, flags, -1, 0);
}

static volatile unsigned char *fault_addr;
static bool fault_read; /* touch by reading, not writing */

static void touch(void)
{
	if (fault_read)
		(void)*fault_addr;
	else
		*fault_addr = 1;
}

static void check_signal(void *addr, int sig, const char *what)
{
	int status;

	fault_addr = addr;
	status = run_in_child(touch);
	check(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig,
	      "touching %p (%s) is killed by signal %d (child %s)", addr, what, sig,
	      describe_status(status));
}

static void check_faults(void *addr, const char *what)
{
	check_signal(addr, SIGSEGV, what);
}

/* The maps line at addr must span [start, end) with perms. */
static void check_maps(void *addr, void *start, void *end, const char *perms, const char *what)
{
	struct mapping m;
	bool found = find_mapping((unsigned long)addr, &m);

	check(found && m.start == (unsigned long)start && m.end == (unsigned long)end &&
		      !strcmp(m.perms, perms),
	      "maps: %s: %p-%p %s (found %s %08lx-%08lx %s)", what, start, end, perms,
	      found ? "yes" : "no", found ? m.start : 0, found ? m.end : 0, found ? m.perms : "");
}

static bool all_bytes(const char *p, unsigned long len, int c)
{
	for (unsigned long i = 0; i < len; i++)
		if (p[i] != (char)c)
			return false;
	return true;
}

static void test_layout(void)
{
	int local;
	unsigned long stack = (unsigned long)&local, brk = (unsigned long)sbrk(0);
	char *p = map(NULL, PAGE_SIZE, RW, ANON), *q, *h, *f;

	check(p != MAP_FAILED && !((unsigned long)p & (PAGE_SIZE - 1)), "mmap gives a page (%p)", p);
	check((unsigned long)p > brk && (unsigned long)p < stack && stack - (unsigned long)p > (64UL << 20),
	      "it lies above the heap (%#lx) and well below the stack (%#lx)", brk, stack);
	if (on_kspace())
		check(p == (char *)0xb8000000 - PAGE_SIZE,
		      "kspace: the first mapping is just below mmap_base 0xb8000000 (%p)", p);
	q = map(NULL, PAGE_SIZE, RW, ANON);
	check(q == p - PAGE_SIZE, "the next one goes just below it: top-down (%p)", q);
	check_maps(p, q, p + PAGE_SIZE, "rw-p", "the two merged into one region");

	h = map((void *)0x40000000, 2 * PAGE_SIZE, RW, ANON);
	check(h == (char *)0x40000000, "a free hint is taken (%p)", h);
	f = map(h + PAGE_SIZE, PAGE_SIZE, RW, ANON);
	check(f != MAP_FAILED && f != h + PAGE_SIZE && (f + PAGE_SIZE <= h || f >= h + 2 * PAGE_SIZE),
	      "a taken hint is not: the mapping goes elsewhere (%p)", f);
	munmap(f, PAGE_SIZE);
	f = map((void *)0xc0000000, PAGE_SIZE, RW, ANON);
	check(f != MAP_FAILED && (unsigned long)f < TASK_SIZE, "a kernel-space hint is ignored (%p)", f);
	munmap(f, PAGE_SIZE);

	memset(h, 'h', 2 * PAGE_SIZE);
	f = map(h + PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED);
	check(f == h + PAGE_SIZE && all_bytes(f, PAGE_SIZE, 0) && all_bytes(h, PAGE_SIZE, 'h'),
	      "MAP_FIXED replaces the second page with zeroes, the first keeps its data");
	f = map(h, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE);
	check(failed_with((long)f, EEXIST), "MAP_FIXED_NOREPLACE over a mapping: EEXIST (%s)",
	      describe_result((long)f));
	check(all_bytes(h, PAGE_SIZE, 'h'), "and the mapping there is untouched");
	f = map(h + 2 * PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE);
	check(f == h + 2 * PAGE_SIZE, "MAP_FIXED_NOREPLACE on free space maps there (%p)", f);
	munmap(h, 3 * PAGE_SIZE);
	munmap(q, 2 * PAGE_SIZE);
}

static void test_demand_zero(void)
{
	unsigned long len = 16 * PAGE_SIZE;
	char *p = map(NULL, len, RW, ANON);
	bool ok = true;

	check(p != MAP_FAILED && all_bytes(p, len, 0), "16 new pages read as zero");
	for (unsigned long i = 0; i < len; i++)
		p[i] = (char)(i * 7);
	for (unsigned long i = 0; i < len; i++)
		ok &= p[i] == (char)(i * 7);
	check(ok, "and keep what is written across page boundaries");
	check(munmap(p, len) == 0, "munmap of all 16 pages");
	check_faults(p, "unmapped");
	check_faults(p + len - 1, "the last byte, unmapped");
}

static unsigned long free_ram(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return si.freeram * si.mem_unit;
}

/* MAP_POPULATE faults every page in at once; MAP_NORESERVE and MAP_GROWSDOWN are taken. */
static void test_flags(void)
{
	unsigned long before = free_ram(), len = 64 * PAGE_SIZE;
	char *p = map(NULL, len, RW, ANON | MAP_POPULATE), *g;

	if (on_kspace())
		check(before - free_ram() >= len, "kspace: MAP_POPULATE took its 64 pages at once (%lu KiB)",
		      (before - free_ram()) >> 10);
	check(p != MAP_FAILED && all_bytes(p, len, 0), "MAP_POPULATE memory reads as zero");
	munmap(p, len);
	p = map(NULL, len, RW, ANON | MAP_NORESERVE);
	check(p != MAP_FAILED && all_bytes(p, len, 0), "MAP_NORESERVE memory reads as zero");
	munmap(p, len);
	g = map(NULL, 4 * PAGE_SIZE, RW, ANON | MAP_GROWSDOWN);
	check(g != MAP_FAILED, "MAP_GROWSDOWN is taken (%p)", g);
	g[0] = 1;
	munmap(g, 4 * PAGE_SIZE);
}

static void test_partial_munmap(void)
{
	char *p = map(NULL, 3 * PAGE_SIZE, RW, ANON);

	memset(p, 'a', 3 * PAGE_SIZE);
	check(munmap(p + PAGE_SIZE, PAGE_SIZE) == 0, "munmap of the middle page of three");
	check_maps(p, p, p + PAGE_SIZE, "rw-p", "the split: the first page alone");
	check_maps(p + 2 * PAGE_SIZE, p + 2 * PAGE_SIZE, p + 3 * PAGE_SIZE, "rw-p",
		   "the split: the last page alone");
	check_faults(p + PAGE_SIZE, "the hole");
	check(all_bytes(p, PAGE_SIZE, 'a') && all_bytes(p + 2 * PAGE_SIZE, PAGE_SIZE, 'a'),
	      "the pages either side keep their data");
	check(munmap(p, 3 * PAGE_SIZE) == 0, "munmap across the hole unmaps both sides");
	check_faults(p, "the first page, unmapped");
	check(munmap(p, 3 * PAGE_SIZE) == 0, "munmap of nothing mapped succeeds");
}

static void test_file(void)
{
	static char buf[3 * 4096];
	int fd = open(FILE_PATH, O_RDONLY);
	struct stat st;
	struct mapping m;
	char *p, *q;
	long n = read(fd, buf, sizeof(buf));
	bool found;

	fstat(fd, &st);
	check(fd >= 0 && n == sizeof(buf), FILE_PATH " opens and has 3 pages at least (%ld)", n);
	p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, PAGE_SIZE);
	check(p != MAP_FAILED && !memcmp(p, buf + PAGE_SIZE, 2 * PAGE_SIZE),
	      "a private mapping at offset 4096 holds the file's bytes from there");
	memset(&m, 0, sizeof(m));
	found = find_mapping((unsigned long)p, &m);
	check(found && m.offset == PAGE_SIZE && m.inode == st.st_ino && m.inode != 0 && !strcmp(m.name, FILE_PATH) && !strcmp(m.perms, "r--p"),
	      "maps: r--p, offset 00001000, the file's inode (%lu) and path (%s %lu %s)",
	      (unsigned long)st.st_ino, m.perms, m.inode, m.name);
	check_faults(p, "writing a PROT_READ file mapping");
	q = mmap(NULL, PAGE_SIZE, RW, MAP_PRIVATE, fd, 0);
	check(q != MAP_FAILED && !memcmp(q, buf, PAGE_SIZE), "a writable private mapping holds the file");
	q[0] = 'X';
	check(q[0] == 'X', "writing it changes the private copy");
	lseek(fd, 0, SEEK_SET);
	check(read(fd, buf, 1) == 1 && buf[0] != 'X', "but not the file");
	munmap(q, PAGE_SIZE);
	munmap(p, 2 * PAGE_SIZE);

	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED && find_mapping((unsigned long)p, &m) && !strcmp(m.perms, "r--s"),
	      "MAP_SHARED, PROT_READ of a read-only file works, shown r--s");
	munmap(p, PAGE_SIZE);
	p = mmap(NULL, PAGE_SIZE, RW, MAP_SHARED, fd, 0);
	check(failed_with((long)p, EACCES), "MAP_SHARED, PROT_WRITE of a read-only fd: EACCES (%s)",
	      describe_result((long)p));
	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, (off_t)(st.st_size & ~(PAGE_SIZE - 1)));
	check(p != MAP_FAILED && all_bytes(p + (st.st_size & (PAGE_SIZE - 1)),
					  PAGE_SIZE - (st.st_size & (PAGE_SIZE - 1)), 0),
	      "the last page of the file is zero past its end");
	munmap(p, PAGE_SIZE);
	close(fd);
}

/* One byte of fd at off, written or read through the file, not the mapping. */
static void poke_file(int fd, off_t off, char c)
{
	lseek(fd, off, SEEK_SET);
	write(fd, &c, 1);
}

static char peek_file(int fd, off_t off)
{
	char c = 0;

	lseek(fd, off, SEEK_SET);
	read(fd, &c, 1);
	return c;
}

/*
 * A private mapping of a file maps the file's own page until the process writes to it
 * (Linux's page cache, which kspace's ramfs pages play): a write to the file shows
 * through a page only read so far, and once the process writes, its copy is its own.
 */
static void test_private_file_until_written(void)
{
	static char page[4096];
	int fd = open("/tmp/test-mmap-private", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *p;

	memset(page, 'a', sizeof(page));
	check(fd >= 0 && write(fd, page, sizeof(page)) == PAGE_SIZE &&
		      write(fd, page, sizeof(page)) == PAGE_SIZE,
	      "a two-page file in /tmp");
	p = mmap(NULL, 2 * PAGE_SIZE, RW, MAP_PRIVATE, fd, 0);
	check(p != MAP_FAILED && p[0] == 'a', "mapped privately, read and writable");
	poke_file(fd, 0, 'b');
	check(p[0] == 'b', "a write to the file shows in a page the mapping has only read");
	p[0] = 'c';
	check(p[0] == 'c' && peek_file(fd, 0) == 'b', "a write to the mapping stays in it");
	poke_file(fd, 0, 'd');
	check(p[0] == 'c', "and from then on the page is the process's own copy");
	p[PAGE_SIZE] = 'w'; /* first touch is a write: a copy at once */
	poke_file(fd, PAGE_SIZE + 1, 'x');
	check(p[PAGE_SIZE] == 'w' && p[PAGE_SIZE + 1] == 'a' && peek_file(fd, PAGE_SIZE) == 'a',
	      "a page first touched by a write is a copy from the start");
	munmap(p, 2 * PAGE_SIZE);
	close(fd);
	unlink("/tmp/test-mmap-private");
}

/* A page of a file mapping that holds no byte of the file: SIGBUS, and EFAULT for the kernel. */
static void test_past_eof(void)
{
	int fd = open("/bin/hello", O_RDONLY);
	struct stat st;
	char *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);

	fstat(fd, &st);
	check(p != MAP_FAILED && st.st_size < (off_t)PAGE_SIZE && p[1] == 'E' &&
		      all_bytes(p + st.st_size, PAGE_SIZE - st.st_size, 0),
	      "/bin/hello (%ld bytes) mapped for two pages: its page, then zeroes", (long)st.st_size);
	fault_read = true;
	check_signal(p + PAGE_SIZE, SIGBUS, "reading the page past the end of the file");
	fault_read = false;
	check(stat(p + PAGE_SIZE, &st) == -1 && errno == EFAULT, "the kernel reading there gets EFAULT");
	munmap(p, 2 * PAGE_SIZE);
	close(fd);
}

static long raw_mmap2(unsigned long addr, unsigned long len, int prot, int flags, int fd,
		      unsigned long pgoff)
{
	return syscall(__NR_mmap2, addr, len, prot, flags, fd, pgoff);
}

/* The old mmap takes its six arguments from memory. */
static long old_mmap(unsigned long addr, unsigned long len, int prot, int flags, int fd,
		     unsigned long off)
{
	unsigned long args[6] = { addr, len, prot, flags, fd, off };

	return syscall(__NR_mmap, args);
}

static void check_fails(long r, int err, const char *what)
{
	check(failed_with(r, err), "%s: %s (%s)", what, strerror(err), describe_result(r));
}

static void test_bad_args(void)
{
	int dir = open("/bin", O_RDONLY), fd = open(FILE_PATH, O_RDONLY);
	long r;

	check_fails(raw_mmap2(0, 0, RW, ANON, -1, 0), EINVAL, "length 0");
	check_fails(raw_mmap2(0, 0xfffff000, RW, ANON, -1, 0), ENOMEM, "length 4 GiB - 4 KiB");
	check_fails(raw_mmap2(0, 0xffffffff, RW, ANON, -1, 0), ENOMEM, "length rounding up past 4 GiB");
	check_fails(raw_mmap2(0, PAGE_SIZE, RW, MAP_ANONYMOUS, -1, 0), EINVAL, "neither shared nor private");
	check_fails(raw_mmap2(0, PAGE_SIZE, RW, MAP_ANONYMOUS | 0xf, -1, 0), EINVAL, "mapping type 0xf");
	r = raw_mmap2(0, PAGE_SIZE, RW, ANON | 0x40000000, -1, 0);
	check(r != -1 && (unsigned long)r < TASK_SIZE, "an unknown flag with MAP_PRIVATE is ignored (%s)",
	      describe_result(r));
	munmap((void *)r, PAGE_SIZE);
	check_fails(raw_mmap2(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF, "fd -1 without MAP_ANONYMOUS");
	check_fails(raw_mmap2(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 999, 0), EBADF, "fd 999");
	check_fails(raw_mmap2(0, 0, PROT_READ, MAP_PRIVATE, 999, 0), EBADF, "fd 999, length 0: the fd first");
	check_fails(raw_mmap2(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, dir, 0), ENODEV, "a directory");
	check_fails(raw_mmap2(0, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0xffffffff), EOVERFLOW,
		    "a page offset that wraps");
	check_fails(old_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL,
		    "old mmap: an offset not a multiple of the page");
	r = old_mmap(0, PAGE_SIZE, RW, ANON, -1, 0);
	check(r != -1 && (unsigned long)r < TASK_SIZE, "old mmap of a page works (%s)", describe_result(r));
	munmap((void *)r, PAGE_SIZE);
	check_fails(syscall(__NR_mmap, NULL), EFAULT, "old mmap: arguments at NULL");
	check_fails(syscall(__NR_mmap, 0xc0000000UL), EFAULT, "old mmap: arguments in kernel space");
	check_fails(raw_mmap2(0x40000001, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), EINVAL, "MAP_FIXED unaligned");
	check_fails(raw_mmap2(0xc0000000, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), ENOMEM, "MAP_FIXED at 0xc0000000");
	check_fails(raw_mmap2(0xbffff000, 2 * PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), ENOMEM,
		    "MAP_FIXED across 0xc0000000");
	check_fails(raw_mmap2(0, PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0), EINVAL,
		    "shared and growing down");
	check_fails(raw_mmap2(0, PAGE_SIZE, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), EINVAL,
		    "MAP_SHARED_VALIDATE of anonymous memory (Linux 6.1 takes it for files only)");
	check_fails(raw_mmap2(0, PAGE_SIZE, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0), EOPNOTSUPP,
		    "MAP_SHARED_VALIDATE with a flag the file does not support (MAP_SYNC)");
	r = raw_mmap2(0, PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_SYNC | 0x200000, fd, 0);
	check(r != -1 && (unsigned long)r < TASK_SIZE, "plain MAP_SHARED ignores unknown flags (%s)",
	      describe_result(r));
	munmap((void *)r, PAGE_SIZE);
	r = raw_mmap2(0, PAGE_SIZE, PROT_READ, MAP_SHARED_VALIDATE, fd, 0);
	check(r != -1 && (unsigned long)r < TASK_SIZE, "MAP_SHARED_VALIDATE of a file, known flags (%s)",
	      describe_result(r));
	munmap((void *)r, PAGE_SIZE);
	check_fails(munmap(NULL, 0), EINVAL, "munmap length 0");
	check_fails(munmap((void *)0x40000001, PAGE_SIZE), EINVAL, "munmap unaligned");
	check_fails(munmap((void *)0xc0000000, PAGE_SIZE), EINVAL, "munmap of kernel space");
	check_fails(munmap((void *)0xbffff000, 2 * PAGE_SIZE), EINVAL, "munmap across 0xc0000000");
	check_fails(syscall(__NR_munmap, 0x40000000, 0xffffffffUL), EINVAL, "munmap length wrapping");
	close(dir);
	close(fd);
}

static int *cow_page, *shared_page, *shared_untouched;

static void child_writes(void)
{
	*cow_page = 2;
	*shared_page = 2;
	*shared_untouched = 3;
	_exit(*cow_page == 2 ? 0 : 1);
}

static void test_fork(void)
{
	int status;

	cow_page = (int *)map(NULL, PAGE_SIZE, RW, ANON);
	shared_page = (int *)map(NULL, 2 * PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS);
	shared_untouched = shared_page + PAGE_SIZE / sizeof(int);
	*cow_page = 1;
	*shared_page = 1;
	status = run_in_child(child_writes);
	check(status == 0, "the child writes the private and the shared pages (%s)", describe_status(status));
	check(*cow_page == 1, "the private page is copied on write: the parent still reads 1 (%d)", *cow_page);
	check(*shared_page == 2, "the shared page is not: the parent reads the child's 2 (%d)", *shared_page);
	check(*shared_untouched == 3,
	      "a shared page first touched by the child is the parent's too (%d)", *shared_untouched);
	check_maps(shared_page, shared_page, shared_untouched + PAGE_SIZE / sizeof(int), "rw-s",
		   "shared anonymous memory is rw-s");
	munmap(cow_page, PAGE_SIZE);
	munmap(shared_page, 2 * PAGE_SIZE);
}

static void test_overcommit(void)
{
	struct sysinfo si;
	unsigned long long ram;
	unsigned long len, brk = (unsigned long)sbrk(0);
	char *p;

	sysinfo(&si);
	ram = (unsigned long long)si.totalram * si.mem_unit + (unsigned long long)si.totalswap * si.mem_unit;
	len = (unsigned long)((ram + (16 << 20)) & ~(unsigned long long)(PAGE_SIZE - 1));
	if (ram + (16 << 20) >= 0xb0000000ULL) {
		check(true, "RAM (%llu MiB) is too big to overcommit in 3 GiB: skipped", ram >> 20);
		return;
	}
	p = map(NULL, len, RW, ANON);
	check(failed_with((long)p, ENOMEM), "a writable private map of RAM + 16 MiB: ENOMEM (%s)",
	      describe_result((long)p));
	p = map(NULL, len, RW, ANON | MAP_NORESERVE);
	check(p != MAP_FAILED, "the same with MAP_NORESERVE is promised (%s)", describe_result((long)p));
	munmap(p, len);
	p = map(NULL, len, PROT_READ, ANON);
	check(p != MAP_FAILED, "the same read-only is not counted (%s)", describe_result((long)p));
	munmap(p, len);
	check((unsigned long)syscall(__NR_brk, brk + len) == brk, "brk by RAM + 16 MiB is refused");
	p = map(NULL, (unsigned long)(ram / 2) & ~(PAGE_SIZE - 1), RW, ANON);
	check(p != MAP_FAILED, "half of RAM is given, lazily (%s)", describe_result((long)p));
	p[0] = 1;
	munmap(p, (unsigned long)(ram / 2) & ~(PAGE_SIZE - 1));
}

static void map_touch_unmap(void)
{
	char *p = map(NULL, PAGE_SIZE, RW, ANON);

	p[0] = 1;
	munmap(p, PAGE_SIZE);
}

static void test_no_leak(void)
{
	unsigned long before, after;

	map_touch_unmap(); /* the page table and the region cache are made once */
	before = free_ram();
	for (int i = 0; i < 1000; i++)
		map_touch_unmap();
	after = free_ram();
	if (on_kspace())
		check(after == before, "kspace: free RAM is back exactly after 1000 rounds (%lu, %lu)",
		      before, after);
	else
		check(after + (1UL << 20) >= before, "free RAM is back within 1 MiB after 1000 rounds (%lu, %lu)",
		      before, after);
}

int main(void)
{
	test_layout();
	test_demand_zero();
	test_flags();
	test_partial_munmap();
	test_file();
	test_private_file_until_written();
	test_past_eof();
	test_bad_args();
	test_fork();
	test_overcommit();
	test_no_leak();
	return check_status();
}
