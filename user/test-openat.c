/*
 * user/test-openat.c: openat and fstatat64, the forms glibc's open() and stat() use.
 * A relative path starts at the directory open as dirfd, or at the working directory
 * for AT_FDCWD; an absolute path ignores dirfd, even a bad one. A dirfd that is not
 * open is EBADF, one that is not a directory ENOTDIR. fstatat's AT_EMPTY_PATH
 * describes dirfd itself; unknown flags are EINVAL; bad pointers EFAULT.
 *
 * Usage: test-openat [DIR], where DIR holds hello (default /bin).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

static int dir_fd(const char *path)
{
	return open(path, O_RDONLY | O_DIRECTORY);
}

/* Whether two stats name the same file. */
static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_mode == b->st_mode && a->st_size == b->st_size;
}

static void check_openat(const char *dir)
{
	char path[256];
	struct stat a, b;
	int d = dir_fd(dir), fd, file;
	long r;

	check(d >= 0, "open(%s, O_DIRECTORY) gives a descriptor (%d)", dir, d);
	snprintf(path, sizeof(path), "%s/hello", dir);
	fd = openat(d, "hello", O_RDONLY);
	check(fd >= 0 && fstat(fd, &a) == 0 && stat(path, &b) == 0 && same_file(&a, &b),
	      "openat(dirfd, \"hello\") opens %s", path);
	close(fd);
	fd = openat(d, "../bin/./hello", O_RDONLY);
	check(fd >= 0 && fstat(fd, &a) == 0 && same_file(&a, &b),
	      "openat(dirfd, \"../bin/./hello\") works out . and .. from the directory");
	close(fd);
	fd = openat(-1, path, O_RDONLY);
	check(fd >= 0, "an absolute path ignores dirfd, even -1 (%s)", describe_result(fd));
	close(fd);
	fd = chdir("/") == 0 ? openat(AT_FDCWD, path + 1, O_RDONLY) : -1;
	check(fd >= 0, "after chdir(\"/\"), openat(AT_FDCWD, \"%s\") finds it (%s)", path + 1,
	      describe_result(fd));
	close(fd);

	r = openat(-1, "hello", O_RDONLY);
	check(failed_with(r, EBADF), "openat(-1, relative) is EBADF: %s", describe_result(r));
	r = openat(1000, "hello", O_RDONLY);
	check(failed_with(r, EBADF), "openat(1000, relative) is EBADF: %s", describe_result(r));
	r = openat(INT_MIN, "hello", O_RDONLY);
	check(failed_with(r, EBADF), "openat(INT_MIN, relative) is EBADF: %s", describe_result(r));
	file = openat(d, "hello", O_RDONLY);
	r = openat(file, "x", O_RDONLY);
	check(failed_with(r, ENOTDIR), "openat(a file's descriptor, relative) is ENOTDIR: %s",
	      describe_result(r));
	close(file);
	r = openat(d, "", O_RDONLY);
	check(failed_with(r, ENOENT), "openat(dirfd, \"\") is ENOENT: %s", describe_result(r));
	r = openat(d, "no-such-file", O_RDONLY);
	check(failed_with(r, ENOENT), "openat(dirfd, missing) is ENOENT: %s", describe_result(r));
	r = syscall(__NR_openat, d, NULL, O_RDONLY, 0);
	check(failed_with(r, EFAULT), "openat(dirfd, NULL) is EFAULT: %s", describe_result(r));
	r = syscall(__NR_openat, d, (char *)0xc0000000, O_RDONLY, 0);
	check(failed_with(r, EFAULT), "openat(dirfd, kernel address) is EFAULT: %s",
	      describe_result(r));
	close(d);
}

/* A directory under /proc works as a dirfd too. */
static void check_proc_dirfd(void)
{
	char want[32], got[32] = "";
	int d = dir_fd("/proc"), fd;
	long n = -1;

	snprintf(want, sizeof(want), "%d ", getpid());
	fd = openat(d, "self/stat", O_RDONLY);
	if (fd >= 0)
		n = read(fd, got, sizeof(got) - 1);
	check(d >= 0 && fd >= 0 && n > 0 && !strncmp(got, want, strlen(want)),
	      "openat(/proc's descriptor, \"self/stat\") reads our own stat (%.10s)", got);
	close(fd);
	close(d);
}

