/*
 * user/test-futex.c: futex FUTEX_WAIT and FUTEX_WAKE (and their _PRIVATE forms) and
 * futex_time64. Without memory shared between processes nobody else can wake a
 * waiter, so the waits here end by their timeout: EAGAIN when the word is not the
 * value expected, ETIMEDOUT after at least the time asked, EINVAL/EFAULT for bad
 * words and timeouts, ENOSYS for unknown operations (and FUTEX_CLOCK_REALTIME on a
 * plain FUTEX_WAIT, as Linux); FUTEX_WAKE with no waiter returns 0. The operations
 * that need a waiter are test-futex-threads.c's.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000UL)

struct kernel_timespec64 {
	int64_t tv_sec;
	int64_t tv_nsec;
};

static long futex(void *uaddr, int op, unsigned int val, const void *timeout)
{
	return syscall(__NR_futex, uaddr, op, val, timeout, NULL, 0);
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static unsigned int word __attribute__((aligned(8))) = 42;

static void check_wait(void)
{
	struct timespec t50 = { 0, 50 * 1000000 }, zero = { 0, 0 };
	long long t0;
	long r;

	r = futex(&word, FUTEX_WAIT, 41, NULL);
	check(failed_with(r, EAGAIN), "FUTEX_WAIT with *uaddr != val: EAGAIN (%s)", describe_result(r));
	r = futex(&word, FUTEX_WAIT_PRIVATE, 0, &t50);
	check(failed_with(r, EAGAIN), "FUTEX_WAIT_PRIVATE too, before any timeout (%s)", describe_result(r));
	t0 = now_ms();
	r = futex(&word, FUTEX_WAIT, 42, &t50);
	check(failed_with(r, ETIMEDOUT) && now_ms() - t0 >= 50,
	      "FUTEX_WAIT 50 ms: ETIMEDOUT after %lld ms (%s)", now_ms() - t0, describe_result(r));
	t0 = now_ms();
	r = futex(&word, FUTEX_WAIT_PRIVATE, 42, &t50);
	check(failed_with(r, ETIMEDOUT) && now_ms() - t0 >= 50,
	      "FUTEX_WAIT_PRIVATE 50 ms: ETIMEDOUT after %lld ms", now_ms() - t0);
	t0 = now_ms();
	r = futex(&word, FUTEX_WAIT, 42, &zero);
	check(failed_with(r, ETIMEDOUT) && now_ms() - t0 < 20, "a zero timeout: ETIMEDOUT at once (%s)",
	      describe_result(r));
}

static void check_bad_wait(void)
{
	struct timespec t10 = { 0, 10 * 1000000 };
	const struct timespec bad[] = { { 0, 1000000000 }, { 0, -1 }, { -1, 0 }, { INT_MIN, 0 } };
	char *edge = heap_edge();
	long r;

	r = futex((char *)&word + 1, FUTEX_WAIT, 42, &t10);
	check(failed_with(r, EINVAL), "FUTEX_WAIT on an unaligned word: EINVAL (%s)", describe_result(r));
	r = futex(NULL, FUTEX_WAIT, 0, &t10);
	check(failed_with(r, EFAULT), "FUTEX_WAIT on NULL: EFAULT (%s)", describe_result(r));
	r = futex(KERNEL_ADDR, FUTEX_WAIT, 0, &t10);
	check(failed_with(r, EFAULT), "FUTEX_WAIT on a kernel address: EFAULT (%s)", describe_result(r));
	r = futex(edge, FUTEX_WAIT_PRIVATE, 0, &t10);
	check(failed_with(r, EFAULT), "FUTEX_WAIT on unmapped memory: EFAULT (%s)", describe_result(r));
	r = futex((void *)0xBFFFFFFEUL, FUTEX_WAIT, 0, &t10);
	check(failed_with(r, EINVAL), "an unaligned word is EINVAL before any address check (%s)",
	      describe_result(r));
	for (int i = 0; i < 4; i++) {
		r = futex(&word, FUTEX_WAIT, 42, &bad[i]);
		check(failed_with(r, EINVAL), "timeout {%ld, %ld}: EINVAL (%s)", (long)bad[i].tv_sec,
		      bad[i].tv_nsec, describe_result(r));
	}
	r = futex(&word, FUTEX_WAIT, 42, KERNEL_ADDR);
	check(failed_with(r, EFAULT), "timeout at a kernel address: EFAULT (%s)", describe_result(r));
	r = futex(NULL, FUTEX_WAIT, 42, KERNEL_ADDR);
	check(failed_with(r, EFAULT), "a bad timeout is found before a bad word (%s)", describe_result(r));
}

static void check_wake(void)
{
	long r;

	r = futex(&word, FUTEX_WAKE, 1, NULL);
	check(r == 0, "FUTEX_WAKE with no waiter: 0 (%s)", describe_result(r));
	r = futex(&word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL);
	check(r == 0, "FUTEX_WAKE_PRIVATE INT_MAX: 0 (%s)", describe_result(r));
	r = futex(&word, FUTEX_WAKE, 0, NULL);
	check(r == 0, "FUTEX_WAKE 0: 0 (%s)", describe_result(r));
	r = futex(&word, FUTEX_WAKE, -1, NULL);
	check(r == 0, "FUTEX_WAKE -1: 0 (%s)", describe_result(r));
	r = futex((char *)&word + 2, FUTEX_WAKE, 1, NULL);
	check(failed_with(r, EINVAL), "FUTEX_WAKE on an unaligned word: EINVAL (%s)", describe_result(r));
	r = futex(KERNEL_ADDR, FUTEX_WAKE_PRIVATE, 1, NULL);
	check(failed_with(r, EFAULT), "FUTEX_WAKE_PRIVATE on a kernel address: EFAULT (%s)",
	      describe_result(r));
	r = futex(NULL, FUTEX_WAKE_PRIVATE, 1, NULL);
	check(r == 0, "FUTEX_WAKE_PRIVATE on NULL: 0, the word is never read (%s)", describe_result(r));
	r = futex(NULL, FUTEX_WAKE, 1, NULL);
	check(failed_with(r, EFAULT), "shared FUTEX_WAKE on NULL: EFAULT, its page must exist (%s)",
	      describe_result(r));
	r = futex((void *)text_page, FUTEX_WAKE, 1, NULL);
	check(r == 0, "FUTEX_WAKE on read-only text: 0 (%s)", describe_result(r));
}

static void check_ops(void)
{
	struct timespec t10 = { 0, 10 * 1000000 };
	const int bad_ops[] = { 99, 100, -1, INT_MAX };
	long r;

	for (int i = 0; i < 4; i++) {
		r = futex(&word, bad_ops[i], 0, NULL);
		check(failed_with(r, ENOSYS), "futex op %d: ENOSYS (%s)", bad_ops[i], describe_result(r));
	}
	r = futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 42, &t10);
	check(failed_with(r, ENOSYS), "FUTEX_WAIT | FUTEX_CLOCK_REALTIME: ENOSYS (%s)", describe_result(r));
}

static void check_time64(void)
{
	struct kernel_timespec64 t = { 0, 30 * 1000000 };
	long long t0 = now_ms();
	long r;

	r = syscall(__NR_futex_time64, &word, FUTEX_WAIT, 42, &t, NULL, 0);
	check(failed_with(r, ETIMEDOUT) && now_ms() - t0 >= 30,
	      "futex_time64 FUTEX_WAIT 30 ms: ETIMEDOUT after %lld ms", now_ms() - t0);
	r = syscall(__NR_futex_time64, &word, FUTEX_WAIT, 41, &t, NULL, 0);
	check(failed_with(r, EAGAIN), "futex_time64 with *uaddr != val: EAGAIN");
	t.tv_nsec = 1000000000;
	r = syscall(__NR_futex_time64, &word, FUTEX_WAIT, 42, &t, NULL, 0);
	check(failed_with(r, EINVAL), "futex_time64 timeout tv_nsec 1e9: EINVAL");
	t = (struct kernel_timespec64){ -1, 0 };
	r = syscall(__NR_futex_time64, &word, FUTEX_WAIT, 42, &t, NULL, 0);
	check(failed_with(r, EINVAL), "futex_time64 timeout tv_sec -1: EINVAL");
	r = syscall(__NR_futex_time64, &word, FUTEX_WAKE, 1, NULL, NULL, 0);
	check(r == 0, "futex_time64 FUTEX_WAKE: 0");
}

int main(void)
{
	check_wait();
	check_bad_wait();
	check_wake();
	check_ops();
	check_time64();
	return check_status();
}
