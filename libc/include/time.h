/* time.h: time(), nanosleep() and the POSIX clocks. */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#include <linux/time.h> /* the CLOCK_* ids and TIMER_ABSTIME, shared with the kernel */

time_t time(time_t *t);
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clock, struct timespec *tp);
int clock_getres(clockid_t clock, struct timespec *res);
/* As in POSIX, returns 0 or the error number itself; errno is left alone. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem);

#endif
