/*
 * libc/resource.c: resource limits and usage: getrlimit, setrlimit, prlimit,
 * getrusage and times. getrlimit calls ugetrlimit (191), which reports limits as
 * unsigned; the first getrlimit (76) cuts them to 0x7fffffff.
 */
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>

#include "internal.h"

int getrlimit(int resource, struct rlimit *rlim)
{
	return __syscall_ret(__syscall(__NR_ugetrlimit, resource, rlim));
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	return __syscall_ret(__syscall(__NR_setrlimit, resource, rlim));
}

static rlim64_t widen(rlim_t v)
{
	return v == RLIM_INFINITY ? RLIM64_INFINITY : v;
}

static rlim_t narrow(rlim64_t v)
{
	return v >= RLIM_INFINITY ? RLIM_INFINITY : (rlim_t)v;
}

/* glibc's prlimit with a 32-bit rlim_t: through prlimit64, converting both ways. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit)
{
	struct rlimit64 n, o;
	long r;

	if (new_limit)
		n = (struct rlimit64){ widen(new_limit->rlim_cur), widen(new_limit->rlim_max) };
	r = __syscall(__NR_prlimit64, pid, resource, new_limit ? &n : NULL, old_limit ? &o : NULL);
	if (r == 0 && old_limit)
		*old_limit = (struct rlimit){ narrow(o.rlim_cur), narrow(o.rlim_max) };
	return __syscall_ret(r);
}

int getrusage(int who, struct rusage *usage)
{
	return __syscall_ret(__syscall(__NR_getrusage, who, usage));
}

/* The result is a tick count, which may look negative; only -4095..-1 are errors. */
clock_t times(struct tms *buf)
{
	return __syscall_ret(__syscall(__NR_times, buf));
}
