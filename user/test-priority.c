/*
 * user/test-priority.c: nice values (nice, getpriority, setpriority on a process, a
 * group and a user), CPU affinity (sched_getaffinity, sched_setaffinity) and sync,
 * through the raw system calls so that what is checked is the kernel's answer, not a
 * libc's translation: getpriority returns 20 - nice (1..40), nice returns 0.
 * Linux's rules: values clamp to -20..19, lowering one needs root (RLIMIT_NICE is 0),
 * another user's task needs root; unknown "which" is EINVAL, no such task ESRCH.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
#define NOBODY 4242 /* a uid no task has until a test gives it one */
#define BAD_PTR ((void *)1)
#define KERNEL_PTR ((void *)0xc0100000)

static long getprio(int which, int who)
{
	return syscall(__NR_getpriority, which, who);
}

static long setprio(int which, int who, int nice)
{
	return syscall(__NR_setpriority, which, who, nice);
}

/* Field n (1-based) of /proc/<pid>/stat, counted after the ")" that ends comm. */
static long stat_field(pid_t pid, int n)
{
	char path[32], text[1024], *p;
	int fd;
	long len;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	len = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	close(fd);
	if (len <= 0)
		return LONG_MIN;
	text[len] = '\0';
	p = strrchr(text, ')');
	for (int field = 2; p && field < n; field++)
		p = strchr(p + 1, ' ');
	return p ? strtol(p + 1, NULL, 10) : LONG_MIN;
}

static void check_own_value(void)
{
	long r = setprio(PRIO_PROCESS, 0, 5);

	check(r == 0 && getprio(PRIO_PROCESS, 0) == 15, "setpriority 5, getpriority gives 20 - 5 (%s, %ld)",
	      describe_result(r), getprio(PRIO_PROCESS, 0));
	check(stat_field(getpid(), 18) == 25 && stat_field(getpid(), 19) == 5,
	      "/proc/self/stat: priority 25, nice 5 (%ld, %ld)", stat_field(getpid(), 18),
	      stat_field(getpid(), 19));
	r = setprio(PRIO_PROCESS, getpid(), 100);
	check(r == 0 && getprio(PRIO_PROCESS, 0) == 1, "a value above 19 clamps to 19 (%s, %ld)",
	      describe_result(r), getprio(PRIO_PROCESS, 0));
	r = setprio(PRIO_PROCESS, 0, INT_MIN);
	check(r == 0 && getprio(PRIO_PROCESS, 0) == 40, "root: INT_MIN clamps to -20 (%s, %ld)",
	      describe_result(r), getprio(PRIO_PROCESS, 0));
	setprio(PRIO_PROCESS, 0, 3);
	r = syscall(__NR_nice, 2);
	check(r == 0 && getprio(PRIO_PROCESS, 0) == 15, "nice(2) adds 2 and returns 0 (%s, %ld)",
	      describe_result(r), getprio(PRIO_PROCESS, 0));
	r = syscall(__NR_nice, INT_MAX);
	check(r == 0 && getprio(PRIO_PROCESS, 0) == 1, "nice(INT_MAX) clamps to 19 (%s, %ld)",
	      describe_result(r), getprio(PRIO_PROCESS, 0));
	r = syscall(__NR_nice, INT_MIN);
	check(r == 0 && getprio(PRIO_PROCESS, 0) == 40, "root: nice(INT_MIN) clamps to -20 (%s, %ld)",
	      describe_result(r), getprio(PRIO_PROCESS, 0));
	setprio(PRIO_PROCESS, 0, 0);
}

