/*
 * user/test-forkbomb.c: fork until the kernel refuses, then recover. Each child sleeps
 * until it is killed; the parent forks until fork fails, which must be with EAGAIN or ENOMEM,
 * or until MAX_CHILDREN exist (a real machine may never refuse). It then kills every
 * child with SIGKILL, reaps each one, and checks that a fresh fork works again.
 *
 * The pids go into MAP_SHARED memory: written in a private array, each fork would leave
 * the children a copy-on-write copy of its page, a page per child, which at 16 MiB ran
 * memory out before the task limit and got the parent itself OOM-killed. A child
 * whose parent died anyway (killed by the OOM killer) ends itself rather than holding
 * its memory for ever.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define MAX_CHILDREN 2000

/* A child: sleep until killed, or until the parent is gone (then it is orphaned). */
static void __attribute__((noreturn)) child(pid_t parent)
{
	while (getppid() == parent)
		sleep(1);
	_exit(0);
}

int main(void)
{
	pid_t *children = mmap(NULL, MAX_CHILDREN * sizeof(pid_t), PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int n = 0, reaped = 0, fork_errno = 0;
	int status = -1;
	pid_t pid, self = getpid();

	if (children == MAP_FAILED) {
		check(false, "mmap of the pid array");
		return check_status();
	}
	/*
	 * Said before the first fork, so that stdout's buffer is no new page of the parent's
	 * afterwards: the OOM killer picks the biggest process, and children equal to their
	 * parent in size go first.
	 */
	printf("# forking until the kernel refuses\n");
	fflush(stdout);
	while (n < MAX_CHILDREN) {
		pid = fork();
		if (pid == 0)
			child(self);
		if (pid < 0) {
			fork_errno = errno;
			break;
		}
		children[n++] = pid;
	}
	if (fork_errno)
		printf("# fork failed after %d children: errno %d\n", n, fork_errno);
	else
		printf("# stopped at the cap of %d children\n", n);
	check(n > 0, "forked %d children", n);
	check(!fork_errno || fork_errno == EAGAIN || fork_errno == ENOMEM,
	      "fork fails only with EAGAIN or ENOMEM (errno %d)", fork_errno);

	for (int i = 0; i < n; i++)
		kill(children[i], SIGKILL);
	for (int i = 0; i < n; i++)
		if (waitpid(children[i], &status, 0) == children[i] && WIFSIGNALED(status) &&
		    WTERMSIG(status) == SIGKILL)
			reaped++;
	check(reaped == n, "all %d children were killed by SIGKILL and reaped (%d)", n, reaped);
	check(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD, "no child is left");

	pid = fork();
	if (pid == 0)
		_exit(0);
	status = -1;
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0,
	      "a fresh fork works again afterwards");
	return check_status();
}
