/*
 * user/init.c: /sbin/init, the first process. It mounts /proc where that is needed,
 * starts /bin/sh on the console it was given as fds 0, 1 and 2, in a session of its
 * own with the console as its controlling terminal (for job control), passing on its own
 * environment (the kernel's command line fills it), and then reaps every child that
 * exits: the shell's and, as pid 1, every orphan re-parented to it. When the shell
 * ends, init exits with the shell's status (128 + the signal if one killed it), and
 * the kernel powers the machine off.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHELL "/bin/sh"

static pid_t start_shell(void)
{
	char *argv[] = { "sh", NULL };
	pid_t pid = fork();

	if (pid == 0) {
		/* As busybox's init does: without this the shell may not set the foreground group. */
		if (setsid() < 0 || ioctl(STDIN_FILENO, TIOCSCTTY, 0) < 0)
			fprintf(stderr, "init: no controlling terminal: %s\n", strerror(errno));
		execve(SHELL, argv, environ);
		fprintf(stderr, "init: %s: %s\n", SHELL, strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	return pid;
}

int main(void)
{
	pid_t shell, pid;
	int status;

	/* Linux shows /proc only once mounted; kspace's is built in and has no mount call. */
	mount("proc", "/proc", "proc", 0, NULL);
	shell = start_shell();
	if (shell < 0)
		return 1;
	for (;;) {
		pid = waitpid(-1, &status, 0);
		if (pid == shell)
			return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
		if (pid < 0 && errno != EINTR) {
			fprintf(stderr, "init: waitpid: %s\n", strerror(errno));
			return 1;
		}
	}
}
