/*
 * user/test-futex-threads.c: the futex operations that need waiters, with threads made
 * by the raw clone system call (as in test-threads.c) so that it builds against both
 * libcs: the errors of every operation, FUTEX_REQUEUE and FUTEX_CMP_REQUEUE moving a
 * waiter to another word, FUTEX_WAKE_OP's operations and comparisons, the bitset
 * calls, and keys: a private futex stays in its process, one in MAP_SHARED memory joins
 * two. test-futex.c has the waits that end by themselves.
 */
#include <errno.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "clone_thread.h"

/* pthread_create's flags: CLONE_VM | FS | FILES | SIGHAND | THREAD | SYSVSEM | CHILD_CLEARTID */
#define THREAD_FLAGS 0x00250f00
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE_OP (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE_OP (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE_OP (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))
#define STACK_SIZE 16384

/* A raw futex call (the threads here have no errno of their own): the result or -errno. */
static long futex(volatile int *word, int op, int val, const struct timespec *ts)
{
	long r;

	__asm__ __volatile__("int $0x80"
			     : "=a"(r)
			     : "0"(__NR_futex), "b"(word), "c"(op), "d"(val), "S"(ts), "D"(0)
			     : "memory");
	return r;
}

static char stacks[3][STACK_SIZE] __attribute__((aligned(16)));

/* A thread on stack calling fn(arg); *ctid is cleared (and woken) when it exits. */
static void spawn(void *stack, volatile int *ctid, int (*fn)(void *), void *arg)
{
	if (clone_thread(THREAD_FLAGS, (char *)stack + STACK_SIZE, NULL, NULL, ctid, fn, arg) < 0)
		*ctid = 0; /* no thread (ENOMEM when allocations fail on purpose): none to join */
}

/* pthread_join's wait: the kernel clears *ctid at the thread's exit and wakes it. */
static void join(volatile int *ctid)
{
	int tid;

	while ((tid = *ctid) != 0)
		futex(ctid, FUTEX_WAIT, tid, NULL);
}

static int wait_status(pid_t pid)
{
	int status = -1;

	return waitpid(pid, &status, 0) == pid ? status : -1;
}

/* The six-argument form (val3 goes in %ebp): through the libc's syscall(), as -errno. */
static long futex6(volatile int *word, int op, int val, long val2, volatile int *word2, int val3)
{
	long r = syscall(__NR_futex, word, op, val, val2, word2, val3);

	return r == -1 ? -errno : r;
}

static volatile int word_a, word_b, woke_count, ready_count;

/* Wait once on the word arg points at (while it is 0), then count the wake-up. */
static int wait_once(void *arg)
{
	volatile int *word = arg;

	__atomic_add_fetch(&ready_count, 1, __ATOMIC_SEQ_CST);
	futex(word, FUTEX_WAIT_PRIVATE_OP, 0, NULL);
	__atomic_add_fetch(&woke_count, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* Until n threads have said they are about to wait, then a little longer to be asleep. */
static void settle(int n)
{
	struct timespec ms = { 0, 10000000 };

	for (int i = 0; i < 300 && ready_count < n; i++)
		nanosleep(&ms, NULL);
	ms.tv_nsec = 60000000;
	nanosleep(&ms, NULL);
}

static void check_futex_errors(void)
{
	struct timespec ts = { 0, 20000000 }, bad = { 0, 1000000000 }, past = { 0, 0 };
	static int misaligned[2];
	volatile int w = 0;

	check(futex(&w, FUTEX_WAIT, 1, NULL) == -EAGAIN, "FUTEX_WAIT on a changed value: EAGAIN");
	check(futex(&w, FUTEX_WAIT, 0, &ts) == -ETIMEDOUT,
	      "FUTEX_WAIT with a 20 ms timeout: ETIMEDOUT");
	check(futex(&w, FUTEX_WAIT, 0, &bad) == -EINVAL,
	      "FUTEX_WAIT with tv_nsec 10^9: EINVAL");
	check(futex((volatile int *)((char *)misaligned + 1), FUTEX_WAIT, 0, NULL) == -EINVAL,
	      "FUTEX_WAIT on a misaligned word: EINVAL");
	check(futex((volatile int *)0xC0000000UL, FUTEX_WAIT, 0, NULL) == -EFAULT,
	      "FUTEX_WAIT on a kernel address: EFAULT");
	check(futex(&w, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &ts) == -ENOSYS,
	      "FUTEX_WAIT with FUTEX_CLOCK_REALTIME: ENOSYS");
	check(futex6(&w, FUTEX_WAIT_BITSET, 0, (long)&ts, NULL, 0) == -EINVAL,
	      "FUTEX_WAIT_BITSET with bitset 0: EINVAL");
	check(futex6(&w, FUTEX_WAIT_BITSET, 0, (long)&past, NULL, -1) == -ETIMEDOUT,
	      "FUTEX_WAIT_BITSET with an absolute deadline of 0 (monotonic): ETIMEDOUT");
	check(futex6(&w, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, (long)&past, NULL, -1) ==
		      -ETIMEDOUT,
	      "FUTEX_WAIT_BITSET on CLOCK_REALTIME, deadline 1970: ETIMEDOUT");
	check(futex(&w, FUTEX_WAKE, 1, NULL) == 0, "FUTEX_WAKE with nobody waiting: 0");
	check(futex6(&w, FUTEX_WAKE_BITSET, 1, 0, NULL, 0) == -EINVAL,
	      "FUTEX_WAKE_BITSET with bitset 0: EINVAL");
	check(futex6(&w, FUTEX_REQUEUE, 1, -1, &word_b, 0) == -EINVAL,
	      "FUTEX_REQUEUE of a negative number: EINVAL");
	check(futex6(&w, FUTEX_WAKE_OP, 1, 1, &word_b, FUTEX_OP(7, 0, 0, 0)) == -ENOSYS,
	      "FUTEX_WAKE_OP with an unknown operation: ENOSYS");
	check(futex6(&w, FUTEX_WAKE_OP, 1, 1, (volatile int *)text_page, FUTEX_OP(0, 1, 0, 0)) ==
		      -EFAULT,
	      "FUTEX_WAKE_OP on read-only memory: EFAULT");
	check(futex(&w, 99, 0, NULL) == -ENOSYS, "futex op 99: ENOSYS");
}

static void check_requeue(void)
{
	volatile int ctid[3] = { -1, -1, -1 };
	long r;

	word_a = word_b = woke_count = ready_count = 0;
	for (int i = 0; i < 3; i++)
		spawn(stacks[i], &ctid[i], wait_once, (void *)&word_a);
	settle(3);
	r = futex6(&word_a, FUTEX_CMP_REQUEUE_PRIVATE_OP, 1, 1, &word_b, 5);
	check(r == -EAGAIN, "FUTEX_CMP_REQUEUE when the word is not val3: EAGAIN (%ld)", r);
	r = futex6(&word_a, FUTEX_CMP_REQUEUE_PRIVATE_OP, 1, 1, &word_b, 0);
	check(r == 2, "FUTEX_CMP_REQUEUE(wake 1, requeue 1) of 3 waiters: 2 (%ld)", r);
	settle(3);
	check(woke_count == 1, "one waiter woke (%d)", woke_count);
	r = futex(&word_b, FUTEX_WAKE_PRIVATE_OP, 10, NULL);
	check(r == 1, "the requeued one waits on the second word: FUTEX_WAKE there wakes 1 (%ld)", r);
	r = futex(&word_a, FUTEX_WAKE_PRIVATE_OP, 10, NULL);
	check(r == 1, "and one is left on the first word (%ld)", r);
	for (int i = 0; i < 3; i++)
		join(&ctid[i]);
	check(woke_count == 3, "all three woke in the end (%d)", woke_count);
}

static void check_wake_op(void)
{
	volatile int ctid[2] = { -1, -1 };
	long r;

	word_a = word_b = woke_count = ready_count = 0;
	spawn(stacks[0], &ctid[0], wait_once, (void *)&word_a);
	spawn(stacks[1], &ctid[1], wait_once, (void *)&word_b);
	settle(2);
	r = futex6(&word_a, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, 1, &word_b,
		   FUTEX_OP(1, 5, 1, 0)); /* b += 5; wake b's waiter if old b != 0: it was 0 */
	check(r == 1 && word_b == 5, "FUTEX_WAKE_OP (ADD 5, old != 0 false): wakes only the first "
				      "word's waiter, the second word is 5 (%ld, %d)", r, word_b);
	r = futex6(&word_a, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, 1, &word_b,
		   FUTEX_OP(8 | 0, 3, 0, 5)); /* b = 1 << 3; wake b's waiter if old b == 5 */
	check(r == 1 && word_b == 8, "FUTEX_WAKE_OP (SET 1 << 3, old == 5): wakes the second "
				      "word's waiter, the word is 8 (%ld, %d)", r, word_b);
	for (int i = 0; i < 2; i++)
		join(&ctid[i]);
}

static volatile int bitset_word;

static int wait_bitset_2(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&ready_count, 1, __ATOMIC_SEQ_CST);
	futex6(&bitset_word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, 0, NULL, 2);
	return 0;
}

static void check_bitset(void)
{
	volatile int ctid = -1;
	long r;

	ready_count = 0;
	spawn(stacks[0], &ctid, wait_bitset_2, NULL);
	settle(1);
	r = futex6(&bitset_word, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 1, 0, NULL, 1);
	check(r == 0, "FUTEX_WAKE_BITSET(1) does not wake a waiter of bitset 2 (%ld)", r);
	r = futex6(&bitset_word, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 1, 0, NULL, 6);
	check(r == 1, "FUTEX_WAKE_BITSET(6) does (%ld)", r);
	join(&ctid);
}

/* A futex in MAP_SHARED memory joins two processes; a private one does not. */
static void check_shared_key(void)
{
	volatile int *shared = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct timespec ms = { 0, 10000000 };
	pid_t pid;
	long r = 0;
	int status;

	if (shared == MAP_FAILED) {
		check(false, "mmap(MAP_SHARED | MAP_ANONYMOUS)");
		return;
	}
	shared[0] = shared[1] = 0;
	pid = fork();
	if (pid == 0) {
		shared[1] = 1;
		_exit(futex(&shared[0], FUTEX_WAIT, 0, NULL) == 0 ? 0 : 1);
	}
	for (int i = 0; i < 300 && !shared[1]; i++)
		nanosleep(&ms, NULL);
	ms.tv_nsec = 60000000;
	nanosleep(&ms, NULL);
	check(futex(&shared[0], FUTEX_WAKE_PRIVATE_OP, 1, NULL) == 0,
	      "a private FUTEX_WAKE does not reach another process's waiter");
	for (int i = 0; i < 100 && r == 0; i++) {
		r = futex(&shared[0], FUTEX_WAKE, 1, NULL);
		if (!r)
			nanosleep(&ms, NULL);
	}
	check(r == 1, "a shared FUTEX_WAKE in MAP_SHARED memory wakes the other process (%ld)", r);
	status = wait_status(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "its FUTEX_WAIT returned 0 (%s)",
	      describe_status(status));
	munmap((void *)shared, PAGE_SIZE);
}

int main(void)
{
	check_futex_errors();
	check_requeue();
	check_wake_op();
	check_bitset();
	check_shared_key();
	return check_status();
}
