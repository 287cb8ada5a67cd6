/*
 * user/test-rlimit.c: resource limits and usage. getrlimit/setrlimit/prlimit64 with
 * Linux's checks (bad resource, soft above hard, raising the hard limit without root,
 * NOFILE above the fd table, bad pointers), the old getrlimit's 0x7fffffff clamp,
 * inheritance across fork and exec, and enforcement: NOFILE gives EMFILE, NPROC gives
 * EAGAIN to uid 1000, STACK stops stack growth, AS and DATA stop brk. getrusage and
 * times count CPU time, the children's after wait.
 *
 * Bad buffers go to the system call itself: glibc's wrappers convert through buffers
 * of their own (64-bit time, rlimit64) and would fault in user space first.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000UL)
#define SELF "/bin/test-rlimit"

static void check_defaults(void)
{
	struct rlimit r = { 0, 0 };

	int ret = getrlimit(RLIMIT_STACK, &r);

	check(ret == 0 && r.rlim_cur == 8UL << 20 && r.rlim_max == RLIM_INFINITY,
	      "RLIMIT_STACK is 8 MiB soft, unlimited hard (%#lx, %#lx)", r.rlim_cur, r.rlim_max);
	ret = getrlimit(RLIMIT_NOFILE, &r);
	check(ret == 0 && r.rlim_cur > 3 && r.rlim_cur <= r.rlim_max,
	      "RLIMIT_NOFILE: %lu soft, %lu hard", r.rlim_cur, r.rlim_max);
	if (on_kspace())
		check(r.rlim_cur == 1024 && r.rlim_max == 4096, "on kspace, NOFILE is Linux's 1024/4096");
	check(getrlimit(RLIMIT_CORE, &r) == 0 && r.rlim_cur == 0, "RLIMIT_CORE soft is 0");
	ret = getrlimit(RLIMIT_NPROC, &r);
	check(ret == 0 && r.rlim_cur > 0 && r.rlim_cur != RLIM_INFINITY,
	      "RLIMIT_NPROC is finite (%lu)", r.rlim_cur);
}

static void check_bad_args(void)
{
	struct rlimit r, big = { 10, 5 };
	const int bad[] = { RLIM_NLIMITS, 1000, -1, INT_MIN };
	long ret;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		check(failed_with(getrlimit(bad[i], &r), EINVAL), "getrlimit(%d) fails with EINVAL", bad[i]);
		check(failed_with(setrlimit(bad[i], &r), EINVAL), "setrlimit(%d) fails with EINVAL", bad[i]);
		ret = syscall(__NR_getrlimit, bad[i], &r);
		check(failed_with(ret, EINVAL), "old getrlimit(%d) fails with EINVAL", bad[i]);
	}
	check(failed_with(setrlimit(RLIMIT_CORE, &big), EINVAL), "setrlimit with soft > hard: EINVAL");
	check(failed_with(syscall(__NR_ugetrlimit, RLIMIT_CORE, NULL), EFAULT), "getrlimit(NULL): EFAULT");
	check(failed_with(syscall(__NR_ugetrlimit, RLIMIT_CORE, KERNEL_ADDR), EFAULT), "getrlimit(kernel address): EFAULT");
	check(failed_with(syscall(__NR_ugetrlimit, RLIMIT_CORE, text_page), EFAULT) && text_page_intact(),
	      "getrlimit into read-only text: EFAULT, text intact");
	check(failed_with(syscall(__NR_setrlimit, RLIMIT_CORE, NULL), EFAULT), "setrlimit(NULL): EFAULT");
	check(failed_with(syscall(__NR_setrlimit, RLIM_NLIMITS, NULL), EFAULT),
	      "setrlimit(bad resource, NULL): EFAULT first, as Linux copies before checking");
	check(failed_with(syscall(__NR_getrlimit, RLIMIT_CORE, KERNEL_ADDR), EFAULT),
	      "old getrlimit(kernel address): EFAULT");
}

static void check_old_getrlimit(void)
{
	struct rlimit r = { 0, 0 };
	long ret = syscall(__NR_getrlimit, RLIMIT_STACK, &r);

	check(ret == 0 && r.rlim_max == 0x7fffffffUL &&
		      r.rlim_cur == 8UL << 20,
	      "old getrlimit (76) shows an unlimited hard limit as 0x7fffffff (%#lx)", r.rlim_max);
	ret = syscall(__NR_ugetrlimit, RLIMIT_STACK, &r);
	check(ret == 0 && r.rlim_max == RLIM_INFINITY,
	      "ugetrlimit (191) shows it as RLIM_INFINITY (%#lx)", r.rlim_max);
}

static void check_prlimit64(void)
{
	struct rlimit64 n = { 0x100000005ULL, 0x100000009ULL }, o;
	struct rlimit r = { 0, 0 };
	long ret;

	ret = syscall(__NR_prlimit64, 0, RLIMIT_STACK, NULL, &o);
	check(ret == 0 && o.rlim_cur == 8ULL << 20 && o.rlim_max == RLIM64_INFINITY,
	      "prlimit64(0, STACK) reads 8 MiB / RLIM64_INFINITY (%s)", describe_result(ret));
	ret = syscall(__NR_prlimit64, getpid(), RLIMIT_FSIZE, &n, &o);
	check(ret == 0 && getrlimit(RLIMIT_FSIZE, &r) == 0 && r.rlim_cur == RLIM_INFINITY,
	      "prlimit64 turns limits of 2^32 and more into RLIM_INFINITY (%s)", describe_result(ret));
	const int bad[] = { -1, INT_MIN, 999999 };
	for (int i = 0; i < 3; i++) {
		ret = syscall(__NR_prlimit64, bad[i], RLIMIT_STACK, NULL, &o);
		check(failed_with(ret, ESRCH), "prlimit64(pid %d) fails with ESRCH (%s)", bad[i],
		      describe_result(ret));
	}
	ret = syscall(__NR_prlimit64, 0, RLIM_NLIMITS, NULL, &o);
	check(failed_with(ret, EINVAL), "prlimit64(bad resource): EINVAL");
	ret = syscall(__NR_prlimit64, 0, RLIMIT_STACK, KERNEL_ADDR, NULL);
	check(failed_with(ret, EFAULT), "prlimit64(new = kernel address): EFAULT");
	ret = syscall(__NR_prlimit64, 0, RLIMIT_STACK, NULL, KERNEL_ADDR);
	check(failed_with(ret, EFAULT), "prlimit64(old = kernel address): EFAULT");
	check(syscall(__NR_prlimit64, 0, RLIMIT_STACK, NULL, NULL) == 0, "prlimit64 with neither: 0");
	check(prlimit(0, RLIMIT_NOFILE, NULL, &r) == 0 && r.rlim_cur > 0, "prlimit() wrapper reads NOFILE");
}

/* Raising a hard limit needs root; lowering does not, nor raising the soft one up to it. */
static void hard_limits_as_user(void)
{
	struct rlimit r = { 8, 10 }, up = { 8, 11 }, soft = { 10, 10 };
	long ret;

	if (setuid(1000) || setrlimit(RLIMIT_NOFILE, &r))
		_exit(2);
	if (!failed_with(setrlimit(RLIMIT_NOFILE, &up), EPERM))
		_exit(3);
	if (setrlimit(RLIMIT_NOFILE, &soft))
		_exit(4);
	ret = syscall(__NR_prlimit64, 1, RLIMIT_NOFILE, NULL, &r);
	_exit(failed_with(ret, EPERM) ? 0 : 5); /* init's limits are root's */
}

