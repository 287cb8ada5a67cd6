/*
 * user/test-fcntl.c: fcntl (glibc and kspace's libc make it as fcntl64; the old fcntl
 * is called raw too) and close-on-exec. F_DUPFD takes the lowest free descriptor at or
 * above its argument; F_GETFD/F_SETFD read and set FD_CLOEXEC, per descriptor;
 * F_GETFL/F_SETFL read the open file's flags and change only O_APPEND and O_NONBLOCK,
 * shared by every copy; F_GETPIPE_SZ is a pipe's 64 KiB. Across execve, descriptors
 * with FD_CLOEXEC (from open's O_CLOEXEC, F_DUPFD_CLOEXEC, F_SETFD, dup3, pipe2) are
 * closed and the others stay; fork keeps the flag. Garbage: bad descriptors are EBADF
 * whatever the command, unknown commands EINVAL, F_DUPFD past RLIMIT_NOFILE EINVAL.
 *
 * Usage: test-fcntl [DIR], where DIR holds hello (default /bin). To see what survives
 * execve, test-fcntl runs itself (argv[0]) with EXEC_CHILD and descriptor numbers.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define EXEC_CHILD "exec-child"

extern char **environ;
static char path[256];

static void check_dupfd(int fd)
{
	struct rlimit r;
	int a = fcntl(fd, F_DUPFD, 40), b = fcntl(fd, F_DUPFD, 40), c = fcntl(fd, F_DUPFD_CLOEXEC, 0);

	check(a == 40 && b == 41, "F_DUPFD 40 gives 40, then 41 (%d, %d)", a, b);
	check(c >= 0 && c < 40 && fcntl(c, F_GETFD) == FD_CLOEXEC && fcntl(a, F_GETFD) == 0,
	      "F_DUPFD_CLOEXEC 0 gives a low descriptor with FD_CLOEXEC; F_DUPFD's has none");
	check(getrlimit(RLIMIT_NOFILE, &r) == 0 &&
	      failed_with(fcntl(fd, F_DUPFD, (int)r.rlim_cur), EINVAL),
	      "F_DUPFD at RLIMIT_NOFILE (%lu): EINVAL", (unsigned long)r.rlim_cur);
	check(failed_with(fcntl(fd, F_DUPFD, -1), EINVAL), "F_DUPFD -1: EINVAL");
	check(failed_with(fcntl(fd, F_DUPFD, INT_MIN), EINVAL), "F_DUPFD INT_MIN: EINVAL");
	check(failed_with(fcntl(fd, F_DUPFD_CLOEXEC, 1 << 30), EINVAL), "F_DUPFD_CLOEXEC 2^30: EINVAL");
	close(a);
	close(b);
	close(c);
}

static void check_fd_flags(int fd)
{
	int copy = dup(fd);

	check(fcntl(fd, F_GETFD) == 0, "a plain open has no FD_CLOEXEC");
	check(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC,
	      "F_SETFD FD_CLOEXEC, and F_GETFD reads it back");
	check(fcntl(copy, F_GETFD) == 0, "a dup of it does not share the descriptor flag");
	check(fcntl(fd, F_SETFD, 0) == 0 && fcntl(fd, F_GETFD) == 0, "F_SETFD 0 clears it");
	check(fcntl(fd, F_SETFD, -1) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC,
	      "F_SETFD -1 keeps only FD_CLOEXEC");
	check(fcntl(fd, F_SETFD, 2) == 0 && fcntl(fd, F_GETFD) == 0, "F_SETFD 2 is no FD_CLOEXEC");
	close(copy);
}

static void check_fl_flags(int fd)
{
	int copy = dup(fd), fl = fcntl(fd, F_GETFL);

	check(fl >= 0 && (fl & O_ACCMODE) == O_RDONLY && !(fl & (O_NONBLOCK | O_APPEND | O_CLOEXEC)),
	      "F_GETFL of an O_RDONLY file: %#x", fl);
	check(fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0 && (fcntl(copy, F_GETFL) & O_NONBLOCK),
	      "F_SETFL O_NONBLOCK shows through the dup (one open file)");
	check(fcntl(fd, F_SETFL, O_RDWR | O_APPEND | O_CREAT | O_TRUNC) == 0,
	      "F_SETFL with access mode and creation bits succeeds");
	fl = fcntl(fd, F_GETFL);
	check((fl & O_ACCMODE) == O_RDONLY && (fl & O_APPEND) && !(fl & (O_NONBLOCK | O_CREAT | O_TRUNC)),
	      "... but sets only O_APPEND (%#x)", fl);
	check(fcntl(fd, F_SETFL, 0) == 0 && !(fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK)),
	      "F_SETFL 0 clears them");
	close(copy);
}

static void check_bad_args(int fd)
{
	const int bad_fds[] = { -1, INT_MIN, 4096, INT_MAX };
	const int bad_cmds[] = { -1, 20, 999, 1040, INT_MAX, INT_MIN };
	int closed = dup(fd);

	close(closed);
	for (unsigned i = 0; i < sizeof(bad_fds) / sizeof(bad_fds[0]); i++) {
		check(failed_with(fcntl(bad_fds[i], F_GETFD), EBADF), "F_GETFD on %d: EBADF", bad_fds[i]);
		check(failed_with(fcntl(bad_fds[i], 999), EBADF), "command 999 on %d: EBADF", bad_fds[i]);
	}
	check(failed_with(fcntl(closed, F_GETFL), EBADF), "F_GETFL on a closed descriptor: EBADF");
	check(failed_with(fcntl(closed, F_SETFD, 1), EBADF), "F_SETFD on a closed descriptor: EBADF");
	for (unsigned i = 0; i < sizeof(bad_cmds) / sizeof(bad_cmds[0]); i++)
		check(failed_with(fcntl(fd, bad_cmds[i], 0), EINVAL), "command %d: EINVAL", bad_cmds[i]);
	check(failed_with(fcntl(fd, F_GETPIPE_SZ), EBADF), "F_GETPIPE_SZ of a file: EBADF");
	check(syscall(__NR_fcntl, fd, F_GETFD) == 0 && failed_with(syscall(__NR_fcntl, -1, F_GETFD), EBADF),
	      "the old fcntl (55) answers the same");
}

static void check_pipe_size(void)
{
	int p[2];

	if (pipe(p)) {
		check(0, "pipe: %s", strerror(errno));
		return;
	}
	check(fcntl(p[0], F_GETPIPE_SZ) == 65536 && fcntl(p[1], F_GETPIPE_SZ) == 65536,
	      "F_GETPIPE_SZ of both ends: 65536");
	check((fcntl(p[0], F_GETFL) & O_ACCMODE) == O_RDONLY && (fcntl(p[1], F_GETFL) & O_ACCMODE) == O_WRONLY,
	      "F_GETFL: the read end O_RDONLY, the write end O_WRONLY");
	close(p[0]);
	close(p[1]);
}

/* The child side: argv holds descriptors that must be closed, then "--", then open ones. */
static int exec_child(int argc, char **argv)
{
	bool open_part = false;
	int bad = 0;

	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			open_part = true;
			continue;
		}
		int fd = atoi(argv[i]), flags = fcntl(fd, F_GETFD);

		if (open_part ? flags != 0 : !failed_with(flags, EBADF))
			bad++;
	}
	return bad;
}

