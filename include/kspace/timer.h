/*
 * Timed sleeps and the wall clock (kernel/time.c). A sleeping task is kept with the
 * jiffy it must wake at; the timer tick wakes every task whose time has come.
 */
#ifndef KSPACE_TIMER_H
#define KSPACE_TIMER_H

struct timespec_user {
	long tv_sec, tv_nsec;
};

struct timeval_user {
	long tv_sec, tv_usec;
};

/* Sleep (interruptibly) for up to ticks jiffies; returns the ticks left when woken early. */
long schedule_timeout_interruptible(long ticks);
void timekeeping_init(void);
unsigned long get_seconds(void); /* seconds since the epoch */

/* Each tick: interval timers count down (kernel/itimer.c); user_tick if it hit ring 3. */
void update_process_times(int user_tick);

unsigned long read_persistent_clock(void); /* arch: the RTC at boot, in epoch seconds */

#endif
