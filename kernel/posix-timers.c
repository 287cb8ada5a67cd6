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

/* The task whose CPU time clock names, or NULL if none; tasklist_lock held. */
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

/* A reading of a CPU clock, taken under tasklist_lock: another process may be reaped meanwhile. */
struct cpu_sample {
	s64 ns;
	bool zombie; /* the process has ended: its clock stands still */
	bool own;    /* the caller's: it advances only while the caller runs */
};

/* -EINVAL if clock names no task. */
static int cpu_clock_sample(clockid_t clock, struct cpu_sample *sample)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = cpu_clock_task(clock);
	if (p)
		*sample = (struct cpu_sample){ cpu_clock_ns(clock, p), p->state == TASK_ZOMBIE,
					       p == current };
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p ? 0 : -EINVAL;
}

/* Now on clock, in nanoseconds; -EINVAL for a clock Linux does not have. */
static int clock_read_ns(clockid_t clock, s64 *ns)
{
	struct cpu_sample sample;

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
	if (!is_cpu_clock(clock) || cpu_clock_sample(clock, &sample))
		return -EINVAL;
	*ns = sample.ns;
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
	struct cpu_sample sample;

	if (perthread && (!CPUCLOCK_PID(clock) || CPUCLOCK_PID(clock) == current->pid))
		return -EINVAL;
	return cpu_clock_sample(clock, &sample);
}

/*
 * A process's CPU clock advances only while it runs, so the caller sleeping on its
 * own clock waits for a deadline that never comes: as on Linux, until a signal.
 * Another process's clock is polled once a tick.
 */
static long cpu_nsleep(clockid_t clock, s64 deadline)
{
	struct cpu_sample sample;
	long err;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE); /* before the tests: no wake-up is lost */
		if (cpu_clock_sample(clock, &sample) || sample.zombie)
			err = -EINVAL; /* Linux: the clock's process is gone */
		else if (sample.ns >= deadline)
			err = 0;
		else if (signal_pending(current))
			err = -EINTR;
		else {
			schedule_timeout(sample.own ? MAX_SCHEDULE_TIMEOUT : 1);
			continue;
		}
		set_current_state(TASK_RUNNING);
		return err;
	}
}

/* Sleep until deadline (ns on clock): 0, or -EINTR with the time still left. */
static long sleep_until(clockid_t clock, s64 deadline, s64 *left)
{
	s64 now;
	long err;

	clock_read_ns(clock, &now);
	err = is_cpu_clock(clock) ? cpu_nsleep(clock, deadline) : do_nanosleep(deadline - now, left);
	clock_read_ns(clock, &now);
	*left = deadline > now ? deadline - now : 0;
	return err;
}

/*
 * A relative sleep, to the deadline in the restart block. A signal ends it early: the
 * time left goes to rmtp, and -ERESTART_RESTARTBLOCK becomes -EINTR if a handler
 * runs, or else resumes the same sleep through restart_syscall(), as Linux does.
 */
static long clock_nanosleep_restart(struct restart_block *restart)
{
	struct timespec64 t;
	s64 left;
	long err = sleep_until(restart->clockid, restart->deadline, &left);

	if (err != -EINTR)
		return err;
	t = ns_to_timespec64(left);
	if (restart->rmtp && (restart->rmtp_time64 ? put_timespec64(&t, restart->rmtp)
						   : put_old_timespec32(&t, restart->rmtp)))
		return -EFAULT;
	return -ERESTART_RESTARTBLOCK;
}

/*
 * Sleep until *t on clock (TIMER_ABSTIME) or for *t. An absolute sleep a signal
 * interrupts is simply made again if no handler runs (-ERESTARTNOHAND).
 */
static long do_clock_nanosleep(clockid_t clock, int flags, const struct timespec64 *t,
			       void __user *rmtp, bool time64)
{
	struct restart_block *restart = &current->restart_block;
	s64 now, left, req = timespec64_to_ns(t);
	long err;

	if (!timespec64_valid(t))
		return -EINVAL;
	err = is_cpu_clock(clock) ? cpu_nsleep_check(clock) : 0;
	if (err)
		return err;
	if (flags & TIMER_ABSTIME) {
		err = sleep_until(clock, req, &left);
		return err == -EINTR ? -ERESTARTNOHAND : err;
	}
	clock_read_ns(clock, &now);
	*restart = (struct restart_block){
		.fn = clock_nanosleep_restart, .clockid = clock, .rmtp = rmtp, .rmtp_time64 = time64,
		.deadline = req > KTIME_MAX - now ? KTIME_MAX : now + req,
	};
	return clock_nanosleep_restart(restart);
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
	return do_clock_nanosleep(clock, flags, &t, rmtp, false);
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
	return do_clock_nanosleep(clock, flags, &t, rmtp, true);
}
