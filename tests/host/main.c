/*
 * tests/host/main.c: the host test runner. Each test runs in its own child process,
 * so a crash or a hang in kernel code fails that test alone, and every test starts
 * from fresh globals (the printk capture, the test's own state). Output: one
 * "PASS name" or "FAIL name: file:line: what" line per test, then
 * "host: N passed, M failed"; the exit status is 1 if anything failed.
 *
 *   build/host-tests [PREFIX]    run only the tests whose names start with PREFIX
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define TEST_TIMEOUT 10 /* seconds before SIGALRM ends a hung test */

/* A child that printed its own line exits with one of these; anything else died. */
#define CHILD_PASSED 100
#define CHILD_FAILED 101

static struct test *tests, **tests_tail = &tests; /* in registration order */
static const struct test *running; /* in a child: its test */
static char failure[1024]; /* the running test's first failure; "" while none */

void test_register(struct test *t)
{
	*tests_tail = t;
	tests_tail = &t->next;
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (failure[0])
		return;
	n = snprintf(failure, sizeof(failure), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vsnprintf(failure + n, sizeof(failure) - n, fmt, ap);
	va_end(ap);
}

/* Print control and non-ASCII bytes as \xNN: the output stays one line per test, in ASCII. */
static void print_escaped(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < ' ' || (unsigned char)*s >= 0x7f)
			printf("\\x%02x", (unsigned char)*s);
		else
			putchar(*s);
	}
}

void test_finish(void)
{
	if (failure[0]) {
		printf("FAIL %s: ", running->name);
		print_escaped(failure);
		putchar('\n');
	} else {
		printf("PASS %s\n", running->name);
	}
	fflush(stdout);
	_exit(failure[0] ? CHILD_FAILED : CHILD_PASSED);
}

static __attribute__((noreturn)) void run_child(const struct test *t)
{
	running = t;
	alarm(TEST_TIMEOUT);
	t->fn();
	test_finish();
}

/* Run t in a child; true if it passed. A child that died printed nothing, so say why. */
static bool run_test(const struct test *t)
{
	int status;
	pid_t pid;

	fflush(stdout); /* or the child would print our buffered lines again */
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0)
		run_child(t);
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		exit(2);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_PASSED)
		return true;
	if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_FAILED)
		return false;
	printf("FAIL %s: ", t->name);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		printf("timed out after %d s\n", TEST_TIMEOUT);
	else if (WIFSIGNALED(status))
		printf("killed by signal %d (%s)\n", WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		printf("exited with status %d\n", WEXITSTATUS(status));
	return false;
}

int main(int argc, char **argv)
{
	const char *prefix = argc > 1 ? argv[1] : "";
	int passed = 0, failed = 0;

	for (const struct test *t = tests; t; t = t->next) {
		if (strncmp(t->name, prefix, strlen(prefix)))
			continue;
		if (run_test(t))
			passed++;
		else
			failed++;
	}
	printf("host: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
