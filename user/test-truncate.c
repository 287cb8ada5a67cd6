/*
 * user/test-truncate.c: truncate and ftruncate (a file shrinks, or grows with zeros;
 * bytes cut off do not come back), ftruncate64, and utimensat: explicit times,
 * UTIME_NOW, UTIME_OMIT, a bad nanosecond count (EINVAL), bad flags, futimens through
 * a descriptor. Errors: negative lengths, directories, read-only descriptors.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define F "/tmp/test-truncate"

static long size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long)st.st_size;
}

static void truncation(void)
{
	char buf[8192];
	int fd = open(F, O_CREAT | O_RDWR | O_TRUNC, 0644), zeros = 1;

	memset(buf, 'x', sizeof(buf));
	check(fd >= 0 && write(fd, buf, 6000) == 6000, "a 6000-byte file");
	check(!truncate(F, 10) && size_of(F) == 10, "truncate to 10");
	check(!ftruncate(fd, 5000) && size_of(F) == 5000, "ftruncate back up to 5000");
	memset(buf, 1, sizeof(buf));
	check(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, sizeof(buf)) == 5000, "read it all");
	for (int i = 10; i < 5000; i++)
		zeros &= buf[i] == 0;
	check(!memcmp(buf, "xxxxxxxxxx", 10) && zeros, "the first 10 bytes stay, the rest reads as zeros");
	check(!syscall(__NR_ftruncate64, fd, 0x10000, 0) && size_of(F) == 0x10000, "ftruncate64 to 64 KiB");
	check(!ftruncate(fd, 0) && size_of(F) == 0, "ftruncate to 0");
	check(failed_with(truncate(F, -1), EINVAL), "truncate to -1: EINVAL");
	check(failed_with(ftruncate(fd, -1), EINVAL), "ftruncate to -1: EINVAL");
	check(failed_with(truncate("/tmp", 0), EISDIR), "truncate of a directory: EISDIR");
	check(failed_with(truncate("/tmp/none/x", 0), ENOENT), "of a missing file: ENOENT");
	check(failed_with(truncate(NULL, 0), EFAULT), "of NULL: EFAULT");
	check(failed_with(ftruncate(-1, 0), EBADF), "ftruncate -1: EBADF");
	close(fd);
	fd = open(F, O_RDONLY);
	check(failed_with(ftruncate(fd, 0), EINVAL), "ftruncate of a read-only descriptor: EINVAL");
	close(fd);
	fd = open("/tmp", O_RDONLY);
	check(failed_with(ftruncate(fd, 0), EINVAL), "ftruncate of a directory: EINVAL");
	close(fd);
}

static void times(void)
{
	struct timespec t[2] = { { 1000000, 5 }, { 2000000, 7 } };
	struct stat st;
	int fd;

	check(!utimensat(AT_FDCWD, F, t, 0), "utimensat with explicit times");
	check(!stat(F, &st) && st.st_atime == 1000000 && st.st_mtime == 2000000,
	      "stat shows them");
	t[0].tv_nsec = UTIME_OMIT;
	t[1].tv_sec = 3000000;
	t[1].tv_nsec = 0;
	check(!utimensat(AT_FDCWD, F, t, 0) && !stat(F, &st) && st.st_atime == 1000000 &&
		      st.st_mtime == 3000000, "UTIME_OMIT leaves the access time");
	t[1].tv_nsec = UTIME_NOW;
	check(!utimensat(AT_FDCWD, F, t, 0) && !stat(F, &st) && st.st_mtime > 1000000000 &&
		      st.st_atime == 1000000, "UTIME_NOW: the modification time is now");
	t[0].tv_nsec = 1000000000;
	check(failed_with(utimensat(AT_FDCWD, F, t, 0), EINVAL), "tv_nsec 1e9: EINVAL");
	t[0].tv_nsec = -1;
	check(failed_with(utimensat(AT_FDCWD, F, t, 0), EINVAL), "tv_nsec -1: EINVAL");
	check(failed_with(utimensat(AT_FDCWD, F, NULL, 0x4), EINVAL), "an unknown flag: EINVAL");
	check(!utimensat(AT_FDCWD, F, NULL, 0) && !stat(F, &st) && st.st_atime > 1000000000,
	      "NULL times: both now");
	check(failed_with(utimensat(AT_FDCWD, "/tmp/none", NULL, 0), ENOENT), "a missing file: ENOENT");
	check(failed_with(syscall(__NR_utimensat, AT_FDCWD, F, (void *)1, 0), EFAULT),
	      "times at a bad address: EFAULT");
	fd = open(F, O_RDONLY);
	t[0] = (struct timespec){ 42, 0 };
	t[1] = (struct timespec){ 43, 0 };
	/* glibc's utimensat refuses a NULL path; the system call takes it */
	check(!syscall(__NR_utimensat, fd, NULL, t, 0) && !stat(F, &st) && st.st_atime == 42 &&
		      st.st_mtime == 43,
	      "a NULL path sets the times of the descriptor's file (futimens)");
	close(fd);
}

int main(void)
{
	truncation();
	times();
	check(!unlink(F), "unlink " F);
	return check_status();
}
