/*
 * libc/sys.c: the system as a whole: uname, host name, time of day and the POSIX
 * clocks, random bytes, sysinfo, the kernel log (klogctl), mounts and file system
 * statistics (statfs), and the process's name (prctl).
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

int uname(struct utsname *buf)
{
	return __syscall_ret(__syscall(__NR_uname, buf));
}

int sethostname(const char *name, size_t len)
{
	return __syscall_ret(__syscall(__NR_sethostname, name, len));
}

/*
 * glibc's gethostname: copy at most len bytes of the node name with its NUL; if the
 * name does not fit, fail with ENAMETOOLONG, leaving the first len bytes in name,
 * not NUL-terminated.
 */
int gethostname(char *name, size_t len)
{
	struct utsname u;
	size_t need;

	if (uname(&u) < 0)
		return -1;
	need = strlen(u.nodename) + 1;
	memcpy(name, u.nodename, len < need ? len : need);
	if (need > len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

time_t time(time_t *t)
{
	return __syscall_ret(__syscall(__NR_time, t));
}

int gettimeofday(struct timeval *tv, struct timezone *tz)
{
	return __syscall_ret(__syscall(__NR_gettimeofday, tv, tz));
}

int clock_gettime(clockid_t clock, struct timespec *tp)
{
	return __syscall_ret(__syscall(__NR_clock_gettime, clock, tp));
}

int clock_getres(clockid_t clock, struct timespec *res)
{
	return __syscall_ret(__syscall(__NR_clock_getres, clock, res));
}

/* As glibc: a thread's own CPU clock cannot be slept on (the kernel says EOPNOTSUPP). */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem)
{
	if (clock == CLOCK_THREAD_CPUTIME_ID)
		return EINVAL;
	return -__syscall(__NR_clock_nanosleep, clock, flags, req, rem);
}

ssize_t getrandom(void *buf, size_t buflen, unsigned int flags)
{
	return __syscall_ret(__syscall(__NR_getrandom, buf, buflen, flags));
}

int sysinfo(struct sysinfo *info)
{
	return __syscall_ret(__syscall(__NR_sysinfo, info));
}

int klogctl(int type, char *buf, int len)
{
	return __syscall_ret(__syscall(__NR_syslog, type, buf, len));
}

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	  const void *data)
{
	return __syscall_ret(__syscall(__NR_mount, source, target, fstype, flags, data));
}

int umount(const char *target)
{
	return __syscall_ret(__syscall(__NR_umount, target));
}

int umount2(const char *target, int flags)
{
	return __syscall_ret(__syscall(__NR_umount2, target, flags));
}

int statfs(const char *path, struct statfs *buf)
{
	return __syscall_ret(__syscall(__NR_statfs, path, buf));
}

int fstatfs(int fd, struct statfs *buf)
{
	return __syscall_ret(__syscall(__NR_fstatfs, fd, buf));
}

/* Every option takes at most four more words; those it does not use are passed as they come. */
int prctl(int option, ...)
{
	unsigned long arg[4];
	va_list ap;

	va_start(ap, option);
	for (int i = 0; i < 4; i++)
		arg[i] = va_arg(ap, unsigned long);
	va_end(ap);
	return __syscall_ret(__syscall(__NR_prctl, option, arg[0], arg[1], arg[2], arg[3]));
}
