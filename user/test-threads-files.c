/*
 * user/test-threads-files.c: one descriptor table shared by threads on different CPUs
 * (CLONE_FILES). Reader threads, each pinned to its own CPU, call read, fstat64,
 * fcntl and mmap on one descriptor over and over, while another thread closes it,
 * dup2s a file or a pipe over it and opens new descriptors (which grows the table).
 * Every call must give a valid answer or EBADF: a file closed on another CPU stays
 * alive until the call using it is done. Afterwards (on kspace) every slab cache's
 * active objects are back where they were: no file, pipe or table is leaked.
 *
 * The threads run on their own small stacks and share the program's TLS, so they make
 * only raw system calls (no errno, no stdio); the main thread does the checking.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "clone_thread.h"

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_THREAD 0x00010000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_CHILD_CLEARTID 0x00200000
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_CHILD_CLEARTID)
#define FUTEX_WAIT 0
#define STACK_SIZE 16384
#define NR_READERS 3
#define ROUNDS 1000
#define TARGET 20   /* the descriptor the threads fight over */
#define FIRST_NEW 40 /* the mutator's new descriptors start here: past the table's first 32 */
#define NR_NEW 24
#define JOIN_SECONDS 40 /* well within runtests' 60 */
#define F "/tmp/test-threads-files"