static void check_hard_limits(void)
{
	struct rlimit r = { 16, 20 }, huge = { 16, 0x7fffffff }, inf = { 16, RLIM_INFINITY };
	int status = run_in_child(hard_limits_as_user);

	check(status == 0, "uid 1000 cannot raise a hard limit (EPERM) nor read init's (%s)",
	      describe_status(status));
	check(setrlimit(RLIMIT_NOFILE, &r) == 0 && getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_max == 20,
	      "root sets NOFILE to 16/20");
	r.rlim_max = 24;
	check(setrlimit(RLIMIT_NOFILE, &r) == 0, "root raises the hard limit again (20 -> 24)");
	check(failed_with(setrlimit(RLIMIT_NOFILE, &huge), EPERM),
	      "NOFILE above the kernel's fd maximum: EPERM, even for root");
	check(failed_with(setrlimit(RLIMIT_NOFILE, &inf), EPERM), "NOFILE = RLIM_INFINITY: EPERM");
}

static void nofile_body(void)
{
	struct rlimit r = { 5, 5 };
	int fd, last = -1;

	if (setrlimit(RLIMIT_NOFILE, &r))
		_exit(2);
	while ((fd = open("/bin/true", O_RDONLY)) >= 0)
		last = fd;
	if (errno != EMFILE || last != 4)
		_exit(3);
	if (!failed_with(dup2(0, 5), EBADF) || dup2(0, 4) != 4)
		_exit(4);
	r.rlim_cur = 2; /* fds 2 to 4 stay open above the new limit */
	if (setrlimit(RLIMIT_NOFILE, &r) || dup2(4, 4) != 4 || !failed_with(dup2(0, 3), EBADF))
		_exit(5);
	if (!failed_with(open("/bin/true", O_RDONLY), EMFILE))
		_exit(6);
	_exit(0);
}

