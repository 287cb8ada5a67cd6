/*
 * kernel/posix-timers.c: the POSIX clocks, clock_gettime, clock_getres and
 * clock_nanosleep, in their 32-bit (265-267) and 64-bit time_t (403-407) forms, as
 * Linux's kernel/time/posix-timers.c and posix-cpu-timers.c define them (kspace has
 * the clocks, not yet the timers).
 *
 * REALTIME and MONOTONIC read the tick count interpolated by the PIT's counter
 * (resolution about 1 us). BOOTTIME is MONOTONIC (nothing suspends), MONOTONIC_RAW
 * too (nothing slews the clock), TAI is REALTIME (offset 0, as Linux's default), and
 * the _ALARM clocks read as their base clocks. The _COARSE clocks are the plain tick.
 * The CPU-time clocks count ticks (utime + stime); a negative clock id names another
 * process's CPU clock, encoded as Linux's CPUCLOCK macros do.
 */
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/jiffies.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>
#include <uapi/linux/time.h>


/* A negative id: ~pid << 3 | perthread << 2 | which (PROF, VIRT, SCHED). */
#define CPUCLOCK_PID(clock) ((pid_t) ~((clock) >> 3))
#define CPUCLOCK_WHICH(clock) ((clock) & 3)
#define CPUCLOCK_VIRT 1
#define CPUCLOCK_MAX 3

#define NSEC_PER_TICK (NSEC_PER_SEC / HZ)
#define HRES_RESOLUTION 1 /* ns: what Linux reports for its high-resolution clocks */

/* The task whose CPU time clock names, or NULL if none: -EINVAL for the caller. */
static struct task_struct *cpu_clock_task(clockid_t clock)
{
	if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID)
		return current;
	if (clock >= 0 || CPUCLOCK_WHICH(clock) >= CPUCLOCK_MAX)
		return NULL;
	return CPUCLOCK_PID(clock) ? find_task_by_pid(CPUCLOCK_PID(clock)) : current;
}

static bool is_cpu_clock(clockid_t clock)
{
	return clock < 0 || clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID;
}

static s64 cpu_clock_ns(clockid_t clock, const struct task_struct *p)
{
	unsigned long ticks = p->utime;

	if (clock < 0 && CPUCLOCK_WHICH(clock) == CPUCLOCK_VIRT)
		return (s64)ticks * NSEC_PER_TICK; /* user time only */
	return (s64)(ticks + p->stime) * NSEC_PER_TICK;
}

/* Now on clock, in nanoseconds; -EINVAL for a clock Linux does not have. */
static int clock_read_ns(clockid_t clock, s64 *ns)
{
	struct task_struct *p;

	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_REALTIME_COARSE:
		*ns = ktime_get_real_ns() / NSEC_PER_TICK * NSEC_PER_TICK;
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		*ns = (s64)jiffies * NSEC_PER_TICK;
		return 0;
	}
	p = is_cpu_clock(clock) ? cpu_clock_task(clock) : NULL;
	if (!p)
		return -EINVAL;
	*ns = cpu_clock_ns(clock, p);
	return 0;
}

static int clock_res_ns(clockid_t clock, s64 *ns)
{
	s64 now;
	int err = clock_read_ns(clock, &now);

	if (err)
		return err;
	*ns = clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE || is_cpu_clock(clock)
		      ? NSEC_PER_TICK : HRES_RESOLUTION;
	return 0;
}

/* The clock's reading (or, with res, its resolution) as a timespec; -EINVAL if none. */
static int clock_timespec(clockid_t clock, bool res, struct timespec64 *ts)
{
	s64 ns;
	int err = res ? clock_res_ns(clock, &ns) : clock_read_ns(clock, &ns);

	if (!err)
		*ts = ns_to_timespec64(ns);
	return err;
}

long sys_clock_gettime(clockid_t clock, struct old_timespec32 __user *tp)
{
	struct timespec64 ts;

	return clock_timespec(clock, false, &ts) ?: put_old_timespec32(&ts, tp);
}

long sys_clock_gettime64(clockid_t clock, struct __kernel_timespec __user *tp)
{
	struct timespec64 ts;

	return clock_timespec(clock, false, &ts) ?: put_timespec64(&ts, tp);
}

/* As on Linux, a NULL tp is fine: the call then only says whether the clock exists. */
long sys_clock_getres(clockid_t clock, struct old_timespec32 __user *tp)
{
	struct timespec64 ts;

	return clock_timespec(clock, true, &ts) ?: tp ? put_old_timespec32(&ts, tp) : 0;
}