static void check_errors(void)
{
	static const int bad_which[] = { -1, 3, INT_MIN, INT_MAX };

	for (unsigned int i = 0; i < sizeof(bad_which) / sizeof(bad_which[0]); i++) {
		long s = setprio(bad_which[i], 0, 0), g = getprio(bad_which[i], 0);

		check(failed_with(s, EINVAL) && failed_with(g, EINVAL), "which %d: EINVAL (%s, %s)",
		      bad_which[i], describe_result(s), describe_result(g));
	}
	check(failed_with(getprio(PRIO_PROCESS, INT_MAX), ESRCH), "no process INT_MAX: ESRCH (%s)",
	      describe_result(getprio(PRIO_PROCESS, INT_MAX)));
	check(failed_with(setprio(PRIO_PROCESS, -1, 0), ESRCH), "process -1: ESRCH (%s)",
	      describe_result(setprio(PRIO_PROCESS, -1, 0)));
	check(failed_with(getprio(PRIO_PGRP, INT_MAX), ESRCH), "no group INT_MAX: ESRCH (%s)",
	      describe_result(getprio(PRIO_PGRP, INT_MAX)));
	check(failed_with(getprio(PRIO_USER, NOBODY), ESRCH), "no task of uid %d: ESRCH (%s)", NOBODY,
	      describe_result(getprio(PRIO_USER, NOBODY)));
}

/* A child in its own group with its own uid (both set before this returns), pausing. */
static pid_t child_as(uid_t uid)
{
	int ready[2];
	char c;
	pid_t pid;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		if (setresuid(uid, uid, uid))
			_exit(1);
		if (write(ready[1], "", 1) != 1) /* ENOMEM: the parent's read must not wait for ever */
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	read(ready[0], &c, 1);
	close(ready[0]);
	return pid;
}

static void end_child(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void check_groups_and_users(void)
{
	pid_t pid = child_as(NOBODY);
	long r = setprio(PRIO_PGRP, pid, 7);

	check(r == 0 && getprio(PRIO_PROCESS, pid) == 13, "PRIO_PGRP reaches the group's member (%s, %ld)",
	      describe_result(r), getprio(PRIO_PROCESS, pid));
	r = setprio(PRIO_USER, NOBODY, 3);
	check(r == 0 && getprio(PRIO_USER, NOBODY) == 17, "PRIO_USER reaches uid %d's task (%s, %ld)",
	      NOBODY, describe_result(r), getprio(PRIO_USER, NOBODY));
	check(stat_field(pid, 19) == 3, "its /proc/<pid>/stat says nice 3 (%ld)", stat_field(pid, 19));
	end_child(pid);
	r = getprio(PRIO_USER, 0);
	check(r >= 1 && r <= 40, "PRIO_USER 0: the caller's uid, within 1..40 (%s)", describe_result(r));
}

static void as_user_body(void)
{
	long r;

	if (setresuid(1000, 1000, 1000))
		exit(1);
	r = setprio(PRIO_PROCESS, 0, 4);
	check(r == 0 && getprio(PRIO_PROCESS, 0) == 16, "a user may raise its own value (%s)",
	      describe_result(r));
	r = setprio(PRIO_PROCESS, 0, 2);
	check(failed_with(r, EACCES) && getprio(PRIO_PROCESS, 0) == 16,
	      "a user may not lower it: EACCES, unchanged (%s)", describe_result(r));
	r = syscall(__NR_nice, -1);
	check(failed_with(r, EPERM), "nice(-1) as a user: EPERM (%s)", describe_result(r));
	r = syscall(__NR_nice, 1);
	check(r == 0 && getprio(PRIO_PROCESS, 0) == 15, "nice(1) as a user (%s)", describe_result(r));
	r = setprio(PRIO_PROCESS, getppid(), 10);
	check(failed_with(r, EPERM), "another user's process: EPERM (%s)", describe_result(r));
	r = syscall(__NR_sched_setaffinity, getppid(), sizeof(unsigned long), &(unsigned long){ 1 });
	check(failed_with(r, EPERM), "another user's affinity: EPERM (%s)", describe_result(r));
}

static void check_as_user(void)
{
	int status = run_in_child(as_user_body);

	check(status == 0, "the unprivileged checks ran (%s)", describe_status(status));
}

static void check_inherited(void)
{
	int status;
	pid_t pid;

	setprio(PRIO_PROCESS, 0, 6);
	pid = fork();
	if (pid == 0)
		_exit(getprio(PRIO_PROCESS, 0));
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 14, "fork inherits the value (%s)",
	      describe_status(status));
	setprio(PRIO_PROCESS, 0, 0);
}

