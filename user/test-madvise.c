/*
 * user/test-madvise.c: madvise. MADV_DONTNEED drops pages: private anonymous memory
 * then reads zero, a written private file mapping the file again, and shared memory
 * keeps its data. MADV_DONTFORK and MADV_WIPEONFORK change what a child gets. Advice
 * that is only a hint succeeds; unknown advice, an unaligned start, a wrapping length
 * fail with EINVAL, and a hole in the range with ENOMEM.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static void check_fails(long r, int err, const char *what)
{
	check(failed_with(r, err), "%s: %s (%s)", what, strerror(err), describe_result(r));
}

static void test_dontneed(void)
{
	char *p = mmap(NULL, 2 * PAGE_SIZE, RW, ANON, -1, 0);
	char *s = mmap(NULL, PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int fd = open("/bin/test-madvise", O_RDONLY);
	char *f = mmap(NULL, PAGE_SIZE, RW, MAP_PRIVATE, fd, 0), first = f[0];

	memset(p, 'a', 2 * PAGE_SIZE);
	check(madvise(p, PAGE_SIZE, MADV_DONTNEED) == 0, "MADV_DONTNEED on a private anonymous page");
	check(p[0] == 0 && p[PAGE_SIZE - 1] == 0, "it reads zero afterwards");
	check(p[PAGE_SIZE] == 'a', "the next page keeps its data");
	f[0] = (char)(first + 1);
	check(madvise(f, PAGE_SIZE, MADV_DONTNEED) == 0 && f[0] == first,
	      "a written private file page reads the file's byte again");
	s[0] = 's';
	check(madvise(s, PAGE_SIZE, MADV_DONTNEED) == 0 && s[0] == 's',
	      "shared memory keeps its data");
	munmap(p, 2 * PAGE_SIZE);
	munmap(s, PAGE_SIZE);
	munmap(f, PAGE_SIZE);
	close(fd);
}

static char *dontfork, *wipe;

static void child_reads_wiped(void)
{
	_exit(wipe[0] == 0 ? 0 : 1);
}

static void child_touches_dontfork(void)
{
	(void)*(volatile char *)dontfork;
}

static void test_fork_advice(void)
{
	int status;

	dontfork = mmap(NULL, PAGE_SIZE, RW, ANON, -1, 0);
	wipe = mmap(NULL, PAGE_SIZE, RW, ANON, -1, 0);
	dontfork[0] = wipe[0] = 'w';
	check(madvise(wipe, PAGE_SIZE, MADV_WIPEONFORK) == 0, "MADV_WIPEONFORK");
	status = run_in_child(child_reads_wiped);
	check(status == 0 && wipe[0] == 'w', "a child reads zero there; the parent keeps its data (%s)",
	      describe_status(status));
	check(madvise(dontfork, PAGE_SIZE, MADV_DONTFORK) == 0, "MADV_DONTFORK");
	status = run_in_child(child_touches_dontfork);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a child has nothing there: touching it faults (%s)", describe_status(status));
	check(dontfork[0] == 'w', "the parent still has it");
	check(madvise(dontfork, PAGE_SIZE, MADV_DOFORK) == 0, "MADV_DOFORK undoes it");
	status = run_in_child(child_touches_dontfork);
	check(status == 0, "and a child has it again (%s)", describe_status(status));
	check_fails(madvise(mmap(NULL, PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0), PAGE_SIZE,
			    MADV_WIPEONFORK), EINVAL, "MADV_WIPEONFORK on shared memory");
	munmap(dontfork, PAGE_SIZE);
	munmap(wipe, PAGE_SIZE);
}

static void test_args(void)
{
	char *p = mmap(NULL, 3 * PAGE_SIZE, RW, ANON, -1, 0);
	int hints[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DODUMP,
			MADV_DONTDUMP, MADV_COLD, MADV_PAGEOUT, MADV_FREE };
	bool ok = true;

	for (unsigned int i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		ok &= madvise(p, 3 * PAGE_SIZE, hints[i]) == 0;
	check(ok, "the hints Linux takes all succeed");
	check_fails(madvise(p, PAGE_SIZE, 12345), EINVAL, "unknown advice");
	check_fails(madvise(p, PAGE_SIZE, -1), EINVAL, "advice -1");
	check_fails(madvise(p + 1, PAGE_SIZE, MADV_NORMAL), EINVAL, "an unaligned start");
	check_fails(madvise(p, (size_t)-1, MADV_NORMAL), EINVAL, "a length rounding up to 0");
	check_fails(madvise(p, -PAGE_SIZE, MADV_NORMAL), EINVAL, "a length wrapping around");
	check(madvise(p, 0, MADV_DONTNEED) == 0, "length 0 succeeds");
	munmap(p + PAGE_SIZE, PAGE_SIZE);
	p[0] = 'a';
	p[2 * PAGE_SIZE] = 'a';
	check_fails(madvise(p, 3 * PAGE_SIZE, MADV_DONTNEED), ENOMEM, "a hole in the range");
	check(p[0] == 0 && p[2 * PAGE_SIZE] == 0, "the pages either side of the hole were still dropped");
	check_fails(madvise((void *)0xc0000000, PAGE_SIZE, MADV_NORMAL), ENOMEM, "kernel space");
	munmap(p, 3 * PAGE_SIZE);
}

int main(void)
{
	test_dontneed();
	test_fork_advice();
	test_args();
	return check_status();
}
