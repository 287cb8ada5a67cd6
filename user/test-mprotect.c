/*
 * user/test-mprotect.c: mprotect. A change to part of a region splits it and undoing it
 * merges it back (in /proc/self/maps); read-only pages fault on write, PROT_NONE pages
 * on any touch, and the kernel cannot reach them either (EFAULT), yet their data
 * survives; a read-only private file mapping may become writable (copy-on-write), a
 * read-only shared one may not; a hole in the range stops the change with ENOMEM; and
 * every bad argument fails as on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#ifndef PROT_SEM
#define PROT_SEM 0x8 /* Linux's value; glibc's i386 headers leave it out */
#endif

static volatile unsigned char *fault_addr;
static bool fault_write;

static void touch(void)
{
	if (fault_write)
		*fault_addr = 1;
	else
		(void)*fault_addr;
}

static void check_faults(void *addr, bool write, const char *what)
{
	int status;

	fault_addr = addr;
	fault_write = write;
	status = run_in_child(touch);
	check(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "%s %p (%s) faults with SIGSEGV (child %s)", write ? "writing" : "reading", addr, what,
	      describe_status(status));
}

static void check_maps(void *addr, void *start, void *end, const char *perms, const char *what)
{
	struct mapping m;
	bool found = find_mapping((unsigned long)addr, &m);

	check(found && m.start == (unsigned long)start && m.end == (unsigned long)end &&
		      !strcmp(m.perms, perms),
	      "maps: %s: %p-%p %s (found %08lx-%08lx %s)", what, start, end, perms,
	      found ? m.start : 0, found ? m.end : 0, found ? m.perms : "none");
}

static void check_fails(long r, int err, const char *what)
{
	check(failed_with(r, err), "%s: %s (%s)", what, strerror(err), describe_result(r));
}

static void test_split_merge(void)
{
	char *p = mmap(NULL, 3 * PAGE_SIZE, RW, ANON, -1, 0), *mid = p + PAGE_SIZE;
	struct stat st;

	memset(p, 'a', 3 * PAGE_SIZE);
	check(mprotect(mid, PAGE_SIZE, PROT_READ) == 0, "mprotect of the middle page to PROT_READ");
	check_maps(p, p, mid, "rw-p", "the first page");
	check_maps(mid, mid, mid + PAGE_SIZE, "r--p", "the middle page");
	check_maps(mid + PAGE_SIZE, mid + PAGE_SIZE, p + 3 * PAGE_SIZE, "rw-p", "the last page");
	check(mid[0] == 'a', "the read-only page still reads its data");
	check_faults(mid, true, "read-only");
	p[0] = 'b';
	mid[PAGE_SIZE] = 'c';
	check(p[0] == 'b' && mid[PAGE_SIZE] == 'c', "its neighbours stay writable");
	check(mprotect(mid, PAGE_SIZE, RW) == 0, "mprotect back to read-write");
	check_maps(mid, p, p + 3 * PAGE_SIZE, "rw-p", "the three merged again");
	mid[0] = 'd';
	check(mid[0] == 'd', "and the middle page is writable again");

	check(mprotect(p, 3 * PAGE_SIZE, PROT_NONE) == 0, "mprotect of all three to PROT_NONE");
	check_maps(p, p, p + 3 * PAGE_SIZE, "---p", "PROT_NONE");
	check_faults(p, false, "PROT_NONE");
	check_faults(mid + 100, false, "PROT_NONE, inside");
	check(uname((struct utsname *)p) == -1 && errno == EFAULT,
	      "the kernel cannot write a PROT_NONE page either: uname gives EFAULT");
	check(stat(mid, &st) == -1 && errno == EFAULT, "nor read one: a path there gives EFAULT");
	check(mprotect(p, 3 * PAGE_SIZE, PROT_READ) == 0 && p[0] == 'b' && mid[0] == 'd',
	      "PROT_READ again: the data survived PROT_NONE");
	check(uname((struct utsname *)p) == -1 && errno == EFAULT,
	      "the kernel cannot write a read-only page: EFAULT");
	check(mprotect(p, 3 * PAGE_SIZE, PROT_WRITE) == 0 && p[0] == 'b',
	      "PROT_WRITE alone also reads, on x86");
	check(mprotect(p, 3 * PAGE_SIZE, PROT_EXEC) == 0 && p[0] == 'b', "and so does PROT_EXEC alone");
	munmap(p, 3 * PAGE_SIZE);
}

static int *cow;

/* After fork the page is shared copy-on-write: mprotect must not let a write through. */
static void child_writes(void)
{
	mprotect(cow, PAGE_SIZE, PROT_READ | PROT_WRITE);
	*cow = 2;
	_exit(*cow == 2 ? 0 : 1);
}

