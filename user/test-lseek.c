/*
 * user/test-lseek.c: lseek and _llseek, the call glibc's lseek makes (a 64-bit offset
 * in two halves, the result stored through a pointer). Positions come from the start,
 * the current position or the end; a read then starts there, and a position past the
 * end reads nothing. A position before 0 or an unknown whence is EINVAL; the console
 * is ESPIPE; a bad descriptor EBADF; a bad result pointer EFAULT. _llseek reaches past
 * 4 GiB, where lseek's 32-bit result cannot: EOVERFLOW.
 *
 * Usage: test-lseek [DIR], where DIR holds hello (default /bin).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

/* The raw calls: glibc's lseek is _llseek itself, and would hide the 32-bit one. */
static long sys_lseek(int fd, long off, int whence)
{
	return syscall(__NR_lseek, fd, off, whence);
}

static long sys_llseek(int fd, int64_t off, int64_t *result, int whence)
{
	return syscall(__NR__llseek, fd, (unsigned long)((uint64_t)off >> 32), (unsigned long)off,
		       result, whence);
}

static long file_size(int fd)
{
	char buf[4096];
	long total = 0, r;

	sys_lseek(fd, 0, SEEK_SET);
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		total += r;
	return r < 0 ? -1 : total;
}

static void check_lseek(int fd, long size)
{
	unsigned char a[4], b[4];
	long r;

	check(sys_lseek(fd, 0, SEEK_END) == size, "lseek(0, SEEK_END) is the size (%ld)", size);
	check(sys_lseek(fd, 1, SEEK_SET) == 1 && read(fd, a, 4) == 4, "lseek(1, SEEK_SET), then read");
	check(sys_lseek(fd, -4, SEEK_CUR) == 1 && read(fd, b, 4) == 4 && !memcmp(a, b, 4),
	      "lseek(-4, SEEK_CUR) goes back to 1, and reads the same bytes");
	check(sys_lseek(fd, -size, SEEK_END) == 0, "lseek(-size, SEEK_END) is 0");
	r = sys_lseek(fd, size + 100, SEEK_SET);
	check(r == size + 100 && read(fd, a, 4) == 0, "a position past the end reads nothing (%s)",
	      describe_result(r));
	r = sys_lseek(fd, -1, SEEK_SET);
	check(failed_with(r, EINVAL), "lseek(-1, SEEK_SET) is EINVAL: %s", describe_result(r));
	r = sys_lseek(fd, -size - 1, SEEK_END);
	check(failed_with(r, EINVAL), "lseek(-size - 1, SEEK_END) is EINVAL: %s", describe_result(r));
	check(sys_lseek(fd, 0, SEEK_CUR) == size + 100, "and the position is unchanged");
	r = sys_lseek(fd, 0, 5);
	check(failed_with(r, EINVAL), "whence 5 is EINVAL: %s", describe_result(r));
	r = sys_lseek(fd, 0, -1);
	check(failed_with(r, EINVAL), "whence -1 is EINVAL: %s", describe_result(r));
}

static void check_llseek(int fd, long size)
{
	int64_t pos = -1;
	long r;

	r = sys_llseek(fd, 3, &pos, SEEK_SET);
	check(r == 0 && pos == 3, "_llseek(3, SEEK_SET) stores 3 (%s, %lld)", describe_result(r),
	      (long long)pos);
	r = sys_llseek(fd, -1, &pos, SEEK_END);
	check(r == 0 && pos == size - 1, "_llseek(-1, SEEK_END) stores size - 1 (%lld)",
	      (long long)pos);
	r = sys_llseek(fd, 5LL << 32, &pos, SEEK_SET);
	check(r == 0 && pos == 5LL << 32, "_llseek past 4 GiB stores it whole (%s, %#llx)",
	      describe_result(r), (long long)pos);
	r = sys_lseek(fd, 0, SEEK_CUR);
	check(failed_with(r, EOVERFLOW), "which lseek cannot return: EOVERFLOW (%s)",
	      describe_result(r));
	r = sys_llseek(fd, -(6LL << 32), &pos, SEEK_CUR);
	check(failed_with(r, EINVAL), "_llseek before 0 is EINVAL: %s", describe_result(r));
	r = sys_llseek(fd, INT64_MAX, &pos, SEEK_CUR);
	check(failed_with(r, EINVAL), "_llseek past the largest offset is EINVAL: %s",
	      describe_result(r));
	r = sys_llseek(fd, 0, &pos, 5);
	check(failed_with(r, EINVAL), "_llseek with whence 5 is EINVAL: %s", describe_result(r));
	r = sys_llseek(fd, 0, NULL, SEEK_SET);
	check(failed_with(r, EFAULT), "_llseek storing to NULL is EFAULT: %s", describe_result(r));
	r = sys_llseek(fd, 0, (int64_t *)0xc0000000, SEEK_SET);
	check(failed_with(r, EFAULT), "_llseek storing to a kernel address is EFAULT: %s",
	      describe_result(r));
	r = sys_llseek(fd, 0, (int64_t *)text_page, SEEK_SET);
	check(failed_with(r, EFAULT) && text_page_intact(),
	      "_llseek storing into the program's text is EFAULT, the text unchanged: %s",
	      describe_result(r));
	r = sys_llseek(-1, 0, &pos, SEEK_SET);
	check(failed_with(r, EBADF), "_llseek(-1) is EBADF: %s", describe_result(r));
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/bin";
	char path[256];
	int fd;
	long size, r;

	snprintf(path, sizeof(path), "%s/hello", dir);
	fd = open(path, O_RDONLY);
	size = fd >= 0 ? file_size(fd) : -1;
	check(size > 8, "%s opens and has a size (%ld)", path, size);
	if (size <= 8)
		return check_status();
	check_lseek(fd, size);
	check_llseek(fd, size);
	close(fd);
	r = sys_lseek(1000, 0, SEEK_SET);
	check(failed_with(r, EBADF), "lseek(1000) is EBADF: %s", describe_result(r));
	r = isatty(1) ? sys_lseek(1, 0, SEEK_CUR) : -1;
	check(!isatty(1) || failed_with(r, ESPIPE), "lseek on the terminal is ESPIPE: %s",
	      describe_result(r));
	return check_status();
}