static void nproc_body(void)
{
	struct rlimit r = { 1, 1 };
	pid_t pid;

	if (setuid(1000) || setrlimit(RLIMIT_NPROC, &r))
		_exit(2);
	pid = fork();
	if (pid == 0)
		_exit(0);
	_exit(pid == -1 && errno == EAGAIN ? 0 : 3);
}

static void nproc_root_body(void)
{
	struct rlimit r = { 0, 0 };
	pid_t pid;
	int status;

	if (setrlimit(RLIMIT_NPROC, &r))
		_exit(2);
	pid = fork();
	if (pid == 0)
		_exit(0);
	_exit(pid > 0 && waitpid(pid, &status, 0) == pid ? 0 : 3);
}

/* Each level takes 16 KiB of stack: 64 levels are 1 MiB, far past a 256 KiB limit. */
static int deep(int n)
{
	volatile char pad[16384];

	pad[0] = (char)n;
	pad[sizeof(pad) - 1] = (char)n;
	return n ? deep(n - 1) + pad[0] : pad[sizeof(pad) - 1];
}

static void stack_body(void)
{
	struct rlimit r = { 256 << 10, RLIM_INFINITY };

	if (setrlimit(RLIMIT_STACK, &r))
		_exit(2);
	_exit(deep(64) == 12345 ? 3 : 4);
}

static void stack_ok_body(void)
{
	_exit(deep(64) >= 0 ? 0 : 1); /* 1 MiB is well within the default 8 MiB */
}

static void as_body(void)
{
	struct rlimit r = { 4 << 20, RLIM_INFINITY };

	if (setrlimit(RLIMIT_AS, &r))
		_exit(2);
	if (sbrk(PAGE_SIZE) == (void *)-1)
		_exit(3);
	_exit(sbrk(8 << 20) == (void *)-1 && errno == ENOMEM ? 0 : 4);
}

/*
 * What RLIMIT_DATA counts for brk now: the heap so far plus the data segment, from
 * /proc/self/stat's start_data, end_data and start_brk (fields 45-47). libc may have
 * grown the heap before main (glibc does), and Linux places the heap at random.
 */
static unsigned long data_in_use(void)
{
	char buf[1024], *p;
	unsigned long v[3] = { 0, 0, 0 };
	int fd = open("/proc/self/stat", O_RDONLY), n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')'); /* the fields after comm, from field 3 on */
	for (int field = 3; p && field <= 47; field++) {
		p = strchr(p + 1, ' ');
		if (p && field >= 45)
			v[field - 45] = strtoul(p + 1, NULL, 10);
	}
	return (unsigned long)sbrk(0) - v[2] + v[1] - v[0];
}

static void data_body(void)
{
	struct rlimit r = { data_in_use() + (64 << 10), RLIM_INFINITY };

	if (setrlimit(RLIMIT_DATA, &r))
		_exit(2);
	if (sbrk(PAGE_SIZE) == (void *)-1)
		_exit(3);
	_exit(sbrk(1 << 20) == (void *)-1 ? 0 : 4);
}

static void check_enforcement(void)
{
	int status = run_in_child(nofile_body);

	check(status == 0, "NOFILE 5: fds 3 and 4, then EMFILE; dup2 to 5 is EBADF; lowered to 2, dup2(4, 4) "
	      "still works (%s)",
	      describe_status(status));
	status = run_in_child(nproc_body);
	check(status == 0, "NPROC 1 as uid 1000: fork fails with EAGAIN (%s)", describe_status(status));
	status = run_in_child(nproc_root_body);
	check(status == 0, "NPROC 0 does not stop root's fork (%s)", describe_status(status));
	status = run_in_child(stack_body);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "STACK 256 KiB: growing the stack to 1 MiB is SIGSEGV (%s)", describe_status(status));
	status = run_in_child(stack_ok_body);
	check(status == 0, "with the default STACK the same 1 MiB is fine (%s)", describe_status(status));
	status = run_in_child(as_body);
	check(status == 0, "AS 4 MiB: brk may grow a page but not 8 MiB (%s)", describe_status(status));
	status = run_in_child(data_body);
	check(status == 0, "DATA 64 KiB above what is in use: brk may grow a page but not 1 MiB (%s)", describe_status(status));
}

