/*
 * libc/process.c: processes: fork, execve, exit, wait, ids, process groups, signals
 * and sleeping. Each wrapper is one system call (the numbers are in <sys/syscall.h>),
 * except execvp, which searches the PATH.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/fsuid.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/*
 * exit_group ends every thread of the process, as glibc's _exit does; exit, which ends
 * only the calling thread, is the fallback for a kernel without exit_group.
 */
void _exit(int status)
{
	__syscall(__NR_exit_group, status);
	for (;;)
		__syscall(__NR_exit, status);
}

pid_t fork(void)
{
	return __syscall_ret(__syscall(__NR_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return __syscall_ret(__syscall(__NR_execve, path, argv, envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* kspace keeps programs in /bin and /sbin (glibc's default is "/bin:/usr/bin"). */
#define DEFAULT_PATH "/bin:/sbin"

/*
 * A file name without '/' is looked for in each directory of $PATH in turn. As in
 * glibc, a directory where the file is missing is skipped, one where it exists but
 * may not be run (EACCES) is remembered while the search goes on, and any other
 * failure ends the search; an empty directory name means the current directory, and
 * an empty file name is never found.
 */
int execvp(const char *file, char *const argv[])
{
	const char *dir = getenv("PATH");
	char path[PATH_MAX];
	int err = ENOENT;

	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, environ);
	if (!dir)
		dir = DEFAULT_PATH;
	for (;;) {
		const char *end = strchr(dir, ':');
		int len = end ? end - dir : (int)strlen(dir);

		if (snprintf(path, sizeof(path), "%.*s/%s", len ? len : 1, len ? dir : ".",
			     file) < (int)sizeof(path)) {
			execve(path, argv, environ);
			if (errno == EACCES)
				err = EACCES;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (!end)
			break;
		dir = end + 1;
	}
	errno = err;
	return -1;
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return __syscall_ret(__syscall(__NR_waitpid, pid, status, options));
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage)
{
	return __syscall_ret(__syscall(__NR_wait4, pid, status, options, rusage));
}

pid_t getpid(void)
{
	return __syscall(__NR_getpid);
}

pid_t getppid(void)
{
	return __syscall(__NR_getppid);
}

uid_t getuid(void)
{
	return __syscall(__NR_getuid32);
}

uid_t geteuid(void)
{
	return __syscall(__NR_geteuid32);
}

gid_t getgid(void)
{
	return __syscall(__NR_getgid32);
}

gid_t getegid(void)
{
	return __syscall(__NR_getegid32);
}

int setuid(uid_t uid)
{
	return __syscall_ret(__syscall(__NR_setuid32, uid));
}

int setgid(gid_t gid)
{
	return __syscall_ret(__syscall(__NR_setgid32, gid));
}

/* glibc's seteuid and setegid: setresuid/setresgid leaving the real and saved ids alone. */
int seteuid(uid_t euid)
{
	return setresuid(-1, euid, -1);
}

int setegid(gid_t egid)
{
	return setresgid(-1, egid, -1);
}

int setreuid(uid_t ruid, uid_t euid)
{
	return __syscall_ret(__syscall(__NR_setreuid32, ruid, euid));
}

int setregid(gid_t rgid, gid_t egid)
{
	return __syscall_ret(__syscall(__NR_setregid32, rgid, egid));
}

int setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	return __syscall_ret(__syscall(__NR_setresuid32, ruid, euid, suid));
}

int setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	return __syscall_ret(__syscall(__NR_setresgid32, rgid, egid, sgid));
}

int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid)
{
	return __syscall_ret(__syscall(__NR_getresuid32, ruid, euid, suid));
}

int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid)
{
	return __syscall_ret(__syscall(__NR_getresgid32, rgid, egid, sgid));
}

int setfsuid(uid_t uid)
{
	return __syscall(__NR_setfsuid32, uid);
}

int setfsgid(gid_t gid)
{
	return __syscall(__NR_setfsgid32, gid);
}

int getgroups(int size, gid_t list[])
{
	return __syscall_ret(__syscall(__NR_getgroups32, size, list));
}

int setgroups(size_t size, const gid_t *list)
{
	return __syscall_ret(__syscall(__NR_setgroups32, size, list));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return __syscall_ret(__syscall(__NR_setpgid, pid, pgid));
}

pid_t getpgrp(void)
{
	return __syscall(__NR_getpgrp);
}

pid_t getpgid(pid_t pid)
{
	return __syscall_ret(__syscall(__NR_getpgid, pid));
}

pid_t getsid(pid_t pid)
{
	return __syscall_ret(__syscall(__NR_getsid, pid));
}

pid_t setsid(void)
{
	return __syscall_ret(__syscall(__NR_setsid));
}

pid_t gettid(void)
{
	return __syscall(__NR_gettid);
}

int kill(pid_t pid, int sig)
{
	return __syscall_ret(__syscall(__NR_kill, pid, sig));
}

/* As glibc: to the calling thread, with tgkill (the handler sees SI_TKILL). */
int raise(int sig)
{
	return tgkill(getpid(), getpid(), sig);
}

int pause(void)
{
	return __syscall_ret(__syscall(__NR_pause));
}

int sched_yield(void)
{
	return __syscall_ret(__syscall(__NR_sched_yield));
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __syscall_ret(__syscall(__NR_nanosleep, req, rem));
}

/* Returns the seconds left when a signal cut the sleep short, as POSIX asks. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec t = { (time_t)seconds, 0 };

	if (nanosleep(&t, &t) < 0 && errno == EINTR)
		return (unsigned int)t.tv_sec + (t.tv_nsec > 0);
	return 0;
}
