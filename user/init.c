/*
 * user/init.c: the test init, installed as /sbin/init. It runs each program in tests[]
 * in turn (fork, execve, wait), prints "PASS name" or "FAIL name (why)" for each and a
 * summary line, and exits 0 only if all passed; the kernel powers off with init's exit
 * status. As pid 1 it also reaps the orphans the tests leave behind.
 *
 * Usage: init [DIR], where DIR holds the tests (default /bin); a DIR given is passed on
 * to each test as its argument (test-exec looks for its files there).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const tests[] = {
	"test-getpid",
	"test-wait",
	"test-fork-cow",
	"test-brk",
	"test-stack",
	"test-ring3",
	"test-exec",
	"test-fork-loop",
	"test-forkbomb",
};

/*
 * Run one test and return its wait status, or -1 if it could not be started. Any other
 * child that waitpid returns meanwhile is an orphan re-parented to init; reaping it is
 * all there is to do.
 */
static int run(const char *path, char *dir)
{
	char *argv[] = { (char *)path, dir, NULL };
	int status;
	pid_t pid = fork(), r;

	if (pid < 0) {
		printf("init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execve(path, argv, environ);
		printf("init: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	while ((r = waitpid(-1, &status, 0)) != pid)
		if (r < 0 && errno != EINTR) {
			printf("init: waitpid: %s\n", strerror(errno));
			return -1;
		}
	return status;
}

int main(int argc, char **argv)
{
	char *dir = argc > 1 ? argv[1] : NULL;
	int passed = 0, failed = 0;
	char path[256];

	for (unsigned int i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir ? dir : "/bin", tests[i]);
		int status = run(path, dir);
		if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("PASS %s\n", tests[i]);
			passed++;
			continue;
		}
		failed++;
		if (status == -1)
			printf("FAIL %s (not run)\n", tests[i]);
		else if (WIFSIGNALED(status))
			printf("FAIL %s (killed by signal %d)\n", tests[i], WTERMSIG(status));
		else
			printf("FAIL %s (exit status %d)\n", tests[i], WEXITSTATUS(status));
	}
	printf("user: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