/* Limits pass to a child and through execve: the exec'd copy reports NOFILE's soft limit. */
static void check_inheritance(void)
{
	struct rlimit r = { 12, 20 };
	char *argv[] = { SELF, "report-nofile", NULL };
	pid_t pid;
	int status = -1;

	setrlimit(RLIMIT_NOFILE, &r);
	pid = fork();
	if (pid == 0)
		_exit(getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 12 && r.rlim_max == 20 ? 0 : 1);
	waitpid(pid, &status, 0);
	check(status == 0, "fork copies the limits (%s)", describe_status(status));
	status = exec_in_child(SELF, argv, NULL);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 12, "execve keeps them (%s)",
	      describe_status(status));
}

static void burn_cpu(long ms)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		for (volatile int i = 0; i < 100000; i++) /* user time, between the clock reads */
			;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
}

static long tv_ms(const struct timeval *tv)
{
	return tv->tv_sec * 1000 + tv->tv_usec / 1000;
}

static void burn_body(void)
{
	burn_cpu(300);
}

static void check_rusage(void)
{
	struct rusage ru;
	struct tms t;
	const int bad[] = { 2, -2, INT_MIN, INT_MAX };
	clock_t c0, c1;

	burn_cpu(300);
	int ret = getrusage(RUSAGE_SELF, &ru);
	check(ret == 0 && tv_ms(&ru.ru_utime) + tv_ms(&ru.ru_stime) >= 200,
	      "after 300 ms of work, RUSAGE_SELF counts %ld ms user + %ld ms system",
	      tv_ms(&ru.ru_utime), tv_ms(&ru.ru_stime));
	check(tv_ms(&ru.ru_utime) >= 100, "most of it is user time (%ld ms)", tv_ms(&ru.ru_utime));
	check(getrusage(RUSAGE_CHILDREN, &ru) == 0, "getrusage(RUSAGE_CHILDREN) works");
	long before = tv_ms(&ru.ru_utime) + tv_ms(&ru.ru_stime);
	run_in_child(burn_body);
	ret = getrusage(RUSAGE_CHILDREN, &ru);
	/* Half: ticks are sampled, and a loaded host lets some wall-clock time go uncharged. */
	check(ret == 0 && tv_ms(&ru.ru_utime) + tv_ms(&ru.ru_stime) - before >= 150,
	      "a reaped child's 300 ms show in RUSAGE_CHILDREN (+%ld ms)",
	      tv_ms(&ru.ru_utime) + tv_ms(&ru.ru_stime) - before);
	pid_t pid = fork();
	int status;
	if (pid == 0) {
		burn_cpu(200);
		_exit(0);
	}
	memset(&ru, 0xff, sizeof(ru));
	ret = wait4(pid, &status, 0, &ru);
	check(ret == pid && tv_ms(&ru.ru_utime) + tv_ms(&ru.ru_stime) >= 100 && ru.ru_utime.tv_usec < 1000000,
	      "wait4's rusage holds the child's 200 ms (%ld ms user, %ld ms system)", tv_ms(&ru.ru_utime),
	      tv_ms(&ru.ru_stime));
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check(failed_with(getrusage(bad[i], &ru), EINVAL), "getrusage(%d): EINVAL", bad[i]);
	check(failed_with(syscall(__NR_getrusage, RUSAGE_SELF, NULL), EFAULT), "getrusage(NULL): EFAULT");
	check(failed_with(syscall(__NR_getrusage, RUSAGE_SELF, KERNEL_ADDR), EFAULT), "getrusage(kernel address): EFAULT");

	c0 = times(&t);
	check(c0 != (clock_t)-1 && t.tms_utime + t.tms_stime >= 20 && t.tms_cutime + t.tms_cstime >= 20,
	      "times: %ld ticks since boot, utime+stime %ld, children %ld", (long)c0,
	      (long)(t.tms_utime + t.tms_stime), (long)(t.tms_cutime + t.tms_cstime));
	struct timespec nap = { 0, 100 * 1000000 };
	nanosleep(&nap, NULL);
	c1 = times(NULL);
	check(c1 - c0 >= 10, "times(NULL) works and advances 10 ticks in 100 ms (%ld)", (long)(c1 - c0));
	check(failed_with(syscall(__NR_times, KERNEL_ADDR), EFAULT), "times(kernel address): EFAULT");
}

int main(int argc, char **argv)
{
	struct rlimit r = { 0, 0 };

	if (argc > 1 && !strcmp(argv[1], "report-nofile"))
		return getrlimit(RLIMIT_NOFILE, &r) == 0 ? (int)r.rlim_cur : 255;
	check_defaults();
	check_bad_args();
	check_old_getrlimit();
	check_prlimit64();
	check_enforcement();
	check_hard_limits();
	check_inheritance();
	check_rusage();
	return check_status();
}
