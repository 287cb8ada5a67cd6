/*
 * user/dmesg.c: dmesg: print the kernel's log. It reads the whole log buffer with
 * syslog(SYSLOG_ACTION_READ_ALL), which leaves it in place, and prints each line
 * without the "<N>" level prefix the kernel gives it, as util-linux's dmesg does;
 * what follows (a "[    0.000000] " timestamp on kspace and Debian's Linux) is kept.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

/* Skip a "<digits>" prefix at the start of a line. */
static const char *skip_level(const char *line)
{
	const char *p = line + 1;

	if (*line != '<')
		return line;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '>' && p > line + 1 ? p + 1 : line;
}

int main(void)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), len;
	char *log;

	if (size < 0 || !(log = malloc(size + 1))) {
		fprintf(stderr, "dmesg: read kernel buffer failed: %s\n", strerror(errno));
		return 1;
	}
	len = klogctl(SYSLOG_ACTION_READ_ALL, log, size);
	if (len < 0) {
		fprintf(stderr, "dmesg: read kernel buffer failed: %s\n", strerror(errno));
		return 1;
	}
	log[len] = '\0';
	for (char *line = log, *nl; *line; line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		puts(skip_level(line));
	}
	return 0;
}
