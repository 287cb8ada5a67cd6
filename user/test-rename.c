/*
 * user/test-rename.c: rename and renameat2 with Linux's rules: a file replaces a file,
 * a directory an empty directory; two names of one file are left alone; a directory
 * may not move into itself (EINVAL) nor replace a non-empty one (ENOTEMPTY), a file
 * and a directory do not replace each other (EISDIR, ENOTDIR); "." and ".." are
 * EBUSY; RENAME_NOREPLACE and RENAME_EXCHANGE; unknown flags are EINVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define DIR "/tmp/test-rename"
#ifndef RENAME_NOREPLACE /* glibc has them in <stdio.h> */
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

static void put(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		check(0, "write %s", path);
	close(fd);
}

static const char *get(const char *path)
{
	static char buf[32];
	int fd = open(path, O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return n < 0 ? "(none)" : buf;
}

static long rename2(const char *a, const char *b, unsigned int flags)
{
	return syscall(__NR_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static unsigned int nlink(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_nlink;
}

int main(void)
{
	mkdir(DIR, 0755);
	put(DIR "/a", "A");
	put(DIR "/b", "B");
	check(!rename(DIR "/a", DIR "/b") && !strcmp(get(DIR "/b"), "A") &&
		      failed_with(access(DIR "/a", F_OK), ENOENT), "a file replaces a file");
	check(!rename(DIR "/b", DIR "/b") && !strcmp(get(DIR "/b"), "A"), "rename to itself: nothing happens");
	check(!link(DIR "/b", DIR "/b2") && !rename(DIR "/b", DIR "/b2") && !access(DIR "/b", F_OK) &&
		      nlink(DIR "/b") == 2, "two names of one file: both stay");
	check(!unlink(DIR "/b2"), "unlink b2");

	check(!mkdir(DIR "/d", 0755) && !mkdir(DIR "/e", 0755) && !mkdir(DIR "/d/sub", 0755),
	      "directories d, d/sub and e");
	check(failed_with(rename(DIR "/d", DIR "/d/sub/x"), EINVAL), "a directory into itself: EINVAL");
	check(failed_with(rename(DIR "/e", DIR "/d"), ENOTEMPTY), "over a non-empty directory: ENOTEMPTY");
	check(failed_with(rename(DIR "/d/sub", DIR "/d/sub/.."), EBUSY) ||
		      failed_with(rename(DIR "/d/sub", DIR "/d/sub/.."), ENOTEMPTY),
	      "onto \"..\": refused");
	check(failed_with(rename(DIR "/d/.", DIR "/x"), EBUSY), "\".\" as the source: EBUSY");
	check(failed_with(rename(DIR "/b", DIR "/e"), EISDIR), "a file over a directory: EISDIR");
	check(failed_with(rename(DIR "/e", DIR "/b"), ENOTDIR), "a directory over a file: ENOTDIR");
	check(failed_with(rename(DIR "/b", DIR "/x/"), ENOTDIR), "a file to \"x/\": ENOTDIR");
	check(failed_with(rename(DIR "/none", DIR "/x"), ENOENT), "a missing source: ENOENT");
	check(failed_with(rename(DIR "/b", DIR "/none/x"), ENOENT), "into a missing directory: ENOENT");
	check(!rename(DIR "/d/sub", DIR "/e/sub") && nlink(DIR "/d") == 2 && nlink(DIR "/e") == 3,
	      "a directory moves: the parents' link counts follow");
	check(!rename(DIR "/d", DIR "/e/sub") && nlink(DIR "/e") == 3 && nlink(DIR) == 3,
	      "a directory replaces an empty one");
	check(failed_with(rename(NULL, DIR "/x"), EFAULT), "source NULL: EFAULT");

	put(DIR "/p", "P");
	put(DIR "/q", "Q");
	check(failed_with(rename2(DIR "/p", DIR "/q", RENAME_NOREPLACE), EEXIST),
	      "RENAME_NOREPLACE over a file: EEXIST");
	check(!rename2(DIR "/p", DIR "/r", RENAME_NOREPLACE) && !strcmp(get(DIR "/r"), "P"),
	      "RENAME_NOREPLACE to a free name works");
	check(!rename2(DIR "/r", DIR "/q", RENAME_EXCHANGE) && !strcmp(get(DIR "/r"), "Q") &&
		      !strcmp(get(DIR "/q"), "P"), "RENAME_EXCHANGE swaps two files");
	check(!rename2(DIR "/q", DIR "/e", RENAME_EXCHANGE) && !strcmp(get(DIR "/e"), "P") &&
		      !access(DIR "/q/sub", F_OK), "... and a file with a directory");
	check(failed_with(rename2(DIR "/r", DIR "/none", RENAME_EXCHANGE), ENOENT),
	      "RENAME_EXCHANGE with a missing target: ENOENT");
	check(failed_with(rename2(DIR "/r", DIR "/s", RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL),
	      "RENAME_EXCHANGE | RENAME_NOREPLACE: EINVAL");
	check(failed_with(rename2(DIR "/r", DIR "/s", 8), EINVAL), "an unknown flag: EINVAL");

	check(!rmdir(DIR "/q/sub") && !rmdir(DIR "/q") && !unlink(DIR "/e") && !unlink(DIR "/r") &&
		      !unlink(DIR "/b") && !rmdir(DIR), "clean up");
	return check_status();
}
