/*
 * user/test-clock.c: the POSIX clocks. Every clock Linux has can be read, others are
 * EINVAL; MONOTONIC never goes back and moves in steps well below a tick; the CPU
 * clocks count work; clock_getres; clock_nanosleep (relative, TIMER_ABSTIME, the
 * clocks it refuses, bad timespecs) and nanosleep sleep at least what was asked;
 * the 64-bit time_t calls (403, 406, 407) agree with the 32-bit ones.
 *
 * Bad buffers go to the system call itself: glibc's wrappers convert through buffers
 * of their own (64-bit time, rlimit64) and would fault in user space first.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000UL)
#define NSEC 1000000000LL

/* The encoding of another process's CPU clock, as glibc's clock_getcpuclockid makes it. */
#define CPUCLOCK(pid, which) ((clockid_t)((~(unsigned int)(pid) << 3) | (which)))

struct kernel_timespec64 {
	int64_t tv_sec;
	int64_t tv_nsec;
};

static long long ns_of(const struct timespec *t)
{
	return t->tv_sec * NSEC + t->tv_nsec;
}

static long long now_ns(clockid_t c)
{
	struct timespec t = { 0, 0 };

	clock_gettime(c, &t);
	return ns_of(&t);
}

static void check_clock_ids(void)
{
	const clockid_t good[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
				   CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
				   CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME, CLOCK_TAI };
	const clockid_t bad[] = { 10, 12, 16, 1000, INT_MAX, INT_MIN, -1, CPUCLOCK(999999, 0),
				  CPUCLOCK(0, 3) };
	struct timespec t;
	int r;

	for (unsigned i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		r = clock_gettime(good[i], &t);
		check(r == 0 && t.tv_nsec >= 0 && t.tv_nsec < NSEC, "clock_gettime(%d) works (%ld.%09ld)",
		      good[i], (long)t.tv_sec, t.tv_nsec);
		r = clock_getres(good[i], &t);
		check(r == 0 && t.tv_sec == 0 && t.tv_nsec > 0 && t.tv_nsec <= 10000000,
		      "clock_getres(%d) is in (0, 10 ms] (%ld ns)", good[i], t.tv_nsec);
	}
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		check(failed_with(clock_gettime(bad[i], &t), EINVAL), "clock_gettime(%d): EINVAL", bad[i]);
		check(failed_with(clock_getres(bad[i], &t), EINVAL), "clock_getres(%d): EINVAL", bad[i]);
	}
	check(clock_gettime(CPUCLOCK(0, 2), &t) == 0, "clock_gettime(the caller's CPU clock, by pid 0)");
	check(clock_gettime(CPUCLOCK(getpid(), 2), &t) == 0, "clock_gettime(the caller's CPU clock, by pid)");
	check(clock_getres(CLOCK_MONOTONIC, NULL) == 0, "clock_getres(MONOTONIC, NULL) is 0");
	check(failed_with(syscall(__NR_clock_gettime, CLOCK_MONOTONIC, NULL), EFAULT), "clock_gettime(NULL): EFAULT");
	check(failed_with(syscall(__NR_clock_gettime, CLOCK_REALTIME, KERNEL_ADDR), EFAULT),
	      "clock_gettime(kernel address): EFAULT");
	check(failed_with(syscall(__NR_clock_gettime, CLOCK_REALTIME, text_page), EFAULT) && text_page_intact(),
	      "clock_gettime into read-only text: EFAULT, text intact");
	check(failed_with(syscall(__NR_clock_getres, CLOCK_REALTIME, KERNEL_ADDR), EFAULT),
	      "clock_getres(kernel address): EFAULT");
}

/* Never back; and some consecutive readings less than a millisecond apart, but not equal. */
static void check_monotonic(void)
{
	long long prev = now_ns(CLOCK_MONOTONIC), t, min_step = NSEC;
	int backwards = 0;

	for (int i = 0; i < 20000; i++) {
		t = now_ns(CLOCK_MONOTONIC);
		if (t < prev)
			backwards++;
		if (t > prev && t - prev < min_step)
			min_step = t - prev;
		prev = t;
	}
	check(backwards == 0, "CLOCK_MONOTONIC never went back in 20000 readings (%d times)", backwards);
	check(min_step < 1000000, "it moves in steps below a millisecond (smallest %lld ns)", min_step);

	struct timeval tv;
	long long real = now_ns(CLOCK_REALTIME);
	gettimeofday(&tv, NULL);
	long long diff = tv.tv_sec * NSEC + tv.tv_usec * 1000LL - real;
	check(diff > -1000 && diff < NSEC / 10, /* it shows microseconds: up to 1 us lower */
	      "gettimeofday agrees with CLOCK_REALTIME (%lld ns later)", diff);
	check(real / NSEC > 1600000000LL, "CLOCK_REALTIME is past 2020 (%lld)", real / NSEC);
}

