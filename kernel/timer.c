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
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

#define NSEC_PER_SEC 1000000000L
#define NSEC_PER_TICK (NSEC_PER_SEC / HZ)

struct sleeper {
	struct task_struct *task;
	unsigned long expires;
	struct list_head list;
};

static LIST_HEAD(sleepers);
static unsigned long boot_seconds; /* the wall clock when jiffies was 0 */

void timekeeping_init(void)
{
	boot_seconds = read_persistent_clock();
	pr_info("time: the wall clock reads %lu seconds since the epoch\n", boot_seconds);
}

unsigned long get_seconds(void)
{
	return boot_seconds + jiffies / HZ;
}

/* From the timer interrupt: wake whoever's deadline has passed. */
void run_timers(void)
{
	struct sleeper *s;

	list_for_each_entry(s, &sleepers, list)
		if (!time_after(s->expires, jiffies))
			wake_up_process(s->task);
}

long schedule_timeout_interruptible(long ticks)
{
	struct sleeper s = { .task = current, .expires = jiffies + ticks };
	unsigned long flags = local_irq_save();

	list_add(&s.list, &sleepers);
	while (time_after(s.expires, jiffies) && !signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		local_irq_restore(flags);
		schedule();
		flags = local_irq_save();
	}
	list_del(&s.list);
	local_irq_restore(flags);
	return time_after(s.expires, jiffies) ? (long)(s.expires - jiffies) : 0;
}

/*
 * Sleep until the deadline. A signal ends the sleep early: the time left goes to
 * rmtp, and the call returns -ERESTART_RESTARTBLOCK, which becomes -EINTR if a
 * handler runs, and otherwise (a stop and continue, an ignored signal) resumes the
 * same sleep through restart_syscall() with the same deadline, as Linux does.
 */
static long do_nanosleep(struct restart_block *restart)
{
	unsigned long expires = restart->expires;
	long left = time_after(expires, jiffies) ? (long)(expires - jiffies) : 0;
	struct timespec_user t;

	if (left)
		left = schedule_timeout_interruptible(left);
	if (!left)
		return 0;
	t = (struct timespec_user){ left / HZ, (left % HZ) * NSEC_PER_TICK };
	if (restart->rmtp && copy_to_user(restart->rmtp, &t, sizeof(t)))
		return -EFAULT;
	return -ERESTART_RESTARTBLOCK;
}

long sys_nanosleep(const struct timespec_user __user *req, struct timespec_user __user *rem)
{
	struct restart_block *restart = &current->restart_block;
	struct timespec_user t;

	if (copy_from_user(&t, req, sizeof(t)))
		return -EFAULT;
	if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	/* Round up, plus one tick: sleep at least as long as asked. */
	restart->fn = do_nanosleep;
	restart->expires = jiffies + t.tv_sec * HZ + (t.tv_nsec + NSEC_PER_TICK - 1) / NSEC_PER_TICK + 1;
	restart->rmtp = rem;
	return do_nanosleep(restart);
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
	struct timeval_user t = { get_seconds(), (jiffies % HZ) * (1000000 / HZ) };

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
