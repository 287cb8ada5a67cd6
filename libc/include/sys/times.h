/* sys/times.h: times(), the process's CPU times in clock ticks (sysconf(_SC_CLK_TCK) = 100). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

struct tms {
	clock_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};

clock_t times(struct tms *buf);

#endif
