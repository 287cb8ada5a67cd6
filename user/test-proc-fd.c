/*
 * user/test-proc-fd.c: /proc/<pid>/fd/ and /proc/<pid>/exe, the links ls -l, lsof and
 * /dev/stdin rely on: each open descriptor is a symlink (lrwx------, size 64) whose
 * text names the file ("/tmp/x", "pipe:[ino]", "/dev/null", " (deleted)" once unlinked);
 * opening one opens the file anew, with its own offset; another user's are EACCES.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define FILE_PATH "/tmp/test-proc-fd"

/* readlink of path, NUL-terminated in a static buffer; "" (and errno) on failure. */
static const char *link_of(const char *path)
{
	static char buf[256];
	long n = readlink(path, buf, sizeof(buf) - 1);

	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static const char *fd_path(int fd)
{
	static char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return path;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

/* Whether /proc/self/fd lists fd. */
static bool listed(int fd)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	char name[16];
	bool found = false;

	snprintf(name, sizeof(name), "%d", fd);
	while (d && (e = readdir(d)))
		found |= !strcmp(e->d_name, name) && e->d_type == DT_LNK;
	if (d)
		closedir(d);
	return found;
}

static void check_file_links(void)
{
	int fd = open(FILE_PATH, O_CREAT | O_TRUNC | O_RDWR, 0600), again;
	struct stat st;
	char buf[8] = { 0 };

	check(fd >= 0 && write(fd, "hello", 5) == 5, "a file to look at (%s)", describe_result(fd));
	check(!strcmp(link_of(fd_path(fd)), FILE_PATH), "fd/N of a file reads as its path (\"%s\")",
	      link_of(fd_path(fd)));
	check(listed(fd), "/proc/self/fd lists it as a symlink");
	check(lstat(fd_path(fd), &st) == 0 && S_ISLNK(st.st_mode) && (st.st_mode & 07777) == 0700 &&
	      st.st_size == 64, "lstat: lrwx------, size 64 (mode %o, size %lld)", st.st_mode,
	      (long long)st.st_size);
	check(stat(fd_path(fd), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 5,
	      "stat follows it to the file (mode %o, size %lld)", st.st_mode, (long long)st.st_size);
	again = open(fd_path(fd), O_RDONLY);
	check(again >= 0 && read(again, buf, sizeof(buf)) == 5 && !strcmp(buf, "hello"),
	      "opening it opens the file anew, from offset 0 (%s, \"%s\")", describe_result(again), buf);
	close(again);
	unlink(FILE_PATH);
	check(ends_with(link_of(fd_path(fd)), " (deleted)"), "unlinked: \" (deleted)\" (\"%s\")",
	      link_of(fd_path(fd)));
	close(fd);
	fd = dup2(1, 50); /* high: opendir's own descriptor cannot take its number */
	check(fd == 50 && listed(50), "a descriptor dup2'd to 50 is listed");
	close(fd);
	check(!listed(fd), "a closed descriptor is gone from the list");
	errno = 0;
	check(readlink(fd_path(fd), buf, sizeof(buf)) < 0 && errno == ENOENT,
	      "readlink of a closed descriptor: ENOENT (errno %d)", errno);
}

static void check_other_links(void)
{
	int p[2], node;
	char want[64];
	struct stat st;

	unlink("/tmp/test-proc-fd-null");
	node = mknod("/tmp/test-proc-fd-null", S_IFCHR | 0666, 1 << 8 | 3) ? -1
	       : open("/tmp/test-proc-fd-null", O_RDONLY);
	check(!strcmp(link_of(fd_path(node)), "/tmp/test-proc-fd-null"),
	      "a device reads as the node it was opened by (\"%s\")", link_of(fd_path(node)));
	close(node);
	unlink("/tmp/test-proc-fd-null");
	if (pipe(p) == 0 && fstat(p[0], &st) == 0) {
		snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
		check(!strcmp(link_of(fd_path(p[0])), want) && !strcmp(link_of(fd_path(p[1])), want),
		      "both ends of a pipe read as %s (\"%s\")", want, link_of(fd_path(p[1])));
		close(p[0]);
		close(p[1]);
	}
	errno = 0;
	check(readlink("/proc/self/fd/99999", want, sizeof(want)) < 0 && errno == ENOENT,
	      "fd/99999: ENOENT (errno %d)", errno);
	errno = 0;
	check(readlink("/proc/self/fd/00", want, sizeof(want)) < 0 && errno == ENOENT,
	      "fd/00 (a leading zero): ENOENT (errno %d)", errno);
	errno = 0;
	check(readlink("/proc/self/fd/x", want, sizeof(want)) < 0 && errno == ENOENT,
	      "fd/x: ENOENT (errno %d)", errno);
}

static void check_exe(void)
{
	struct stat st;

	check(ends_with(link_of("/proc/self/exe"), "/test-proc-fd"), "exe names this program (\"%s\")",
	      link_of("/proc/self/exe"));
	check(lstat("/proc/self/exe", &st) == 0 && S_ISLNK(st.st_mode) && (st.st_mode & 0777) == 0777,
	      "lstat of exe: a symlink, lrwxrwxrwx (mode %o)", st.st_mode);
	check(stat("/proc/self/exe", &st) == 0 && S_ISREG(st.st_mode), "stat of exe: the program file (mode %o)",
	      st.st_mode);
	check(lstat("/proc/self", &st) == 0 && S_ISLNK(st.st_mode), "lstat of /proc/self: a symlink (mode %o)",
	      st.st_mode);
}

static void as_user_body(void)
{
	char buf[64];

	if (setresuid(1000, 1000, 1000))
		exit(1);
	errno = 0;
	check(readlink("/proc/1/fd/0", buf, sizeof(buf)) < 0 && errno == EACCES,
	      "a user reading root's fd links: EACCES (errno %d)", errno);
	errno = 0;
	check(opendir("/proc/1/fd") == NULL && errno == EACCES, "listing root's fd/: EACCES (errno %d)", errno);
	check(readlink("/proc/self/fd/1", buf, sizeof(buf)) > 0, "its own are readable");
}

int main(void)
{
	int status;

	check_file_links();
	check_other_links();
	check_exe();
	status = run_in_child(as_user_body);
	check(status == 0, "the unprivileged checks ran (%s)", describe_status(status));
	return check_status();
}
