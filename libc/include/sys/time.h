/* sys/time.h: gettimeofday(), and the interval timers. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

int gettimeofday(struct timeval *tv, struct timezone *tz);

#define ITIMER_REAL 0    /* wall-clock time: SIGALRM */
#define ITIMER_VIRTUAL 1 /* time running in user mode: SIGVTALRM */
#define ITIMER_PROF 2    /* time running at all: SIGPROF */

struct itimerval {
	struct timeval it_interval; /* reloaded on expiry; 0: one shot */
	struct timeval it_value;    /* until the next expiry; 0: disarmed */
};

int setitimer(int which, const struct itimerval *value, struct itimerval *ovalue);
int getitimer(int which, struct itimerval *value);

#endif