static void check_cpu_clocks(void)
{
	long long p0 = now_ns(CLOCK_PROCESS_CPUTIME_ID), m0 = now_ns(CLOCK_MONOTONIC), p1;

	while (now_ns(CLOCK_MONOTONIC) - m0 < 200000000)
		for (volatile int i = 0; i < 10000; i++)
			;
	p1 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	check(p1 - p0 >= 100000000, "200 ms of work move PROCESS_CPUTIME by %lld ms", (p1 - p0) / 1000000);
	check(now_ns(CLOCK_THREAD_CPUTIME_ID) >= p1, "THREAD_CPUTIME is at least as far");
}

static long long sleep_ms(clockid_t c, int flags, long long ns, int *ret)
{
	long long t0 = now_ns(CLOCK_MONOTONIC);
	struct timespec req;

	if (flags & TIMER_ABSTIME)
		ns += now_ns(c);
	req.tv_sec = ns / NSEC;
	req.tv_nsec = ns % NSEC;
	*ret = clock_nanosleep(c, flags, &req, NULL);
	return (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
}

static void check_clock_nanosleep(void)
{
	struct timespec t = { 0, 0 }, rem;
	int r;
	long long ms;

	ms = sleep_ms(CLOCK_MONOTONIC, 0, 50000000, &r);
	check(r == 0 && ms >= 50, "clock_nanosleep(MONOTONIC, 50 ms) sleeps %lld ms", ms);
	ms = sleep_ms(CLOCK_REALTIME, 0, 30000000, &r);
	check(r == 0 && ms >= 30, "clock_nanosleep(REALTIME, 30 ms) sleeps %lld ms", ms);
	ms = sleep_ms(CLOCK_MONOTONIC, TIMER_ABSTIME, 50000000, &r);
	check(r == 0 && ms >= 50, "TIMER_ABSTIME now + 50 ms sleeps %lld ms", ms);
	ms = sleep_ms(CLOCK_BOOTTIME, TIMER_ABSTIME, 20000000, &r);
	check(r == 0 && ms >= 20, "BOOTTIME, TIMER_ABSTIME now + 20 ms sleeps %lld ms", ms);
	struct timespec past = { 0, 1 };
	long long t0 = now_ns(CLOCK_MONOTONIC);
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL);
	ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
	check(r == 0 && ms < 20, "TIMER_ABSTIME in the past returns at once (%lld ms)", ms);
	ms = sleep_ms(CLOCK_MONOTONIC, 0, 0, &r);
	check(r == 0 && ms < 20, "a zero sleep returns at once (%lld ms)", ms);
	r = clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME, &past, NULL);
	check(r == 0, "PROCESS_CPUTIME, a time already passed: 0 at once (%d)", r);

	const struct timespec bad[] = { { 0, NSEC }, { 0, -1 }, { -1, 0 }, { INT_MIN, 0 }, { 0, INT_MAX } };
	for (int i = 0; i < 5; i++) {
		r = clock_nanosleep(CLOCK_MONOTONIC, 0, &bad[i], &rem);
		check(r == EINVAL, "clock_nanosleep({%ld, %ld}) is EINVAL (%d)", (long)bad[i].tv_sec,
		      bad[i].tv_nsec, r);
		check(failed_with(nanosleep(&bad[i], &rem), EINVAL), "nanosleep({%ld, %ld}) is EINVAL",
		      (long)bad[i].tv_sec, bad[i].tv_nsec);
	}
	check(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &t, NULL) == EINVAL,
	      "clock_nanosleep(THREAD_CPUTIME) is EINVAL (glibc's answer)");
	r = syscall(__NR_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, NULL, NULL);
	check(failed_with(r, ENOTSUP), "the kernel has no sleep on THREAD_CPUTIME: EOPNOTSUPP, before "
	      "reading the timespec (%s)", describe_result(r));
	r = syscall(__NR_clock_nanosleep, CPUCLOCK(0, 6), 0, &t, NULL);
	check(failed_with(r, EINVAL), "the caller's thread clock by CPUCLOCK encoding: EINVAL (%s)",
	      describe_result(r));
	r = syscall(__NR_clock_nanosleep, CPUCLOCK(0, 6), 0, NULL, NULL);
	check(failed_with(r, EFAULT), "the same with a NULL timespec: EFAULT, read first (%s)",
	      describe_result(r));
	check(clock_nanosleep(CPUCLOCK(999999, 2), 0, &t, NULL) == EINVAL,
	      "clock_nanosleep on the CPU clock of no process is EINVAL");
	check(clock_nanosleep(10, 0, &t, NULL) == EINVAL, "clock_nanosleep(10) is EINVAL");
	check(clock_nanosleep(INT_MIN, 0, &t, NULL) == EINVAL, "clock_nanosleep(INT_MIN) is EINVAL");
	check(clock_nanosleep(CLOCK_MONOTONIC_RAW, 0, &t, NULL) == ENOTSUP,
	      "clock_nanosleep(MONOTONIC_RAW) is EOPNOTSUPP");
	check(clock_nanosleep(CLOCK_MONOTONIC_COARSE, 0, &t, NULL) == ENOTSUP,
	      "clock_nanosleep(MONOTONIC_COARSE) is EOPNOTSUPP");
	check(failed_with(syscall(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, NULL, NULL), EFAULT), "clock_nanosleep(NULL) is EFAULT");
	check(failed_with(syscall(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, KERNEL_ADDR, NULL), EFAULT),
	      "clock_nanosleep(kernel address) is EFAULT");
	check(failed_with(syscall(__NR_nanosleep, NULL, NULL), EFAULT), "nanosleep(NULL): EFAULT");
	check(failed_with(syscall(__NR_nanosleep, KERNEL_ADDR, NULL), EFAULT), "nanosleep(kernel address): EFAULT");

	struct timespec req = { 0, 30000000 };
	t0 = now_ns(CLOCK_MONOTONIC);
	check(nanosleep(&req, NULL) == 0 && now_ns(CLOCK_MONOTONIC) - t0 >= 30000000,
	      "nanosleep(30 ms) sleeps at least 30 ms");
	req.tv_nsec = 0;
	check(nanosleep(&req, KERNEL_ADDR) == 0, "nanosleep(0) with a bad rem: 0, rem unused");
}

