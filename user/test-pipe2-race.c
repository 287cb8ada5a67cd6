/*
 * user/test-pipe2-race.c: pipe2 in one thread while another dup2s onto the very
 * descriptor pipe2 takes. The pipe2 calls are given a read-only page, so each fails
 * with EFAULT after making its two files; the other thread's dup2 onto the lowest free
 * descriptor either succeeds, and then the descriptor stays open until it closes it
 * itself, or is refused with EBUSY (the number is pipe2's for the moment, as on Linux).
 * A pipe2 that installed its descriptors before the copy and took them out again on
 * failure would close the other thread's file and put its own twice. Afterwards (on
 * kspace) every slab cache's active objects are back: no file or pipe is leaked.
 *
 * The threads share the program's TLS, so the second one makes only raw system calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "clone_thread.h"

#define THREAD_FLAGS 0x00250f00 /* CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|CHILD_CLEARTID */
#define FUTEX_WAIT 0
#define STACK_SIZE 16384
#define ROUNDS 3000
#define KEEP 10 /* the file the thread dup2s */

static long raw3(long nr, long a, long b, long c)
{
	long r;

	__asm__ __volatile__("int $0x80" : "=a"(r) : "0"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

static char stack[STACK_SIZE] __attribute__((aligned(16)));
static volatile int tid_word, stop;
static long dups, busy, lost, bad;

/* dup2 onto the lowest free descriptor, which pipe2 may have reserved meanwhile. */
static int duper(void *arg)
{
	long target = (long)arg, r;

	while (!stop) {
		r = raw3(__NR_dup2, KEEP, target, 0);
		if (r == target) {
			dups++;
			if (raw3(__NR_fcntl64, target, F_GETFD, 0) < 0)
				lost++; /* closed by someone else's failure */
			raw3(__NR_close, target, 0, 0);
		} else if (r == -EBUSY) {
			busy++;
		} else {
			bad++;
		}
	}
	return 0;
}

static void race(void)
{
	int *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int keep = open("/", O_RDONLY), target, efault = 0;
	const struct timespec tick = { 0, 100 * 1000000 };
	long tid;

	if (ro == MAP_FAILED || keep < 0 || dup2(keep, KEEP) != KEEP)
		exit(2);
	close(keep);
	target = dup(KEEP); /* the lowest free descriptor: pipe2's first */
	close(target);
	tid_word = -1;
	tid = clone_thread(THREAD_FLAGS, stack + STACK_SIZE, NULL, NULL, &tid_word, duper,
			   (void *)(long)target);
	if (tid <= 0)
		exit(3);
	for (int i = 0; i < ROUNDS; i++)
		efault += syscall(__NR_pipe2, ro, 0) == -1 && errno == EFAULT;
	stop = 1;
	while (tid_word)
		syscall(__NR_futex, &tid_word, FUTEX_WAIT, tid_word, &tick);
	check(efault == ROUNDS, "pipe2 into a read-only page: EFAULT %d times of %d", efault, ROUNDS);
	check(!lost && !bad,
	      "dup2 onto descriptor %d: %ld times it stayed open (%ld lost), %ld EBUSY, %ld other",
	      target, dups, lost, busy, bad);
	check(fcntl(target, F_GETFD) == -1 && errno == EBADF && fcntl(KEEP, F_GETFD) == 0,
	      "at the end descriptor %d is closed and %d still open", target, KEEP);
	exit(check_status());
}

static char text[256 << 10];

/* The sum of every slab cache's active objects (/proc/slabinfo); -1 if unreadable. */
static long slab_active(void)
{
	char *line;
	long sum = 0;

	if (read_text("/proc/slabinfo", text, sizeof(text)) < 0)
		return -1;
	line = strchr(text, '\n');
	line = line ? strchr(line + 1, '\n') : NULL; /* past the two header lines */
	for (; line && line[1]; line = strchr(line + 1, '\n')) {
		char *p = line + 1;

		while (*p && *p != ' ')
			p++;
		sum += strtol(p, NULL, 10);
	}
	return sum;
}

int main(void)
{
	const struct timespec tick = { 0, 100 * 1000000 };
	long before = on_kspace() ? slab_active() : 0, after = -1;
	int status;

	status = run_in_child(race);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the racing threads' process: all its checks passed (%s)", describe_status(status));
	for (int i = 0; on_kspace() && i < 50 && after != before; i++) {
		if (i)
			nanosleep(&tick, NULL);
		after = slab_active();
	}
	if (on_kspace())
		check(before > 0 && after == before,
		      "slab caches' active objects back where they were: %ld -> %ld", before, after);
	return check_status();
}