long sys_clock_getres_time64(clockid_t clock, struct __kernel_timespec __user *tp)
{
	struct timespec64 ts;

	return clock_timespec(clock, true, &ts) ?: tp ? put_timespec64(&ts, tp) : 0;
}

/*
 * Whether clock can be slept on at all, checked before the timespec is read, as
 * Linux does: unknown ids are -EINVAL; the coarse and raw clocks, the calling
 * thread's CPU clock, and the negative ids of posix-clock devices (low bits 3) have
 * no nsleep (-EOPNOTSUPP; glibc's clock_nanosleep turns THREAD_CPUTIME's into EINVAL).
 */
static int nsleep_check(clockid_t clock)
{
	s64 now;

	if (clock < 0)
		return (clock & 7) == 3 ? -EOPNOTSUPP : 0;
	if (clock_read_ns(clock, &now))
		return -EINVAL;
	if (clock == CLOCK_MONOTONIC_RAW || clock == CLOCK_REALTIME_COARSE ||
	    clock == CLOCK_MONOTONIC_COARSE || clock == CLOCK_THREAD_CPUTIME_ID)
		return -EOPNOTSUPP;
	return 0;
}

/* A thread may not sleep on its own thread clock named by pid; the process must exist. */
static int cpu_nsleep_check(clockid_t clock)
{
	bool perthread = clock < 0 && (clock & 4);

	if (perthread && (!CPUCLOCK_PID(clock) || CPUCLOCK_PID(clock) == current->pid))
		return -EINVAL;
	return cpu_clock_task(clock) ? 0 : -EINVAL;
}

/*
 * A process's CPU clock advances only while it runs, so the caller sleeping on its
 * own clock waits for a deadline that never comes: as on Linux, until a signal.
 * Another process's clock is polled once a tick.
 */
static long cpu_nsleep(clockid_t clock, s64 deadline)
{
	struct task_struct *p;
	long err;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE); /* before the tests: no wake-up is lost */
		p = cpu_clock_task(clock);
		if (!p || p->state == TASK_ZOMBIE)
			err = -EINVAL; /* Linux: the clock's process is gone */
		else if (cpu_clock_ns(clock, p) >= deadline)
			err = 0;
		else if (signal_pending(current))
			err = -EINTR;
		else {
			schedule_timeout(p == current ? MAX_SCHEDULE_TIMEOUT : 1);
			continue;
		}
		set_current_state(TASK_RUNNING);
		return err;
	}
}

/*
 * Sleep until *t on clock (TIMER_ABSTIME) or for *t. On a signal: -EINTR, with the
 * time left in *t for a relative sleep.
 */
static long do_clock_nanosleep(clockid_t clock, int flags, struct timespec64 *t)
{
	s64 now, req = timespec64_to_ns(t), left;
	long err;

	if (!timespec64_valid(t))
		return -EINVAL;
	err = is_cpu_clock(clock) ? cpu_nsleep_check(clock) : 0;
	if (err)
		return err;
	clock_read_ns(clock, &now);
	if (is_cpu_clock(clock)) {
		s64 deadline = flags & TIMER_ABSTIME ? req : (req > KTIME_MAX - now ? KTIME_MAX : now + req);

		err = cpu_nsleep(clock, deadline);
		clock_read_ns(clock, &now);
		left = deadline - now;
	} else {
		err = do_nanosleep(flags & TIMER_ABSTIME ? req - now : req, &left);
	}
	if (err == -EINTR && !(flags & TIMER_ABSTIME))
		*t = ns_to_timespec64(left > 0 ? left : 0);
	return err;
}

long sys_clock_nanosleep(clockid_t clock, int flags, const struct old_timespec32 __user *rqtp,
			 struct old_timespec32 __user *rmtp)
{
	struct timespec64 t;
	long err = nsleep_check(clock);

	if (err)
		return err;
	if (get_old_timespec32(&t, rqtp))
		return -EFAULT;
	err = do_clock_nanosleep(clock, flags, &t);
	if (err == -EINTR && !(flags & TIMER_ABSTIME) && rmtp && put_old_timespec32(&t, rmtp))
		return -EFAULT;
	return err;
}

long sys_clock_nanosleep_time64(clockid_t clock, int flags, const struct __kernel_timespec __user *rqtp,
				struct __kernel_timespec __user *rmtp)
{
	struct timespec64 t;
	long err = nsleep_check(clock);

	if (err)
		return err;
	if (get_timespec64(&t, rqtp))
		return -EFAULT;
	err = do_clock_nanosleep(clock, flags, &t);
	if (err == -EINTR && !(flags & TIMER_ABSTIME) && rmtp && put_timespec64(&t, rmtp))
		return -EFAULT;
	return err;
}
