/*
 * kernel/timer.c: timed sleeps, the wall clock, and the time system calls.
 * nanosleep() sleeps with a deadline in jiffies; the timer tick (do_timer) wakes
 * sleepers whose deadline has passed, and a signal wakes them early.
 */
#include <asm/irqflags.h>
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/jiffies.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/spinlock.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

struct sleeper {
	struct task_struct *task;
	unsigned long expires;
	struct list_head list;
};

static LIST_HEAD(sleepers);
/* Guards sleepers; the timer interrupt walks it. Order: it, then the runqueue lock. */
static DEFINE_SPINLOCK(sleepers_lock);
static unsigned long boot_seconds; /* the wall clock when jiffies was 0 */

void timekeeping_init(void)
{
	boot_seconds = read_persistent_clock();
	pr_info("time: the wall clock reads %lu seconds since the epoch\n", boot_seconds);
}

u64 ktime_get_real_ns(void)
{
	return (u64)boot_seconds * NSEC_PER_SEC + ktime_get_ns();
}

unsigned long get_seconds(void)
{
	return ktime_get_real_ns() / NSEC_PER_SEC;
}

/* From the timer interrupt: wake whoever's deadline has passed. */
void run_timers(void)
{
	struct sleeper *s;

	spin_lock(&sleepers_lock); /* interrupts are off: this is the timer interrupt */
	list_for_each_entry(s, &sleepers, list)
		if (!time_after(s->expires, jiffies))
			wake_up_process(s->task);
	spin_unlock(&sleepers_lock);
}

long schedule_timeout_interruptible(long ticks)
{
	struct sleeper s = { .task = current, .expires = jiffies + ticks };
	unsigned long flags;

	spin_lock_irqsave(&sleepers_lock, flags);
	list_add(&s.list, &sleepers);
	while (time_after(s.expires, jiffies) && !signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock_irqrestore(&sleepers_lock, flags);
		schedule();
		spin_lock_irqsave(&sleepers_lock, flags);
	}
	list_del(&s.list);
	spin_unlock_irqrestore(&sleepers_lock, flags);
	return time_after(s.expires, jiffies) ? (long)(s.expires - jiffies) : 0;
}

long schedule_timeout(long ticks)
{
	struct sleeper s = { .task = current, .expires = jiffies + ticks };
	unsigned long flags;

	if (ticks == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return ticks;
	}
	spin_lock_irqsave(&sleepers_lock, flags);
	list_add(&s.list, &sleepers);
	spin_unlock_irqrestore(&sleepers_lock, flags);
	schedule();
	spin_lock_irqsave(&sleepers_lock, flags);
	list_del(&s.list);
	spin_unlock_irqrestore(&sleepers_lock, flags);
	return time_after(s.expires, jiffies) ? (long)(s.expires - jiffies) : 0;
}

/*
 * Sleep for ns nanoseconds, at least; 0 when done, or -EINTR with what is left in
 * *left_ns when a signal came first (clock_nanosleep; nanosleep restarts instead).
 */
long do_nanosleep(s64 ns, s64 *left_ns)
{
	long left = schedule_timeout_interruptible(nsecs_to_sleep_ticks(ns));

	*left_ns = (s64)left * (NSEC_PER_SEC / HZ);
	return left ? -EINTR : 0;
}

/*
 * nanosleep's sleep until the deadline in restart->expires. A signal ends it early:
 * the time left goes to rmtp, and the call returns -ERESTART_RESTARTBLOCK, which
 * becomes -EINTR if a handler runs and otherwise (a stop and continue, an ignored
 * signal) resumes the same sleep through restart_syscall(), as Linux does.
 */
static long nanosleep_restart(struct restart_block *restart)
{
	long left = time_after(restart->expires, jiffies) ? (long)(restart->expires - jiffies) : 0;
	struct timespec64 t;

	if (left)
		left = schedule_timeout_interruptible(left);
	if (!left)
		return 0;
	t = ns_to_timespec64((s64)left * (NSEC_PER_SEC / HZ));
	if (restart->rmtp && put_old_timespec32(&t, restart->rmtp))
		return -EFAULT;
	return -ERESTART_RESTARTBLOCK;
}

long sys_nanosleep(const struct old_timespec32 __user *req, struct old_timespec32 __user *rem)
{
	struct restart_block *restart = &current->restart_block;
	struct timespec64 t;

	if (get_old_timespec32(&t, req))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	restart->fn = nanosleep_restart;
	restart->expires = jiffies + nsecs_to_sleep_ticks(timespec64_to_ns(&t));
	restart->rmtp = rem;
	return nanosleep_restart(restart);
}

/* Nothing to resume: what restart_syscall does when called out of turn. */
static long do_no_restart_syscall(struct restart_block *restart)
{
	(void)restart;
	return -EINTR;
}

long sys_restart_syscall(void)
{
	struct restart_block *restart = &current->restart_block;
	long (*fn)(struct restart_block *) = restart->fn ? restart->fn : do_no_restart_syscall;

	restart->fn = do_no_restart_syscall;
	return fn(restart);
}

long sys_gettimeofday(struct timeval_user __user *tv, void __user *tz)
{
	u64 now = ktime_get_real_ns();
	struct timeval_user t = { now / NSEC_PER_SEC, now % NSEC_PER_SEC / NSEC_PER_USEC };

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && clear_user(tz, 8))
		return -EFAULT;
	return 0;
}

long sys_time(long __user *tloc)
{
	long t = get_seconds();

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}
