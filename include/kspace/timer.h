/*
 * Timed sleeps, the clocks, and the timespec layouts of the system call ABI
 * (kernel/timer.c, kernel/time.c). A sleeping task is kept with the jiffy it must wake
 * at; the timer tick wakes every task whose time has come.
 */
#ifndef KSPACE_TIMER_H
#define KSPACE_TIMER_H

#include <kspace/compiler.h>
#include <kspace/types.h>

#define NSEC_PER_SEC 1000000000L
#define NSEC_PER_USEC 1000L
#define KTIME_MAX ((s64)~((u64)1 << 63)) /* Linux's "forever", in nanoseconds */
#define MAX_SCHEDULE_TIMEOUT 0x7fffffffL  /* schedule_timeout: no deadline */

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

/* The *_time64 calls' layout: 64-bit seconds and a 64-bit nanosecond field. */
struct __kernel_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

/* The original i386 calls' layout (nanosleep, clock_gettime 265): 32-bit seconds. */
struct old_timespec32 {
	s32 tv_sec;
	s32 tv_nsec;
};

/* gettimeofday's and the interval timers' layout. */
struct timeval_user {
	long tv_sec, tv_usec;
};

/* kernel/time.c: copies in and out of user space (-EFAULT), and conversions. */
int get_timespec64(struct timespec64 *ts, const struct __kernel_timespec __user *uts);
int put_timespec64(const struct timespec64 *ts, struct __kernel_timespec __user *uts);
int get_old_timespec32(struct timespec64 *ts, const struct old_timespec32 __user *uts);
int put_old_timespec32(const struct timespec64 *ts, struct old_timespec32 __user *uts);
bool timespec64_valid(const struct timespec64 *ts); /* tv_sec >= 0, 0 <= tv_nsec < 1 s */
s64 timespec64_to_ns(const struct timespec64 *ts);  /* clamped to KTIME_MAX */
struct timespec64 ns_to_timespec64(s64 ns);
/* Ticks to sleep for at least ns nanoseconds (0 for 0), clamped below MAX_SCHEDULE_TIMEOUT. */
long nsecs_to_sleep_ticks(s64 ns);

/* The clocks, in nanoseconds: since boot (never goes back), and since the epoch. */
u64 ktime_get_ns(void);
u64 ktime_get_real_ns(void);

/* kernel/timer.c */
/* Sleep (interruptibly) for up to ticks jiffies; returns the ticks left when woken early. */
long schedule_timeout_interruptible(long ticks);
/*
 * Sleep in the state the caller set until woken or until ticks pass (no deadline for
 * MAX_SCHEDULE_TIMEOUT); returns the ticks left, 0 if the deadline passed.
 */
long schedule_timeout(long ticks);
/* Sleep at least ns; 0, or -EINTR on a signal with the time left in *left_ns. */
long do_nanosleep(s64 ns, s64 *left_ns);
void timekeeping_init(void);
unsigned long get_seconds(void); /* seconds since the epoch */

/* Each tick: interval timers count down (kernel/itimer.c); user_tick if it hit ring 3. */
void run_itimers(int user_tick);
void run_real_itimers(void); /* once per jiffy: every task's ITIMER_REAL */

unsigned long read_persistent_clock(void); /* arch: the RTC at boot, in epoch seconds */
unsigned long arch_gettimeoffset(void);    /* arch: nanoseconds since the last tick */

#endif