static long raw4(long nr, long a, long b, long c, long d)
{
	long r;

	__asm__ __volatile__("int $0x80" : "=a"(r) : "0"(nr), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
	return r;
}

static long raw3(long nr, long a, long b, long c)
{
	return raw4(nr, a, b, c, 0);
}

/* A thread on stack calling fn(arg); the kernel clears *ctid when it ends. */
static long spawn(void *stack, volatile int *ctid, int (*fn)(void *), void *arg)
{
	return clone_thread(THREAD_FLAGS, (char *)stack + STACK_SIZE, NULL, NULL, ctid, fn, arg);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * pthread_join's wait: the kernel clears *word at the thread's exit and wakes it. Not
 * past deadline (ms): with allocations failing on purpose a thread may end unseen, and
 * the process's exit_group must still end the rest.
 */
static bool join(volatile int *word, long long deadline)
{
	const struct timespec tick = { 0, 100 * 1000000 };
	int tid;

	while ((tid = *word) != 0) {
		if (now_ms() > deadline)
			return false;
		raw4(__NR_futex, (long)word, FUTEX_WAIT, tid, (long)&tick);
	}
	return true;
}

static char stacks[NR_READERS + 1][STACK_SIZE] __attribute__((aligned(16)));
static unsigned long allowed_cpus;
/* Each thread's word, cleared by the kernel when it exits; the last is the mutator's. */
static volatile int tid_words[NR_READERS + 1];

struct reader {
	int cpu;              /* -1: not pinned */
	long calls, ebadf;    /* calls made, and how many found the descriptor closed */
	long bad_call, bad_r; /* the first answer that was neither valid nor EBADF */
};

static struct reader readers[NR_READERS];
static long mutator_bad_call, mutator_bad_r, mutator_rounds;

/* The n'th allowed CPU, wrapping around; -1 if the mask is empty. */
static int nth_cpu(int n)
{
	int count = __builtin_popcountl(allowed_cpus), seen = 0;

	if (!count)
		return -1;
	n %= count;
	for (int cpu = 0; cpu < 32; cpu++)
		if (allowed_cpus >> cpu & 1 && seen++ == n)
			return cpu;
	return -1;
}

static void pin_self(int cpu)
{
	unsigned long mask = 1UL << cpu;

	if (cpu >= 0)
		raw3(__NR_sched_setaffinity, 0, sizeof(mask), (long)&mask);
}

/* r is valid if ok says so, or EBADF (the descriptor was closed); otherwise the first is kept. */
static void judge(struct reader *me, long call, long r, int ok)
{
	me->calls++;
	if (r == -EBADF)
		me->ebadf++;
	else if (!ok && !me->bad_call) {
		me->bad_call = call;
		me->bad_r = r;
	}
}

static int reader(void *arg)
{
	/* i386's old mmap: its six arguments in a block */
	const unsigned long map_args[6] = { 0, 4096, PROT_READ, MAP_PRIVATE, TARGET, 0 };
	struct reader *me = arg;
	char buf[256]; /* struct stat64 and what read brings */
	long r;

	pin_self(me->cpu);
	/* until the mutator is gone, however it ends (a failed allocation may kill it) */
	while (tid_words[NR_READERS]) {
		r = raw3(__NR_read, TARGET, (long)buf, 16);
		judge(me, __NR_read, r, r >= 0 || r == -EAGAIN); /* the pipe is non-blocking */
		r = raw3(__NR_fstat64, TARGET, (long)buf, 0);
		judge(me, __NR_fstat64, r, r == 0);
		r = raw3(__NR_fcntl64, TARGET, F_GETFL, 0);
		judge(me, __NR_fcntl64, r, r >= 0);
		r = raw3(__NR_mmap, (long)&map_args, 0, 0);
		judge(me, __NR_mmap, r, (unsigned long)r < -4095UL || r == -ENODEV); /* a pipe: ENODEV */
		if ((unsigned long)r < -4095UL)
			raw3(__NR_munmap, r, 4096, 0);
		raw3(__NR_sched_yield, 0, 0, 0); /* on one CPU: the mutator's turn again */
	}
	return 0;
}

static void mutator_check(long call, long r)
{
	if (r < 0 && !mutator_bad_call) {
		mutator_bad_call = call;
		mutator_bad_r = r;
	}
}

/* One round: a file, then a pipe, put at TARGET; a new descriptor now and then; TARGET closed. */
static void mutate(int round)
{
	int p[2];
	long fd = raw3(__NR_open, (long)F, O_RDONLY, 0);

	mutator_check(__NR_open, fd);
	mutator_check(__NR_dup2, raw3(__NR_dup2, fd, TARGET, 0));
	mutator_check(__NR_close, raw3(__NR_close, fd, 0, 0));
	mutator_check(__NR_pipe2, raw3(__NR_pipe2, (long)p, O_NONBLOCK, 0));
	mutator_check(__NR_dup2, raw3(__NR_dup2, p[0], TARGET, 0));
	mutator_check(__NR_close, raw3(__NR_close, p[0], 0, 0));
	mutator_check(__NR_write, raw3(__NR_write, p[1], (long)"x", 1));
	mutator_check(__NR_close, raw3(__NR_close, p[1], 0, 0));
	if (round % 2)
		mutator_check(__NR_close, raw3(__NR_close, TARGET, 0, 0));
	/* a descriptor past the first 32 slots: the first one grows the table under the readers */
	fd = FIRST_NEW + round / 4 % NR_NEW; /* opened in a round 4k, closed in round 4k + 2 */
	if (round % 4 == 0)
		mutator_check(__NR_dup2, raw3(__NR_dup2, TARGET - 1, fd, 0));
	else if (round % 4 == 2)
		mutator_check(__NR_close, raw3(__NR_close, fd, 0, 0));
}

static int mutator(void *arg)
{
	pin_self((int)(long)arg);
	for (int round = 0; round < ROUNDS; round++, mutator_rounds++) {
		mutate(round);
		raw3(__NR_sched_yield, 0, 0, 0); /* on one CPU: each reader gets a turn each round */
	}
	raw3(__NR_close, TARGET, 0, 0);
	return 0;
}

/* The stress itself, in a child process so that its table and threads are gone after. */
static void stress(void)
{
	long long deadline = now_ms() + JOIN_SECONDS * 1000;
	int fd = open(F, O_RDONLY), joined = 0;
	long tid;

	/* TARGET - 1 stays open: the mutator dups it to its new descriptors */
	if (fd < 0 || dup2(fd, TARGET - 1) != TARGET - 1)
		exit(2);
	close(fd);
	tid_words[NR_READERS] = -1; /* the mutator's, set before the readers look at it */
	for (int i = 0; i < NR_READERS; i++) {
		readers[i].cpu = nth_cpu(i + 1);
		tid_words[i] = -1; /* cleared by the kernel at the thread's exit */
		tid = spawn(stacks[i], &tid_words[i], reader, &readers[i]);
		if (tid <= 0)
			tid_words[i] = 0;
		check(tid > 0, "reader thread %d started, pinned to CPU %d (%s)", i, readers[i].cpu,
		      describe_result(tid));
	}
	tid = spawn(stacks[NR_READERS], &tid_words[NR_READERS], mutator, (void *)(long)nth_cpu(0));
	if (tid <= 0)
		tid_words[NR_READERS] = 0;
	check(tid > 0, "mutator thread started, pinned to CPU %d", nth_cpu(0));
	for (int i = 0; i <= NR_READERS; i++)
		joined += join(&tid_words[i], deadline);
	check(joined == NR_READERS + 1, "all %d threads ended within %d s (%d did)", NR_READERS + 1,
	      JOIN_SECONDS, joined);
	check(mutator_rounds == ROUNDS && !mutator_bad_call,
	      "the mutator closed, dup2'd and opened over descriptor %d %ld times (first failure: "
	      "syscall %ld = %ld)", TARGET, mutator_rounds, mutator_bad_call, mutator_bad_r);
	for (int i = 0; i < NR_READERS; i++)
		check(readers[i].calls > 0 && !readers[i].bad_call,
		      "reader %d: %ld calls, %ld EBADF, every other answer valid (first bad: syscall "
		      "%ld = %ld)", i, readers[i].calls, readers[i].ebadf, readers[i].bad_call,
		      readers[i].bad_r);
	check(fcntl(TARGET, F_GETFD) == -1 && errno == EBADF, "descriptor %d is closed at the end",
	      TARGET);
	exit(check_status()); /* exit_group: ends any thread still running */
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

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

int main(void)
{
	long before, after = -1, r;
	long long start;
	int fd = open(F, O_CREAT | O_WRONLY | O_TRUNC, 0644), status;

	check(fd >= 0 && write(fd, "a file the threads read and map\n", 32) == 32, "made %s", F);
	close(fd);
	r = syscall(__NR_sched_getaffinity, 0, sizeof(allowed_cpus), &allowed_cpus);
	check(r > 0 && allowed_cpus, "sched_getaffinity: %d CPU(s) to spread the threads over",
	      __builtin_popcountl(allowed_cpus));
	before = on_kspace() ? slab_active() : 0;
	fflush(stdout); /* not printed twice by the child */
	start = now_ms();
	status = run_in_child(stress);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the threads' process: all its checks passed in %lld ms (%s)", now_ms() - start,
	      describe_status(status));
	/* The last frees (the process's table, its threads) may trail its exit a little. */
	for (int i = 0; on_kspace() && i < 50 && after != before; i++) {
		after = slab_active();
		if (after != before)
			sleep_ms(100);
	}
	if (on_kspace())
		check(before > 0 && after == before,
		      "slab caches' active objects back where they were: %ld -> %ld", before, after);
	unlink(F);
	return check_status();
}
