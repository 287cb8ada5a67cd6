/*
 * user/free.c: free: memory in use and free, in KiB, from /proc/meminfo, laid out as
 * procps-ng 4's free prints it:
 *
 *                total        used        free      shared  buff/cache   available
 *   Mem:         61440        1936       59504           0           0       59504
 *   Swap:            0           0           0
 *
 * used is total - available (procps-ng 4's rule), buff/cache is Buffers + Cached +
 * SReclaimable, shared is Shmem. A line missing from meminfo counts as 0, except
 * MemAvailable, which falls back to MemFree.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The value of the line "name: N kB" of text, or fallback if there is none. */
static unsigned long field(const char *text, const char *name, unsigned long fallback)
{
	size_t len = strlen(name);
	const char *line = text;

	while (line) {
		if (!strncmp(line, name, len) && line[len] == ':')
			return strtoul(line + len + 1, NULL, 10);
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return fallback;
}

/* The whole of /proc/meminfo, NUL-terminated, into text; false on an error. */
static bool read_meminfo(char *text, size_t size)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	size_t len = 0;
	ssize_t n = 0;

	if (fd < 0)
		return false;
	while (len < size - 1 && (n = read(fd, text + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	text[len] = '\0';
	return n >= 0;
}

int main(void)
{
	static char text[8192];
	unsigned long total, free, available, cache, swap_total, swap_free;

	if (!read_meminfo(text, sizeof(text))) {
		fprintf(stderr, "free: /proc/meminfo: %s\n", strerror(errno));
		return 1;
	}
	total = field(text, "MemTotal", 0);
	free = field(text, "MemFree", 0);
	available = field(text, "MemAvailable", free);
	cache = field(text, "Buffers", 0) + field(text, "Cached", 0) +
		field(text, "SReclaimable", 0);
	swap_total = field(text, "SwapTotal", 0);
	swap_free = field(text, "SwapFree", 0);
	printf("%-8s%12s%12s%12s%12s%12s%12s\n", "", "total", "used", "free", "shared",
	       "buff/cache", "available");
	printf("%-8s%12lu%12lu%12lu%12lu%12lu%12lu\n", "Mem:", total, total - available, free,
	       field(text, "Shmem", 0), cache, available);
	printf("%-8s%12lu%12lu%12lu\n", "Swap:", swap_total, swap_total - swap_free, swap_free);
	return 0;
}