static void check_close_on_exec(const char *self)
{
	int a = open(path, O_RDONLY | O_CLOEXEC), b = fcntl(a, F_DUPFD_CLOEXEC, 0), c = dup(a);
	int d = dup(a), e = dup(a), p[2] = { -1, -1 };
	char args[8][12];
	char *argv[] = { (char *)self, EXEC_CHILD, args[0], args[1], args[2], args[3], args[4],
			 "--", args[5], args[6], NULL };
	int status;

	check(a >= 0 && fcntl(a, F_GETFD) == FD_CLOEXEC && !(fcntl(a, F_GETFL) & O_CLOEXEC),
	      "open(O_CLOEXEC) sets FD_CLOEXEC, and F_GETFL does not show O_CLOEXEC");
	fcntl(d, F_SETFD, FD_CLOEXEC);
	dup3(a, e, O_CLOEXEC);
	check(pipe2(p, O_CLOEXEC) == 0 && fcntl(p[0], F_GETFD) == FD_CLOEXEC &&
	      fcntl(p[1], F_GETFD) == FD_CLOEXEC, "pipe2(O_CLOEXEC): both ends have FD_CLOEXEC");
	snprintf(args[0], 12, "%d", a);
	snprintf(args[1], 12, "%d", b);
	snprintf(args[2], 12, "%d", d);
	snprintf(args[3], 12, "%d", e);
	snprintf(args[4], 12, "%d", p[0]);
	snprintf(args[5], 12, "%d", c);
	snprintf(args[6], 12, "%d", 1);
	status = exec_in_child(self, argv, environ);
	check(status == 0, "after execve: O_CLOEXEC, F_DUPFD_CLOEXEC, F_SETFD, dup3 and pipe2 "
	      "descriptors are closed, a plain dup and stdout stay (%s)", describe_status(status));
	if (fork() == 0)
		_exit(fcntl(a, F_GETFD) == FD_CLOEXEC && fcntl(c, F_GETFD) == 0 ? 0 : 1);
	check(wait(&status) > 0 && status == 0, "fork keeps each descriptor's flag");
	for (int fd = 3; fd < 64; fd++)
		close(fd);
}

int main(int argc, char **argv)
{
	int fd;

	if (argc > 1 && !strcmp(argv[1], EXEC_CHILD))
		return exec_child(argc, argv);
	snprintf(path, sizeof(path), "%s/hello", argc > 1 ? argv[1] : "/bin");
	fd = open(path, O_RDONLY);
	check(fd >= 0, "open %s", path);
	check_dupfd(fd);
	check_fd_flags(fd);
	check_fl_flags(fd);
	check_bad_args(fd);
	check_pipe_size();
	check_close_on_exec(argv[0]);
	return check_status();
}
