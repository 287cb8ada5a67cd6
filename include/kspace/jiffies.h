/* Time since boot: jiffies, the tick counter that the timer interrupt advances HZ times a second. */
#ifndef KSPACE_JIFFIES_H
#define KSPACE_JIFFIES_H

#define HZ 100

extern volatile unsigned long jiffies;

void do_timer(void);                  /* called from the timer interrupt */
unsigned long long sched_clock(void); /* nanoseconds since boot, jiffy resolution */

#define time_after(a, b) ((long)((b) - (a)) < 0)

#endif
