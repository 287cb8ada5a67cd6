/*
 * user/test-proc.c: /proc in Linux's formats, as ps and free read it.
 * /proc/<pid>/stat is one line of 52 fields: "pid (comm) state ppid pgrp ...", where
 * comm is the program's file name (at most 15 characters) and state a letter: R for
 * the caller itself, S for a child sleeping in pause(), Z for a child that exited and
 * is not yet reaped; field 23 is the virtual size in bytes, 24 the resident pages.
 * /proc lists every process by pid, and /proc/meminfo has "MemTotal:" and "MemFree:"
 * lines in kB. /proc is a directory like any other for path lookup: reached through
 * "..", entered with chdir, and its files opened by paths relative to it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define NR_FIELDS 52

struct stat_line {
	int pid;
	char comm[32];
	char state;
	unsigned long field[NR_FIELDS + 1]; /* field[4] on, numbered as in proc(5) */
	int count;                          /* how many fields the line has */
};

/* Parse /proc/<pid>/stat ("self" for pid 0); false if it cannot be read or split. */
static bool read_stat(int pid, struct stat_line *s)
{
	char path[32], text[1024], *p, *end, *next;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/stat");
	if (read_text(path, text, sizeof(text)) <= 0)
		return false;
	s->pid = strtol(text, &p, 10);
	end = strrchr(text, ')');
	if (strncmp(p, " (", 2) || !end || end - p - 2 >= (long)sizeof(s->comm))
		return false;
	memcpy(s->comm, p + 2, end - p - 2);
	s->comm[end - p - 2] = '\0';
	s->state = end[2];
	s->count = 3;
	for (p = end + 3;; p = next) {
		unsigned long v = strtoul(p, &next, 10); /* "-1" reads as ULONG_MAX: fine here */

		if (next == p)
			break;
		if (++s->count <= NR_FIELDS)
			s->field[s->count] = v;
	}
	return true;
}

static void check_self(void)
{
	struct stat_line s;

	check(read_stat(0, &s), "/proc/self/stat reads and parses");
	check(s.pid == getpid(), "field 1 is our pid (%d, getpid %d)", s.pid, getpid());
	check(!strcmp(s.comm, "test-proc"), "field 2 is (test-proc) (\"%s\")", s.comm);
	check(s.state == 'R', "field 3, the state, is R (%c)", s.state);
	check(s.count == NR_FIELDS, "the line has %d fields (%d)", NR_FIELDS, s.count);
	check((int)s.field[4] == getppid(), "field 4 is the parent's pid (%lu, getppid %d)",
	      s.field[4], getppid());
	check((int)s.field[5] == getpgrp(), "field 5 is the process group (%lu, getpgrp %d)",
	      s.field[5], getpgrp());
	check(s.field[23] > 0 && s.field[23] % PAGE_SIZE == 0,
	      "field 23, vsize, is a positive number of bytes (%lu)", s.field[23]);
	check(s.field[24] > 0, "field 24, rss, is a positive number of pages (%lu)", s.field[24]);
}

static bool proc_lists(int pid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	bool found = false;

	while (d && (e = readdir(d)))
		found |= atoi(e->d_name) == pid;
	if (d)
		closedir(d);
	return found;
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

static void check_children(void)
{
	struct stat_line s = { 0 };
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			pause();
	sleep_ms(100); /* time to reach pause() */
	check(read_stat(pid, &s) && s.state == 'S' && (int)s.field[4] == getpid(),
	      "a child in pause() shows state S and our pid as its parent (%c, %lu)", s.state,
	      s.field[4]);
	check(proc_lists(pid), "/proc lists the child's pid %d", pid);
	kill(pid, SIGKILL);
	sleep_ms(100); /* time to die; it stays a zombie until reaped */
	s.state = '?';
	check(read_stat(pid, &s) && s.state == 'Z', "the killed, unreaped child shows state Z (%c)",
	      s.state);
	waitpid(pid, NULL, 0);
	check(!read_stat(pid, &s), "once reaped, its /proc/%d/stat is gone", pid);
}

static void check_meminfo(void)
{
	char text[4096];

	check(read_text("/proc/meminfo", text, sizeof(text)) > 0 &&
		      !strncmp(text, "MemTotal:", 9) && strstr(text, "\nMemFree:") &&
		      strstr(text, " kB\n"),
	      "/proc/meminfo starts with MemTotal: and has MemFree:, in kB");
}

static void check_open(const char *path)
{
	int fd = open(path, O_RDONLY);

	check(fd >= 0, "open(\"%s\") works (%s)", path, describe_result(fd));
	close(fd);
}

static void check_relative_paths(void)
{
	long r;

	check_open("/bin/../proc/meminfo");
	r = chdir("/proc");
	check(r == 0, "chdir(\"/proc\") works (%s)", describe_result(r));
	check_open("meminfo");
	check_open("./self/stat");
	r = chdir("/proc/sys/kernel");
	check(r == 0, "chdir(\"/proc/sys/kernel\") works (%s)", describe_result(r));
	check_open("hostname");
	chdir("/");
}

int main(void)
{
	check_self();
	check_children();
	check_meminfo();
	check_relative_paths();
	return check_status();
}
