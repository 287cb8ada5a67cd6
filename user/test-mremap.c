/*
 * user/test-mremap.c: mremap. A mapping grows in place when the room after it is free,
 * moves (MREMAP_MAYMOVE) when it is not, and shrinks by unmapping its tail; the data
 * always comes along, and the old place faults afterwards. MREMAP_FIXED moves it to a
 * chosen address over what is there; MREMAP_DONTUNMAP leaves the old range empty; old
 * size 0 duplicates shared memory, and grown shared memory is SIGBUS past its size. Growth page by page (realloc's pattern) keeps every
 * byte, and every bad argument fails as on Linux (an unmapped address: EFAULT, first).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static volatile unsigned char *fault_addr;

static void touch(void)
{
	(void)*fault_addr;
}

static void check_signal(void *addr, int sig, const char *what)
{
	int status;

	fault_addr = addr;
	status = run_in_child(touch);
	check(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig,
	      "reading %p (%s) is killed by signal %d (child %s)", addr, what, sig,
	      describe_status(status));
}

static void check_faults(void *addr, const char *what)
{
	check_signal(addr, SIGSEGV, what);
}

static void check_fails(long r, int err, const char *what)
{
	check(failed_with(r, err), "%s: %s (%s)", what, strerror(err), describe_result(r));
}

static void fill(char *p, unsigned long len, int seed)
{
	for (unsigned long i = 0; i < len; i++)
		p[i] = (char)(i * 13 + seed);
}

static bool holds(const char *p, unsigned long len, int seed)
{
	for (unsigned long i = 0; i < len; i++)
		if (p[i] != (char)(i * 13 + seed))
			return false;
	return true;
}

static char *map(unsigned long len)
{
	return mmap(NULL, len, RW, ANON, -1, 0);
}

static void test_resize(void)
{
	char *p = map(3 * PAGE_SIZE), *q, *blocker;
	struct mapping m;

	fill(p, PAGE_SIZE, 1);
	munmap(p + PAGE_SIZE, 2 * PAGE_SIZE);
	q = mremap(p, PAGE_SIZE, 3 * PAGE_SIZE, 0);
	check(q == p && holds(p, PAGE_SIZE, 1), "growing into free room stays in place (%p)", q);
	check(find_mapping((unsigned long)p, &m) && m.start == (unsigned long)p &&
		      m.end == (unsigned long)p + 3 * PAGE_SIZE, "maps: one region of three pages");
	fill(p, 3 * PAGE_SIZE, 2);
	q = mremap(p, 3 * PAGE_SIZE, PAGE_SIZE, 0);
	check(q == p && holds(p, PAGE_SIZE, 2), "shrinking to one page stays in place");
	check_faults(p + PAGE_SIZE, "the tail a shrink unmapped");

	blocker = mmap(p + PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0);
	check(blocker == p + PAGE_SIZE, "a mapping right after it blocks growth");
	q = mremap(p, PAGE_SIZE, 4 * PAGE_SIZE, 0);
	check(failed_with((long)q, ENOMEM), "without MREMAP_MAYMOVE growing fails: ENOMEM (%s)",
	      describe_result((long)q));
	q = mremap(p, PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE);
	check(q != MAP_FAILED && q != p && holds(q, PAGE_SIZE, 2), "with it the mapping moves, data and all (%p)", q);
	check(q[4 * PAGE_SIZE - 1] == 0, "the new pages read as zero");
	check_faults(p, "the old place");
	check(find_mapping((unsigned long)q, &m) && m.start == (unsigned long)q &&
		      m.end == (unsigned long)q + 4 * PAGE_SIZE && !strcmp(m.perms, "rw-p"),
	      "maps: the moved region, four pages, rw-p");
	munmap(q, 4 * PAGE_SIZE);
	munmap(blocker, PAGE_SIZE);
}

static void test_fixed(void)
{
	char *p = map(2 * PAGE_SIZE), *target = map(3 * PAGE_SIZE), *q;

	fill(p, 2 * PAGE_SIZE, 3);
	memset(target, 'x', 3 * PAGE_SIZE);
	q = mremap(p, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, target + PAGE_SIZE);
	check(q == target + PAGE_SIZE && holds(q, 2 * PAGE_SIZE, 3),
	      "MREMAP_FIXED moves it exactly there, over a mapping, with its data");
	check(target[0] == 'x', "the rest of the mapping it replaced part of is intact");
	check_faults(p, "the old place after MREMAP_FIXED");
	munmap(target, 3 * PAGE_SIZE);

	p = map(PAGE_SIZE);
	fill(p, PAGE_SIZE, 4);
	q = mremap(p, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	check(q != MAP_FAILED && q != p && holds(q, PAGE_SIZE, 4), "MREMAP_DONTUNMAP moves the data (%s)",
	      describe_result((long)q));
	check(p[0] == 0 && p[PAGE_SIZE - 1] == 0, "and leaves the old range mapped, reading zero");
	munmap(p, PAGE_SIZE);
	munmap(q, PAGE_SIZE);
}

static void test_shared_duplicate(void)
{
	char *s = mmap(NULL, PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0), *d;

	s[0] = 'a';
	d = mremap(s, 0, PAGE_SIZE, MREMAP_MAYMOVE);
	check(d != MAP_FAILED && d != s && d[0] == 'a', "old size 0 duplicates shared memory (%s)",
	      describe_result((long)d));
	d[1] = 'b';
	check(s[1] == 'b', "a write through the copy shows through the original");
	munmap(d, PAGE_SIZE);
	check(s[0] == 'a', "unmapping the copy leaves the original");
	d = mremap(s, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE);
	check(d != MAP_FAILED && d[0] == 'a', "shared memory grows (%s)", describe_result((long)d));
	check_signal(d + PAGE_SIZE, SIGBUS, "shared memory past its size");
	munmap(d, 2 * PAGE_SIZE);
}

/* realloc's pattern: grow by a page at a time, allowed to move, 64 times. */
static void test_growth(void)
{
	unsigned long len = PAGE_SIZE;
	char *p = map(len), *blocker = NULL;
	bool ok = true;
	int moves = 0;

	fill(p, len, 5);
	for (int i = 0; i < 64; i++) {
		char *q;

		if (i % 8 == 0) { /* now and then block the room after it, to force a move */
			blocker = mmap(p + len, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
		}
		q = mremap(p, len, len + PAGE_SIZE, MREMAP_MAYMOVE);
		if (q == MAP_FAILED) {
			ok = false;
			break;
		}
		moves += q != p;
		if (blocker != MAP_FAILED && blocker) {
			munmap(blocker, PAGE_SIZE);
			blocker = NULL;
		}
		p = q;
		len += PAGE_SIZE;
		ok &= holds(p, len - PAGE_SIZE, 5);
		fill(p, len, 5);
	}
	check(ok && moves >= 1, "64 growths by a page keep every byte (%d moves)", moves);
	munmap(p, len);
}

static void test_bad_args(void)
{
	char *p = map(2 * PAGE_SIZE), *priv = map(PAGE_SIZE);

	check_fails((long)mremap(p, PAGE_SIZE, PAGE_SIZE, 8), EINVAL, "an unknown flag");
	check_fails(syscall(__NR_mremap, p, PAGE_SIZE, PAGE_SIZE, MREMAP_FIXED, p + 8 * PAGE_SIZE), EINVAL,
		    "MREMAP_FIXED without MREMAP_MAYMOVE");
	check_fails((long)mremap(p, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL), EINVAL,
		    "MREMAP_DONTUNMAP with a new size");
	check_fails((long)mremap(p + 1, PAGE_SIZE, PAGE_SIZE, 0), EINVAL, "an unaligned address");
	check_fails((long)mremap(p, PAGE_SIZE, 0, 0), EINVAL, "new size 0");
	check_fails((long)mremap((void *)0x10000, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE), EFAULT,
		    "nothing mapped there");
	check_fails((long)mremap((void *)0xc0000000, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE), EFAULT,
		    "kernel space");
	check_fails((long)mremap(p, 3 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE), EFAULT,
		    "an old size past the region's end");
	check_fails((long)mremap(priv, 0, PAGE_SIZE, MREMAP_MAYMOVE), EINVAL,
		    "old size 0 on private memory");
	check_fails((long)mremap(p, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, p + 1), EINVAL,
		    "an unaligned new address");
	check_fails((long)mremap(p, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0xc0000000),
		    EINVAL, "a new address in kernel space");
	check_fails((long)mremap(p, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0xbffff000),
		    EINVAL, "a new range across 0xc0000000");
	check_fails((long)mremap(p, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE_SIZE),
		    EINVAL, "old and new ranges overlapping");
	check_fails((long)mremap((void *)0x10000, 2 * PAGE_SIZE, PAGE_SIZE, 0), EFAULT,
		    "shrinking where nothing is mapped");
	check_fails((long)mremap((void *)0x10000, PAGE_SIZE, PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, p),
		    EFAULT, "moving from where nothing is mapped");
	munmap(p, 2 * PAGE_SIZE);
	munmap(priv, PAGE_SIZE);
}

int main(void)
{
	test_resize();
	test_fixed();
	test_shared_duplicate();
	test_growth();
	test_bad_args();
	return check_status();
}