static void check_fstatat(const char *dir)
{
	char path[256];
	struct stat a, b;
	int d = dir_fd(dir), file;
	long r;

	snprintf(path, sizeof(path), "%s/hello", dir);
	check(stat(path, &b) == 0 && S_ISREG(b.st_mode), "stat(%s) describes a regular file", path);
	r = fstatat(d, "hello", &a, 0);
	check(r == 0 && same_file(&a, &b), "fstatat(dirfd, \"hello\") agrees with stat (%s)",
	      describe_result(r));
	r = fstatat(AT_FDCWD, path, &a, AT_SYMLINK_NOFOLLOW);
	check(r == 0 && same_file(&a, &b), "AT_SYMLINK_NOFOLLOW on a regular file changes nothing");
	file = openat(d, "hello", O_RDONLY);
	r = fstatat(file, "", &a, AT_EMPTY_PATH);
	check(r == 0 && same_file(&a, &b), "fstatat(fd, \"\", AT_EMPTY_PATH) describes fd (%s)",
	      describe_result(r));
	r = fstatat(d, "", &a, AT_EMPTY_PATH);
	check(r == 0 && S_ISDIR(a.st_mode), "... and a directory's descriptor, a directory");
	r = fstatat(file, "", &a, 0);
	check(failed_with(r, ENOENT), "\"\" without AT_EMPTY_PATH is ENOENT: %s", describe_result(r));
	r = fstatat(file, "x", &a, 0);
	check(failed_with(r, ENOTDIR), "fstatat(a file's descriptor, relative) is ENOTDIR: %s",
	      describe_result(r));
	r = fstatat(-1, "", &a, AT_EMPTY_PATH);
	check(failed_with(r, EBADF), "fstatat(-1, \"\", AT_EMPTY_PATH) is EBADF: %s",
	      describe_result(r));
	r = fstatat(d, "hello", &a, 0x4000000);
	check(failed_with(r, EINVAL), "an unknown flag is EINVAL: %s", describe_result(r));
	/* The system call itself for bad buffers: glibc's fstatat converts from its own. */
	r = syscall(__NR_fstatat64, d, "hello", NULL, 0);
	check(failed_with(r, EFAULT), "fstatat64(dirfd, \"hello\", NULL) is EFAULT: %s",
	      describe_result(r));
	r = syscall(__NR_fstatat64, d, "hello", (void *)0xc0000000, 0);
	check(failed_with(r, EFAULT), "fstatat64 into a kernel address is EFAULT: %s",
	      describe_result(r));
	r = syscall(__NR_fstatat64, d, "hello", (void *)text_page, 0);
	check(failed_with(r, EFAULT) && text_page_intact(),
	      "fstatat64 into the program's text is EFAULT, the text unchanged: %s",
	      describe_result(r));
	r = syscall(__NR_fstatat64, d, NULL, &a, 0);
	check(failed_with(r, EFAULT), "fstatat64(dirfd, NULL) is EFAULT: %s", describe_result(r));
	close(file);
	close(d);
}

/* stat takes no descriptor: it works with every descriptor slot in use. */
static void check_stat_needs_no_fd(const char *dir)
{
	static int fds[4096];
	int n = 0, fd, err = 0;
	struct stat st;
	long r;

	while (n < 4096 && (fd = dir_fd(dir)) >= 0)
		fds[n++] = fd;
	err = errno;
	r = stat(dir, &st);
	check(err == EMFILE && r == 0 && S_ISDIR(st.st_mode),
	      "stat works with all %d free descriptors in use (%s)", n, describe_result(r));
	while (n > 0)
		close(fds[--n]);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/bin";

	check_openat(dir);
	check_proc_dirfd();
	check_fstatat(dir);
	check_stat_needs_no_fd(dir);
	return check_status();
}
