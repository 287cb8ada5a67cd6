/*
 * include/uapi/linux/time.h: Linux's clock ids (clock_gettime, clock_getres,
 * clock_nanosleep) and clock_nanosleep's flag, shared by the kernel
 * (kernel/posix-timers.c) and libc (<time.h>).
 */
#ifndef _UAPI_LINUX_TIME_H
#define _UAPI_LINUX_TIME_H

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI 11

#define TIMER_ABSTIME 0x01 /* clock_nanosleep: the time is a reading of the clock, not a duration */

#endif