static void test_fork(void)
{
	int status;

	cow = mmap(NULL, PAGE_SIZE, RW, ANON, -1, 0);
	*cow = 1;
	mprotect(cow, PAGE_SIZE, PROT_READ);
	status = run_in_child(child_writes);
	check(status == 0 && *cow == 1,
	      "a child makes a read-only page writable and writes it: the parent still reads 1 (%d, %s)",
	      *cow, describe_status(status));
	munmap(cow, PAGE_SIZE);
}

static char *none;

static void child_reads_none(void)
{
	mprotect(none, PAGE_SIZE, PROT_READ);
	_exit(none[0] == 'n' ? 0 : 1);
}

/* fork copies a PROT_NONE region with its pages: the child can make it readable again. */
static void test_fork_prot_none(void)
{
	int status;

	none = mmap(NULL, PAGE_SIZE, RW, ANON, -1, 0);
	none[0] = 'n';
	mprotect(none, PAGE_SIZE, PROT_NONE);
	status = run_in_child(child_reads_none);
	check(status == 0, "a child of fork finds the data of a PROT_NONE page (%s)", describe_status(status));
	munmap(none, PAGE_SIZE);
}

static void test_files(void)
{
	int fd = open("/bin/test-mprotect", O_RDONLY);
	char first, *p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);

	first = p[0];
	check(mprotect(p, PAGE_SIZE, RW) == 0, "a read-only private file mapping may become writable");
	p[0] = (char)(first + 1);
	check(p[0] == (char)(first + 1), "and writing it gives a private copy");
	munmap(p, PAGE_SIZE);
	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	check(p[0] == first, "the file itself is unchanged");
	munmap(p, PAGE_SIZE);
	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	check_fails(mprotect(p, PAGE_SIZE, RW), EACCES, "a shared mapping of a read-only fd cannot be made writable");
	munmap(p, PAGE_SIZE);
	close(fd);
}

static void test_bad_args(void)
{
	char *p = mmap(NULL, 3 * PAGE_SIZE, RW, ANON, -1, 0), *g;

	check_fails(mprotect(p + 1, PAGE_SIZE, PROT_READ), EINVAL, "unaligned start");
	check(mprotect(p, 0, PROT_READ) == 0, "length 0 does nothing and succeeds");
	check_fails(mprotect(p, -PAGE_SIZE, PROT_READ), ENOMEM, "a length that wraps around");
	check_fails(mprotect(p, (size_t)-1, PROT_READ), ENOMEM, "a length rounding up to 0");
	check_fails(mprotect(p, PAGE_SIZE, 0x10), EINVAL, "an unknown PROT_ bit");
	check_fails(mprotect(p, PAGE_SIZE, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), EINVAL,
		    "PROT_GROWSDOWN with PROT_GROWSUP");
	check_fails(mprotect(p, PAGE_SIZE, PROT_READ | PROT_GROWSDOWN), EINVAL,
		    "PROT_GROWSDOWN on a region that does not grow down");
	check_fails(mprotect((void *)0xc0000000, PAGE_SIZE, PROT_READ), ENOMEM, "kernel space");
	check_fails(mprotect((void *)0x10000, PAGE_SIZE, PROT_READ), ENOMEM, "nothing mapped there");
	check(mprotect(p, PAGE_SIZE, PROT_READ | PROT_SEM) == 0, "PROT_SEM is accepted");

	munmap(p + PAGE_SIZE, PAGE_SIZE);
	mprotect(p, PAGE_SIZE, RW);
	check_fails(mprotect(p, 3 * PAGE_SIZE, PROT_READ), ENOMEM, "a hole in the range");
	check_maps(p, p, p + PAGE_SIZE, "r--p", "the part before the hole was changed, as on Linux");
	check_maps(p + 2 * PAGE_SIZE, p + 2 * PAGE_SIZE, p + 3 * PAGE_SIZE, "rw-p", "the part after was not");
	munmap(p, 3 * PAGE_SIZE);

	g = mmap(NULL, 4 * PAGE_SIZE, RW, ANON | MAP_GROWSDOWN, -1, 0);
	check(g != MAP_FAILED, "a MAP_GROWSDOWN mapping (%p)", g);
	check(mprotect(g + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_GROWSDOWN) == 0,
	      "PROT_GROWSDOWN on it");
	check_maps(g, g, g + 3 * PAGE_SIZE, "r--p", "the change reaches down to its start");
	munmap(g, 4 * PAGE_SIZE);
}

int main(void)
{
	test_split_merge();
	test_fork();
	test_fork_prot_none();
	test_files();
	test_bad_args();
	return check_status();
}
