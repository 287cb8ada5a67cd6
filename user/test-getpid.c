/*
 * user/test-getpid.c: process and user ids. getpid and getppid agree across fork;
 * the tests run as root; setuid(1000) drops root for good, so setuid(0) then fails.
 */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* Parent and child see each other's ids from both sides of fork. */
static void check_fork_ids(void)
{
	pid_t self = getpid();
	pid_t pid = fork();
	int status = -1;

	if (pid == 0) /* exit 0 only if the child's view matches */
		_exit(getppid() == self && getpid() != self ? 0 : 1);
	check(pid > 0 && pid != self, "fork returns a new pid (%d) to the parent", pid);
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0,
	      "in the child, getppid() is the parent's pid and getpid() is new");
}

int main(void)
{
	pid_t pid = getpid(), ppid = getppid();

	check(pid > 0, "getpid() is positive (%d)", pid);
	check(ppid > 0 && ppid != pid, "getppid() is positive and not getpid() (%d)", ppid);
	check(getpid() == pid, "getpid() is stable");
	check_fork_ids();

	check(getuid() == 0 && geteuid() == 0, "getuid() and geteuid() are 0 (root)");
	check(setuid(1000) == 0, "setuid(1000) as root succeeds");
	check(getuid() == 1000 && geteuid() == 1000,
	      "then getuid() and geteuid() are 1000 (%u, %u)", getuid(), geteuid());
	int r = setuid(0);
	check(r == -1 && errno == EPERM, "then setuid(0) fails with EPERM (errno %d)", errno);
	check(getuid() == 1000, "and getuid() is still 1000");
	return check_status();
}
