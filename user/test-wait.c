/*
 * user/test-wait.c: waitpid and wait4. The status word encodes an exit code in bits
 * 8-15 and a killing signal in bits 0-6; WNOHANG does not block; a caller without
 * children gets ECHILD; a bad status pointer gets EFAULT; and an orphan is re-parented
 * to init (pid 1).
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

static void check_status_encoding(void)
{
	int status = -1;
	pid_t pid = child_exiting_with(42);

	check(waitpid(pid, &status, 0) == pid, "waitpid returns the child's pid");
	check(status == 42 << 8 && WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "_exit(42) gives status 42 << 8 (%#x)", status);

	pid = child_pausing();
	kill(pid, SIGKILL);
	status = -1;
	waitpid(pid, &status, 0);
	check(status == SIGKILL && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "a child killed by SIGKILL gives status 9 (%#x)", status);

	pid = child_exiting_with(7);
	status = -1;
	check(wait4(-1, &status, 0, NULL) == pid, "wait4(-1) reaps any child");
	check(status == 7 << 8, "and gives its status 7 << 8 (%#x)", status);
}

static void check_wnohang(void)
{
	int status = -1;
	pid_t pid = child_pausing();

	check(waitpid(pid, &status, WNOHANG) == 0, "WNOHANG returns 0 while the child runs");
	kill(pid, SIGKILL);
	check(waitpid(pid, &status, 0) == pid, "the child is reaped after SIGKILL");
}

/* A status pointer the kernel cannot write fails with EFAULT, and the caller lives on. */
static void check_bad_pointer(int *bad)
{
	pid_t pid = child_exiting_with(0);
	int status, r;

	r = waitpid(pid, bad, 0);
	check(r == -1 && errno == EFAULT,
	      "waitpid with status pointer %p fails with EFAULT (%d, errno %d)", (void *)bad, r,
	      errno);
	/* Linux reaps the child before failing the copy; a kernel may also fail first. */
	r = waitpid(pid, &status, 0);
	check(r == pid || (r == -1 && errno == ECHILD), "the child is gone or reapable afterwards");
}

static void check_no_children(void)
{
	int status;
	int r = waitpid(-1, &status, 0);

	check(r == -1 && errno == ECHILD,
	      "waitpid(-1) without children fails with ECHILD (errno %d)", errno);
	r = waitpid(1, &status, WNOHANG);
	check(r == -1 && errno == ECHILD,
	      "waitpid on a pid that is not a child fails with ECHILD (errno %d)", errno);
}

/*
 * A watcher forks a middle process, which forks the orphan and exits at once. The
 * orphan waits up to five seconds for its parent to change, then tells the watcher
 * what it saw the only way it can without pipes or handlers: by killing it, with
 * SIGUSR2 if its parent became pid 1 and SIGUSR1 if not. A watcher that is not killed
 * within ten seconds exits with status 2.
 */
static void orphan_watcher(void)
{
	pid_t watcher = getpid(), middle = fork();

	if (middle == 0) {
		middle = getpid();
		if (fork() == 0) {
			for (int i = 0; i < 500 && getppid() == middle; i++)
				sleep_ms(10);
			kill(watcher, getppid() == 1 ? SIGUSR2 : SIGUSR1);
		}
		_exit(0);
	}
	waitpid(middle, NULL, 0);
	sleep_ms(10000);
	_exit(2);
}

static void check_orphan(void)
{
	int status = run_in_child(orphan_watcher);

	check(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR2,
	      "an orphan's getppid() becomes 1 (watcher %s; SIGUSR2 = yes, SIGUSR1 = no)",
	      describe_status(status));
}

int main(void)
{
	check_status_encoding();
	check_wnohang();
	check_bad_pointer((int *)0xC0000000);
	check_bad_pointer((int *)1);
	check_no_children();
	check_orphan();
	return check_status();
}
