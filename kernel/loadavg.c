/*
 * kernel/loadavg.c: the load averages of /proc/loadavg, uptime and top, computed as
 * Linux computes them. Every LOAD_FREQ ticks (5 s and a tick, so the sample does not
 * beat with 5-second periodic work) the number of active tasks, running or in
 * uninterruptible sleep, is folded into three exponentially decaying averages:
 *   load = load * e + active * (1 - e),  e = exp(-5 s / 1, 5, 15 min)
 * in fixed point with FSHIFT bits of fraction.
 */
#include <kspace/jiffies.h>
#include <kspace/kernel_stat.h>
#include <kspace/list.h>
#include <kspace/sched.h>

#define LOAD_FREQ (5 * HZ + 1)
#define EXP_1 1884  /* FIXED_1 / exp(5 s / 1 min) */
#define EXP_5 2014  /* FIXED_1 / exp(5 s / 5 min) */
#define EXP_15 2037 /* FIXED_1 / exp(5 s / 15 min) */

unsigned long avenrun[3];

/* Rounded to nearest when the load grows, as Linux's calc_load, so it can reach a whole number. */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

static unsigned long nr_active(void)
{
	struct task_struct *p;
	unsigned long n = 0;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->state == TASK_RUNNING || p->state == TASK_UNINTERRUPTIBLE)
			n++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

void calc_global_load(void)
{
	static unsigned long next = LOAD_FREQ;
	unsigned long active;

	if ((long)(jiffies - next) < 0)
		return;
	next += LOAD_FREQ;
	active = nr_active() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}
