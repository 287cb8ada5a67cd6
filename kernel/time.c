/*
 * kernel/time.c: jiffies, the clock printk stamps its lines with, the nanosecond
 * clocks (the tick count interpolated by the arch's counter), and the timespec
 * helpers the time system calls share.
 */
#include <asm/irqflags.h>
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/jiffies.h>
#include <kspace/kernel_stat.h>
#include <kspace/sched.h>
#include <kspace/spinlock.h>
#include <kspace/timer.h>

#define NSEC_PER_TICK (NSEC_PER_SEC / HZ)

volatile unsigned long jiffies;
static u64 jiffies_64; /* jiffies without the 32-bit wrap (497 days at HZ=100) */

void run_timers(void); /* kernel/timer.c */

void do_timer(void)
{
	jiffies++;
	jiffies_64++;
	run_timers();
	run_real_itimers();
	calc_global_load();
}

/* The tick's share of the running task: its CPU time, its interval timers, its time slice. */
void update_process_times(int user_tick)
{
	account_process_tick(current, user_tick);
	run_itimers(user_tick);
	scheduler_tick();
}

unsigned long long sched_clock(void)
{
	return (unsigned long long)jiffies * (1000000000ULL / HZ);
}

/*
 * The ticks plus the counter's progress into the current tick. Read with interrupts
 * off, a tick that is due but not yet counted would make the sum fall back by up to
 * a tick; the clock then holds at the last value it gave, so it never goes back.
 */
u64 ktime_get_ns(void)
{
	static DEFINE_SPINLOCK(clock_lock); /* the PIT's latch-and-read, and last, for all CPUs */
	static u64 last;
	unsigned long flags;
	u64 now;

	spin_lock_irqsave(&clock_lock, flags);
	now = jiffies_64 * NSEC_PER_TICK + arch_gettimeoffset();
	if (now < last)
		now = last;
	last = now;
	spin_unlock_irqrestore(&clock_lock, flags);
	return now;
}

bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && (unsigned long)ts->tv_nsec < NSEC_PER_SEC;
}

s64 timespec64_to_ns(const struct timespec64 *ts)
{
	if (ts->tv_sec >= KTIME_MAX / NSEC_PER_SEC)
		return KTIME_MAX;
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

struct timespec64 ns_to_timespec64(s64 ns)
{
	return (struct timespec64){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

/* Round up, plus one tick: the current tick is partly over, so the sleep is at least ns. */
long nsecs_to_sleep_ticks(s64 ns)
{
	if (ns <= 0)
		return 0;
	if (ns / NSEC_PER_TICK >= MAX_SCHEDULE_TIMEOUT - 2)
		return MAX_SCHEDULE_TIMEOUT - 1;
	return (ns + NSEC_PER_TICK - 1) / NSEC_PER_TICK + 1;
}

/* As on Linux/i386, only the low 32 bits of tv_nsec count: the high half is padding. */
int get_timespec64(struct timespec64 *ts, const struct __kernel_timespec __user *uts)
{
	struct __kernel_timespec k;

	if (copy_from_user(&k, uts, sizeof(k)))
		return -EFAULT;
	ts->tv_sec = k.tv_sec;
	ts->tv_nsec = (long)k.tv_nsec;
	return 0;
}

int put_timespec64(const struct timespec64 *ts, struct __kernel_timespec __user *uts)
{
	struct __kernel_timespec k = { ts->tv_sec, ts->tv_nsec };

	return copy_to_user(uts, &k, sizeof(k)) ? -EFAULT : 0;
}

int get_old_timespec32(struct timespec64 *ts, const struct old_timespec32 __user *uts)
{
	struct old_timespec32 t;

	if (copy_from_user(&t, uts, sizeof(t)))
		return -EFAULT;
	ts->tv_sec = t.tv_sec;
	ts->tv_nsec = t.tv_nsec;
	return 0;
}

int put_old_timespec32(const struct timespec64 *ts, struct old_timespec32 __user *uts)
{
	struct old_timespec32 t = { (s32)ts->tv_sec, ts->tv_nsec };

	return copy_to_user(uts, &t, sizeof(t)) ? -EFAULT : 0;
}
