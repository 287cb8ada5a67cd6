/* user/check.c: the ok/not ok lines and child helpers every test uses (see check.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int failures;

void check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", ok ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failures += !ok;
}

int check_status(void)
{
	return failures ? 1 : 0;
}

bool on_kspace(void)
{
	const char *v = getenv("KSPACE");

	return v && !strcmp(v, "1");
}

int run_in_child(void (*body)(void))
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		body();
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

const char *describe_status(int status)
{
	static char text[48];

	if (status == -1)
		snprintf(text, sizeof(text), "could not be run");
	else if (WIFEXITED(status))
		snprintf(text, sizeof(text), "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(text, sizeof(text), "killed by signal %d", WTERMSIG(status));
	else
		snprintf(text, sizeof(text), "wait status %#x", status);
	return text;
}
