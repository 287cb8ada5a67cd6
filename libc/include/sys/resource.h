/* sys/resource.h: resource limits and usage, with glibc's names and Linux's i386 layouts. */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <asm-generic/resource.h> /* RLIMIT_*, RLIM_INFINITY: shared with the kernel */
#include <sys/time.h>
#include <sys/types.h>

#define RLIMIT_NLIMITS RLIM_NLIMITS

typedef unsigned long rlim_t;
typedef unsigned long long rlim64_t;

struct rlimit {
	rlim_t rlim_cur, rlim_max;
};

struct rlimit64 {
	rlim64_t rlim_cur, rlim_max;
};

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

struct rusage {
	struct timeval ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);
int getrusage(int who, struct rusage *usage);

#endif
