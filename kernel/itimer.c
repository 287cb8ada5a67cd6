/*
 * kernel/itimer.c: interval timers and alarm(). Each task has three, counted in
 * ticks: ITIMER_REAL counts wall-clock ticks and sends SIGALRM, ITIMER_VIRTUAL the
 * ticks that find the task in user mode (SIGVTALRM), ITIMER_PROF the ticks that
 * find it running at all (SIGPROF). When one reaches 0 it sends its signal and
 * reloads with its interval, or stops if that is 0. Times are rounded up to whole
 * ticks, and ITIMER_REAL gets one tick more, because the first tick after arming
 * comes less than a tick later: no timer fires before the time asked for.
 * A forked child starts with none; execve keeps them, as on Linux.
 */
#include <asm/irqflags.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/jiffies.h>
#include <kspace/signal.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
#define USEC_PER_SEC 1000000L
#define USEC_PER_TICK (USEC_PER_SEC / HZ)

struct itimerval_user {
	struct timeval_user it_interval, it_value;
};

static const int itimer_signal[3] = { SIGALRM, SIGVTALRM, SIGPROF };

static void itimer_tick(struct task_struct *p, int which)
{
	struct itimer *it = &p->itimer[which];

	if (it->value && !--it->value) {
		it->value = it->incr;
		send_sig(itimer_signal[which], p);
	}
}

/* Once per jiffy (do_timer): every task's ITIMER_REAL counts wall-clock ticks. */
void run_real_itimers(void)
{
	struct task_struct *p;

	spin_lock(&tasklist_lock); /* interrupts are off in the tick */
	list_for_each_entry(p, &task_list, tasks)
		itimer_tick(p, ITIMER_REAL);
	spin_unlock(&tasklist_lock);
}

/* On every CPU's tick: the running task's CPU-time timers. */
void run_itimers(int user_tick)
{
	if (is_idle_task(current) || !current->mm)
		return;
	if (user_tick)
		itimer_tick(current, ITIMER_VIRTUAL);
	itimer_tick(current, ITIMER_PROF);
}

static bool timeval_valid(const struct timeval_user *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < USEC_PER_SEC;
}

static unsigned long timeval_to_ticks(const struct timeval_user *tv)
{
	unsigned long max_sec = (~0UL / 2) / HZ; /* no tick count wraps */
	unsigned long sec = (unsigned long)tv->tv_sec < max_sec ? (unsigned long)tv->tv_sec : max_sec;

	return sec * HZ + (tv->tv_usec + USEC_PER_TICK - 1) / USEC_PER_TICK;
}

static struct timeval_user ticks_to_timeval(unsigned long ticks)
{
	return (struct timeval_user){ ticks / HZ, (ticks % HZ) * USEC_PER_TICK };
}

static struct itimerval_user get_itimer(int which)
{
	const struct itimer *it = &current->itimer[which];
	unsigned long left = it->value;
	struct itimerval_user v;

	if (which == ITIMER_REAL && left)
		left--; /* the extra tick that arming added */
	v.it_interval = ticks_to_timeval(it->incr);
	v.it_value = ticks_to_timeval(left);
	if (it->value && !left)
		v.it_value.tv_usec = 1; /* armed, less than a tick to go: not 0, which means off */
	return v;
}

static void set_itimer(int which, const struct itimerval_user *v)
{
	unsigned long value = timeval_to_ticks(&v->it_value);
	unsigned long flags = local_irq_save();

	if (value && which == ITIMER_REAL)
		value++;
	current->itimer[which].value = value;
	current->itimer[which].incr = value ? timeval_to_ticks(&v->it_interval) : 0;
	local_irq_restore(flags);
}

long sys_getitimer(int which, struct itimerval_user __user *value)
{
	struct itimerval_user v;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	v = get_itimer(which);
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

/* As Linux: a NULL new value disarms; the timevals are checked before the which. */
long sys_setitimer(int which, const struct itimerval_user __user *value,
		   struct itimerval_user __user *ovalue)
{
	struct itimerval_user new = { { 0, 0 }, { 0, 0 } }, old;

	if (value) {
		if (copy_from_user(&new, value, sizeof(new)))
			return -EFAULT;
		if (!timeval_valid(&new.it_value) || !timeval_valid(&new.it_interval))
			return -EINVAL;
	}
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	old = get_itimer(which);
	set_itimer(which, &new);
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* The seconds left of the previous alarm, rounded to nearest but never 0 if one was set. */
long sys_alarm(unsigned int seconds)
{
	struct itimerval_user new = { { 0, 0 }, { seconds, 0 } }, old;

	if (seconds > INT_MAX)
		new.it_value.tv_sec = INT_MAX;
	old = get_itimer(ITIMER_REAL);
	set_itimer(ITIMER_REAL, &new);
	if (old.it_value.tv_usec >= USEC_PER_SEC / 2 || (!old.it_value.tv_sec && old.it_value.tv_usec))
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}
