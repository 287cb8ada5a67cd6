/*
 * user/test-unlink.c: mkdir, rmdir, unlink, unlinkat, and what a name's removal leaves:
 * a file still open keeps its data after its last name is gone; link counts of files
 * and directories; the errors in Linux's order: EEXIST, ENOENT, ENOTDIR, EISDIR,
 * ENOTEMPTY, EINVAL for ".", EBUSY for "/", ENAMETOOLONG, EFAULT, bad unlinkat flags.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define DIR "/tmp/test-unlink"

static unsigned int nlink(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? 0 : st.st_nlink;
}

static void directories(void)
{
	struct stat st;
	char name[300];

	check(!mkdir(DIR "/d", 0750) && !stat(DIR "/d", &st) && S_ISDIR(st.st_mode) &&
		      (st.st_mode & 0777) == 0750, "mkdir makes a directory 0750");
	check(nlink(DIR "/d") == 2 && nlink(DIR) == 3, "it has 2 links, its parent one more");
	check(!mkdir(DIR "/d/sub", 0755) && nlink(DIR "/d") == 3, "a subdirectory adds a link");
	check(failed_with(mkdir(DIR "/d", 0755), EEXIST), "mkdir of an existing name: EEXIST");
	check(failed_with(mkdir(DIR "/d/.", 0755), EEXIST), "mkdir \".\": EEXIST");
	check(failed_with(mkdir("/", 0755), EEXIST), "mkdir \"/\": EEXIST");
	check(failed_with(mkdir(DIR "/no/x", 0755), ENOENT), "mkdir in a missing directory: ENOENT");
	check(failed_with(mkdir("", 0755), ENOENT), "mkdir \"\": ENOENT");
	check(failed_with(mkdir(NULL, 0755), EFAULT), "mkdir NULL: EFAULT");
	memset(name, 'n', sizeof(name));
	memcpy(name, DIR "/", strlen(DIR "/"));
	name[sizeof(name) - 1] = '\0';
	check(failed_with(mkdir(name, 0755), ENAMETOOLONG), "a 280-byte name: ENAMETOOLONG");
	check(failed_with(rmdir(DIR "/d"), ENOTEMPTY), "rmdir of a non-empty directory: ENOTEMPTY");
	check(failed_with(rmdir(DIR "/d/."), EINVAL), "rmdir \".\": EINVAL");
	check(failed_with(rmdir(DIR "/d/sub/.."), ENOTEMPTY), "rmdir \"..\": ENOTEMPTY");
	check(failed_with(rmdir("/"), EBUSY), "rmdir \"/\": EBUSY");
	check(failed_with(unlink(DIR "/d"), EISDIR), "unlink of a directory: EISDIR");
	check(!rmdir(DIR "/d/sub/") && nlink(DIR "/d") == 2, "rmdir \"sub/\", the link count drops");
	check(failed_with(rmdir(DIR "/d/sub"), ENOENT), "rmdir again: ENOENT");
	check(!rmdir(DIR "/d") && nlink(DIR) == 2, "rmdir d");
}

static void files(void)
{
	char buf[8] = { 0 };
	int fd = open(DIR "/f", O_CREAT | O_RDWR, 0644), dfd;

	check(fd >= 0 && write(fd, "kept", 4) == 4, "create f and write to it");
	check(failed_with(rmdir(DIR "/f"), ENOTDIR), "rmdir of a file: ENOTDIR");
	check(failed_with(unlink(DIR "/f/"), ENOTDIR), "unlink \"f/\": ENOTDIR");
	check(failed_with(unlink(DIR "/f/x"), ENOTDIR), "unlink under a file: ENOTDIR");
	check(!unlink(DIR "/f"), "unlink f while it is open");
	check(failed_with(access(DIR "/f", F_OK), ENOENT), "the name is gone");
	struct stat st;
	check(!fstat(fd, &st) && st.st_nlink == 0, "fstat: no links left (%u)", st.st_nlink);
	check(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, 8) == 4 && !memcmp(buf, "kept", 4),
	      "the open file still reads its data");
	check(write(fd, "more", 4) == 4, "and takes writes");
	close(fd);
	check(failed_with(unlink(DIR "/f"), ENOENT), "unlink of a missing name: ENOENT");
	check(failed_with(unlink(NULL), EFAULT), "unlink NULL: EFAULT");

	dfd = open(DIR, O_RDONLY | O_DIRECTORY);
	check(dfd >= 0 && !mkdirat(dfd, "e", 0700) && close(open(DIR "/g", O_CREAT | O_WRONLY, 0600)) == 0,
	      "mkdirat relative to a directory descriptor");
	check(failed_with(unlinkat(dfd, "e", 0), EISDIR), "unlinkat of a directory without AT_REMOVEDIR: EISDIR");
	check(failed_with(unlinkat(dfd, "g", AT_REMOVEDIR), ENOTDIR), "unlinkat AT_REMOVEDIR of a file: ENOTDIR");
	check(failed_with(unlinkat(dfd, "g", 0x1), EINVAL), "unlinkat with an unknown flag: EINVAL");
	check(!unlinkat(dfd, "e", AT_REMOVEDIR) && !unlinkat(dfd, "g", 0), "unlinkat removes both");
	check(failed_with(unlinkat(dfd + 100, "g", 0), EBADF), "unlinkat with a bad descriptor: EBADF");
	check(failed_with(unlinkat(fd = open("/bin/test-unlink", O_RDONLY), "g", 0), ENOTDIR),
	      "unlinkat relative to a file: ENOTDIR");
	close(fd);
	close(dfd);
}

int main(void)
{
	rmdir(DIR);
	check(!mkdir(DIR, 0755), "mkdir " DIR);
	directories();
	files();
	check(!rmdir(DIR), "rmdir " DIR ": empty again");
	return check_status();
}
