/* kernel/time.c: jiffies and the clock printk stamps its lines with. */
#include <kspace/jiffies.h>
#include <kspace/sched.h>

volatile unsigned long jiffies;

void run_timers(void); /* kernel/timer.c */

void do_timer(void)
{
	jiffies++;
	run_timers();
	scheduler_tick();
}

unsigned long long sched_clock(void)
{
	return (unsigned long long)jiffies * (1000000000ULL / HZ);
}