static void check_affinity(void)
{
	unsigned long mask[32];
	long r;

	memset(mask, 0, sizeof(mask));
	r = syscall(__NR_sched_getaffinity, 0, sizeof(mask), mask);
	check(r >= 4 && r % 4 == 0 && (mask[0] & 1), "getaffinity: whole longs, CPU 0 allowed (%s, %#lx)",
	      describe_result(r), mask[0]);
	r = syscall(__NR_sched_getaffinity, 0, 4, mask);
	check(r == 4, "getaffinity into 4 bytes: 4 (%s)", describe_result(r));
	r = syscall(__NR_sched_getaffinity, 0, 0, mask);
	check(failed_with(r, EINVAL), "getaffinity, length 0: EINVAL (%s)", describe_result(r));
	r = syscall(__NR_sched_getaffinity, 0, 6, mask);
	check(failed_with(r, EINVAL), "getaffinity, length 6: EINVAL (%s)", describe_result(r));
	r = syscall(__NR_sched_getaffinity, INT_MAX, sizeof(mask), mask);
	check(failed_with(r, ESRCH), "getaffinity of no process: ESRCH (%s)", describe_result(r));
	r = syscall(__NR_sched_getaffinity, 0, 4, BAD_PTR);
	check(failed_with(r, EFAULT), "getaffinity to a bad pointer: EFAULT (%s)", describe_result(r));
	r = syscall(__NR_sched_getaffinity, 0, 4, KERNEL_PTR);
	check(failed_with(r, EFAULT), "getaffinity to kernel memory: EFAULT (%s)", describe_result(r));
	r = syscall(__NR_sched_getaffinity, 0, 4, text_page);
	check(failed_with(r, EFAULT) && text_page_intact(), "getaffinity to read-only memory: EFAULT (%s)",
	      describe_result(r));
	r = syscall(__NR_sched_getaffinity, 1, 4, mask);
	check(r == 4 && (mask[0] & 1), "getaffinity of pid 1 (%s)", describe_result(r));

	r = syscall(__NR_sched_setaffinity, 0, 4, &(unsigned long){ 1 });
	check(r == 0, "setaffinity to CPU 0 (%s)", describe_result(r));
	r = syscall(__NR_sched_setaffinity, 0, 1, &(unsigned char){ 1 });
	check(r == 0, "setaffinity, a 1-byte mask fills the low byte (%s)", describe_result(r));
	r = syscall(__NR_sched_setaffinity, 0, 4, &(unsigned long){ 0 });
	check(failed_with(r, EINVAL), "setaffinity to no CPU: EINVAL (%s)", describe_result(r));
	r = syscall(__NR_sched_setaffinity, 0, 4, &(unsigned long){ 1UL << 31 });
	check(failed_with(r, EINVAL), "setaffinity to a CPU that does not exist: EINVAL (%s)",
	      describe_result(r));
	r = syscall(__NR_sched_setaffinity, 0, 0, mask);
	check(failed_with(r, EINVAL), "setaffinity, length 0: EINVAL (%s)", describe_result(r));
	r = syscall(__NR_sched_setaffinity, 0, 4, BAD_PTR);
	check(failed_with(r, EFAULT), "setaffinity from a bad pointer: EFAULT (%s)", describe_result(r));
	r = syscall(__NR_sched_setaffinity, -1, 4, &(unsigned long){ 1 });
	check(failed_with(r, ESRCH), "setaffinity of pid -1: ESRCH (%s)", describe_result(r));
}

static void check_sync(void)
{
	long r = syscall(__NR_sync);

	check(r == 0, "sync (%s)", describe_result(r));
	r = syscall(__NR_syncfs, 1);
	check(r == 0, "syncfs on an open descriptor (%s)", describe_result(r));
	r = syscall(__NR_syncfs, -1);
	check(failed_with(r, EBADF), "syncfs(-1): EBADF (%s)", describe_result(r));
	r = syscall(__NR_syncfs, 999);
	check(failed_with(r, EBADF), "syncfs(999): EBADF (%s)", describe_result(r));
}

int main(void)
{
	check(getprio(PRIO_PROCESS, 0) == 20, "a new program runs at nice 0 (%ld)", getprio(PRIO_PROCESS, 0));
	check_own_value();
	check_errors();
	check_groups_and_users();
	check_as_user();
	check_inherited();
	check_affinity();
	check_sync();
	return check_status();
}
