/*
 * user/runtests.c: the test runner, /bin/runtests. It runs every test-* program of its
 * directory in name order (fork, execve, wait), prints "PASS name" or "FAIL name (why)"
 * for each and the summary line "user: N passed, M failed", and exits 0 only if all
 * passed. The test harnesses boot it as the first process (init=/bin/runtests on
 * kspace, rdinit=/bin/runtests on Linux), so the kernel powers off with its exit
 * status; as pid 1 it also reaps the orphans the tests leave behind.
 *
 * Usage: runtests [DIR], where DIR holds the tests (default /bin); a DIR given is passed
 * on to each test as its argument (test-exec looks for its files there).
 *
 * A test still running after TEST_TIMEOUT seconds is killed (SIGKILL) and fails, so
 * that one stuck test (say, waiting for a child whose fork failed under fault
 * injection) cannot keep the others from running.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_TESTS 128
#define TEST_TIMEOUT 60 /* seconds */

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the test-* files in dir, sorted; returns how many. */
static int find_tests(const char *dir, char **names)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d) {
		printf("runtests: %s: %s\n", dir, strerror(errno));
		return 0;
	}
	while ((e = readdir(d)) && n < MAX_TESTS)
		if (!strncmp(e->d_name, "test-", 5))
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	return n;
}

/*
 * Run one test and return its wait status, or -1 if it could not be started. Any other
 * child that waitpid returns meanwhile is an orphan re-parented to us; reaping it is
 * all there is to do.
 */
static int run(const char *path, char *dir)
{
	char *argv[] = { (char *)path, dir, NULL };
	int status;
	pid_t pid = fork(), r;

	if (pid < 0) {
		printf("runtests: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execve(path, argv, environ);
		printf("runtests: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	timed_out = 0;
	alarm(TEST_TIMEOUT);
	while ((r = waitpid(-1, &status, 0)) != pid) {
		if (r < 0 && errno == EINTR && timed_out) {
			printf("runtests: %s: still running after %d s: killed\n", path, TEST_TIMEOUT);
			kill(pid, SIGKILL);
			timed_out = 0;
		} else if (r < 0 && errno != EINTR) {
			printf("runtests: waitpid: %s\n", strerror(errno));
			alarm(0);
			return -1;
		}
	}
	alarm(0);
	return status;
}

static void report(const char *name, int status)
{
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		printf("PASS %s\n", name);
	else if (status == -1)
		printf("FAIL %s (not run)\n", name);
	else if (WIFSIGNALED(status))
		printf("FAIL %s (killed by signal %d)\n", name, WTERMSIG(status));
	else
		printf("FAIL %s (exit status %d)\n", name, WEXITSTATUS(status));
}

/* Whether name is in RUNTESTS_SKIP (comma-separated): a known failure a case sets aside, said aloud. */
static bool skipped(const char *name)
{
	const char *list = getenv("RUNTESTS_SKIP");
	size_t len = strlen(name);

	for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : "")
		if (!strncmp(p, name, len) && (p[len] == ',' || p[len] == '\0'))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	char *dir = argc > 1 ? argv[1] : NULL;
	char *names[MAX_TESTS];
	int n, failed = 0, nr_skipped = 0;
	char path[256];

	/* No SA_RESTART: the alarm must interrupt waitpid. */
	sigaction(SIGALRM, &(struct sigaction){ .sa_handler = on_alarm }, NULL);
	/* Linux shows /proc only once mounted; kspace's is built in and has no mount call. */
	mount("proc", "/proc", "proc", 0, NULL);
	n = find_tests(dir ? dir : "/bin", names);
	for (int i = 0; i < n; i++) {
		if (skipped(names[i])) {
			printf("SKIP %s (RUNTESTS_SKIP)\n", names[i]);
			nr_skipped++;
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir ? dir : "/bin", names[i]);
		int status = run(path, dir);
		report(names[i], status);
		failed += status != 0;
	}
	printf("user: %d passed, %d failed\n", n - failed - nr_skipped, failed);
	return failed || !n ? 1 : 0;
}
