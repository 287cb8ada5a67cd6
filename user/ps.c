/*
 * user/ps.c: ps: one line per process, from /proc/<pid>/stat (Linux's format), in pid
 * order. The columns are those of procps's "ps -eo pid,ppid,pgid,stat,vsz,rss,comm":
 *
 *       PID    PPID    PGID STAT    VSZ   RSS COMMAND
 *         1       0       1 S       136    16 init
 *
 * STAT is the state letter (R running, S sleeping, D uninterruptible, Z zombie), VSZ
 * the virtual size and RSS the resident size, both in KiB, COMMAND the name the
 * kernel keeps (at most 15 characters of the program's file name).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_PROCS 4096
#define PAGE_KB 4

/* The numbered fields of a stat line, as proc(5) counts them. */
enum { F_PPID = 4, F_PGRP = 5, F_VSIZE = 23, F_RSS = 24, NR_FIELDS };

static int by_number(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The pids of /proc's numeric entries, sorted; returns how many, or -1. */
static int find_pids(int *pids)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) && n < MAX_PROCS)
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
			pids[n++] = atoi(e->d_name);
	closedir(d);
	qsort(pids, n, sizeof(int), by_number);
	return n;
}

/*
 * Read /proc/<pid>/stat into text and split it: comm is what lies between the first
 * '(' and the last ')' (it may hold blanks and parentheses), and the numbers after it
 * go to field[F_PPID...]. False if the process is gone.
 */
static bool read_stat(int pid, char *text, size_t size, char **comm, char *state,
		      unsigned long *field)
{
	char path[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	n = read(fd, text, size - 1);
	close(fd);
	if (n <= 0)
		return false;
	text[n] = '\0';
	char *open_paren = strchr(text, '('), *close_paren = strrchr(text, ')');
	if (!open_paren || !close_paren || close_paren < open_paren || !close_paren[1])
		return false;
	*close_paren = '\0';
	*comm = open_paren + 1;
	*state = close_paren[2];
	char *p = close_paren + 3;
	for (int f = F_PPID; f < NR_FIELDS; f++)
		field[f] = strtoul(p, &p, 10);
	return true;
}

int main(void)
{
	static int pids[MAX_PROCS];
	unsigned long field[NR_FIELDS];
	char text[1024], *comm, state;
	int n = find_pids(pids);

	if (n < 0) {
		fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	printf("%7s %7s %7s %-4s %6s %5s %s\n", "PID", "PPID", "PGID", "STAT", "VSZ", "RSS",
	       "COMMAND");
	for (int i = 0; i < n; i++)
		if (read_stat(pids[i], text, sizeof(text), &comm, &state, field))
			printf("%7d %7lu %7lu %-4c %6lu %5lu %s\n", pids[i], field[F_PPID],
			       field[F_PGRP], state, field[F_VSIZE] / 1024, field[F_RSS] * PAGE_KB,
			       comm);
	return 0;
}