/* The time64 calls: 64-bit seconds, and on i386 the high half of tv_nsec is padding. */
static void check_time64(void)
{
	struct kernel_timespec64 t64 = { 0, 0 }, req = { 0, 10000000 };
	struct timespec t32;
	long r;

	r = syscall(__NR_clock_gettime64, CLOCK_REALTIME, &t64);
	clock_gettime(CLOCK_REALTIME, &t32);
	check(r == 0 && t32.tv_sec - t64.tv_sec <= 1 && t64.tv_nsec >= 0 && t64.tv_nsec < NSEC,
	      "clock_gettime64 agrees with clock_gettime (%lld s)", (long long)t64.tv_sec);
	r = syscall(__NR_clock_getres_time64, CLOCK_MONOTONIC, &t64);
	check(r == 0 && t64.tv_sec == 0 && t64.tv_nsec > 0, "clock_getres_time64 (%lld ns)",
	      (long long)t64.tv_nsec);
	check(failed_with(syscall(__NR_clock_gettime64, 10, &t64), EINVAL), "clock_gettime64(10): EINVAL");
	check(failed_with(syscall(__NR_clock_gettime64, CLOCK_MONOTONIC, KERNEL_ADDR), EFAULT),
	      "clock_gettime64(kernel address): EFAULT");
	r = syscall(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &req, NULL);
	check(r == 0, "clock_nanosleep_time64(10 ms) (%s)", describe_result(r));
	req.tv_nsec = (int64_t)0x7fffffff00000000LL | 1000;
	r = syscall(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &req, NULL);
	check(r == 0, "the high half of tv_nsec is ignored on i386 (%s)", describe_result(r));
	req.tv_nsec = NSEC;
	r = syscall(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &req, NULL);
	check(failed_with(r, EINVAL), "clock_nanosleep_time64 with tv_nsec 1e9: EINVAL");
	req = (struct kernel_timespec64){ -1, 0 };
	r = syscall(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &req, NULL);
	check(failed_with(r, EINVAL), "clock_nanosleep_time64 with tv_sec -1: EINVAL");
}

int main(void)
{
	check_clock_ids();
	check_monotonic();
	check_cpu_clocks();
	check_clock_nanosleep();
	check_time64();
	return check_status();
}
