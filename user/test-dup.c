/*
 * user/test-dup.c: dup, dup2 and dup3. A copy is the lowest free descriptor (dup) or
 * the one asked for (dup2, dup3, closing what was there), and shares the open file: a
 * read through one moves the position the other sees. The table grows past its first
 * 32 slots up to RLIMIT_NOFILE; past it dup is EMFILE and dup2/dup3 EBADF. Garbage:
 * closed, negative, INT_MIN and huge descriptors are EBADF; dup3 with the same
 * descriptor twice or an unknown flag is EINVAL; dup2(fd, fd) only checks fd.
 *
 * Usage: test-dup [DIR], where DIR holds hello (default /bin).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static const char *dir = "/bin";
static char path[256];

static void check_shared_file(void)
{
	char a[4], b[4];
	int fd = open(path, O_RDONLY), copy = dup(fd);

	check(fd >= 0 && copy > fd, "dup(%d) is a new descriptor (%d)", fd, copy);
	check(read(fd, a, 4) == 4 && read(copy, b, 4) == 4 && lseek(fd, 0, SEEK_CUR) == 8,
	      "the copy shares the position: 4 bytes through each, both at 8");
	check(close(fd) == 0 && lseek(copy, 0, SEEK_CUR) == 8,
	      "closing the original leaves the copy open");
	check(dup(copy) == fd, "dup takes the lowest free descriptor (%d again)", fd);
	close(fd);
	close(copy);
}

static void check_bad_fds(void)
{
	const int bad[] = { -1, INT_MIN, 1000, 4096, 1 << 20, INT_MAX };
	int closed = dup(0);

	close(closed);
	check(failed_with(dup(closed), EBADF), "dup of a closed descriptor: EBADF");
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		check(failed_with(dup(bad[i]), EBADF), "dup(%d): EBADF", bad[i]);
		check(failed_with(dup2(bad[i], 5), EBADF), "dup2(%d, 5): EBADF", bad[i]);
		check(failed_with(dup2(bad[i], bad[i]), EBADF), "dup2(%d, %d): EBADF", bad[i], bad[i]);
		check(failed_with(dup3(bad[i], 5, 0), EBADF), "dup3(%d, 5, 0): EBADF", bad[i]);
	}
	check(failed_with(dup2(0, -1), EBADF), "dup2(0, -1): EBADF");
	check(failed_with(dup2(0, INT_MIN), EBADF), "dup2(0, INT_MIN): EBADF");
	check(failed_with(dup2(0, INT_MAX), EBADF), "dup2(0, INT_MAX): EBADF");
	check(failed_with(dup3(0, -1, 0), EBADF), "dup3(0, -1, 0): EBADF");
}

static void check_dup2_dup3(void)
{
	int fd = open(path, O_RDONLY), target = dup(0);
	struct stat st;

	check(dup2(fd, fd) == fd, "dup2(fd, fd) returns fd");
	check(failed_with(dup2(target + 1, target + 1), EBADF), "dup2 of a closed fd to itself: EBADF");
	check(dup2(fd, target) == target && lseek(target, 5, SEEK_SET) == 5 &&
	      lseek(fd, 0, SEEK_CUR) == 5, "dup2 onto an open descriptor replaces it");
	check(failed_with(dup3(fd, fd, 0), EINVAL), "dup3(fd, fd, 0): EINVAL");
	check(failed_with(dup3(fd, fd, O_CLOEXEC), EINVAL), "dup3(fd, fd, O_CLOEXEC): EINVAL");
	check(failed_with(dup3(fd, target, O_NONBLOCK), EINVAL), "dup3 with O_NONBLOCK: EINVAL");
	check(failed_with(dup3(fd, target, -1), EINVAL), "dup3 with flags -1: EINVAL");
	check(failed_with(dup3(-1, -1, 1), EINVAL), "dup3 checks flags before descriptors");
	check(failed_with(dup3(-1, -1, 0), EINVAL), "dup3(-1, -1, 0): the same-descriptor EINVAL first");
	check(dup3(fd, target, O_CLOEXEC) == target && fcntl(target, F_GETFD) == FD_CLOEXEC,
	      "dup3(O_CLOEXEC) sets close-on-exec on the copy");
	check(fcntl(fd, F_GETFD) == 0, "but not on the original");
	check(dup2(fd, target) == target && fcntl(target, F_GETFD) == 0,
	      "dup2 onto it clears close-on-exec again");
	check(fstat(target, &st) == 0, "the copy answers fstat");
	close(fd);
	close(target);
}

/* Above the table's first 32 slots, up to the limit; past it EBADF and EMFILE. */
static void table_body(void)
{
	struct rlimit r = { 200, 200 };
	int fd, last = -1, n = 0;

	if (setrlimit(RLIMIT_NOFILE, &r))
		_exit(2);
	if (dup2(0, 199) != 199 || !failed_with(dup2(0, 200), EBADF) ||
	    !failed_with(dup3(0, 200, 0), EBADF))
		_exit(3);
	if (fcntl(199, F_GETFD) != 0 || dup2(0, 100) != 100 || close(199) || close(100))
		_exit(4);
	while ((fd = dup(0)) >= 0) {
		last = fd;
		n++;
	}
	if (errno != EMFILE || last != 199)
		_exit(5);
	if (close(150) || dup(1) != 150 || !failed_with(dup(1), EMFILE))
		_exit(6);
	if (fork() == 0) /* a child copies the whole table */
		_exit(fcntl(199, F_GETFD) == 0 && fcntl(150, F_GETFD) == 0 ? 0 : 1);
	if (wait(&fd) < 0 || fd != 0)
		_exit(7);
	_exit(n > 150 ? 0 : 8);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		dir = argv[1];
	snprintf(path, sizeof(path), "%s/hello", dir);
	check_shared_file();
	check_bad_fds();
	check_dup2_dup3();
	int status = run_in_child(table_body);
	check(status == 0, "NOFILE 200: dup2 to 199 works, to 200 is EBADF; dup fills to 199, then "
	      "EMFILE; fork copies a grown table (%s)", describe_status(status));
	return check_status();
}
