/*
 * user/check.c: the ok/not ok lines, child helpers and awkward memory (the heap's edge,
 * a page of text) every test uses (see check.h).
 */
#include <errno.h>
#include <fcntl.h>
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

long read_text(const char *path, char *buf, unsigned long size)
{
	int fd = open(path, O_RDONLY);
	long n, len = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return n < 0 ? -1 : len;
}

bool failed_with(long r, int err)
{
	return r == -1 && errno == err;
}

const char *describe_result(long r)
{
	static char text[64];

	if (r == -1)
		snprintf(text, sizeof(text), "-1 (errno %d: %s)", errno, strerror(errno));
	else
		snprintf(text, sizeof(text), "%ld", r);
	return text;
}

/* At least one whole page above the current break, so that page is all new heap. */
char *heap_edge(void)
{
	unsigned long edge = ((unsigned long)sbrk(0) + 2 * PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	if (brk((void *)edge) < 0)
		return NULL;
	memset((char *)edge - PAGE_SIZE, 0, PAGE_SIZE);
	return (char *)edge;
}

/* Page-aligned, so the page holds nothing else: no code of ours shares it. */
__asm__(".pushsection .text\n"
	".balign 4096\n"
	".globl text_page\n"
	".type text_page, @object\n"
	"text_page:\n"
	".fill 4096, 1, 0xcc\n"
	".size text_page, 4096\n"
	".popsection");

bool text_page_intact(void)
{
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		if (text_page[i] != 0xcc)
			return false;
	return true;
}

static volatile int exec_marker = 0x5eed; /* must survive a failed execve */

int exec_in_child(const char *path, char *const argv[], char *const envp[])
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, argv, envp);
		_exit(exec_marker == 0x5eed ? errno : EXEC_MEMORY_LOST);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

int child_exiting_with(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return pid;
}

int child_pausing(void)
{
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			pause();
	return pid;
}

/* Parse "start-end perms offset dev inode   name" into m. */
static void parse_mapping(char *line, struct mapping *m)
{
	char *p = line, *name;

	m->start = strtoul(p, &p, 16);
	m->end = strtoul(p + 1, &p, 16);
	memcpy(m->perms, p + 1, 4);
	m->perms[4] = '\0';
	m->offset = strtoul(p + 6, &p, 16);
	p = strchr(p + 1, ' '); /* past the device */
	m->inode = strtoul(p, &p, 10);
	for (name = p; *name == ' '; name++)
		;
	snprintf(m->name, sizeof(m->name), "%s", name);
}

bool find_mapping(unsigned long addr, struct mapping *m)
{
	static char buf[16384];
	int fd = open("/proc/self/maps", O_RDONLY);
	long n, got = 0;

	if (fd < 0)
		return false;
	while (got < (long)sizeof(buf) - 1 && (n = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	for (char *line = buf, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		parse_mapping(line, m);
		if (m->start <= addr && addr < m->end)
			return true;
	}
	return false;
}
