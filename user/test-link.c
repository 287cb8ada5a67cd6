/*
 * user/test-link.c: hard links (link, linkat) and symbolic links (symlink, readlink,
 * readlinkat, lstat): a link count per name, one inode behind both names, no links
 * to directories (EPERM), symlinks followed or not, relative targets resolved from
 * the link's directory, ".." after a symlink taken physically, ELOOP for a loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define DIR "/tmp/test-link"

int main(void)
{
	struct stat a, b;
	char buf[64];
	int fd, dfd;
	long n;

	mkdir(DIR, 0755);
	fd = open(DIR "/f", O_CREAT | O_WRONLY, 0600);
	check(fd >= 0 && write(fd, "data", 4) == 4, "create f");
	close(fd);
	check(!link(DIR "/f", DIR "/g"), "link g to f");
	check(!stat(DIR "/f", &a) && !stat(DIR "/g", &b) && a.st_ino == b.st_ino && a.st_nlink == 2 &&
		      b.st_size == 4, "one inode, two links, same size");
	check(failed_with(link(DIR "/f", DIR "/g"), EEXIST), "link to a taken name: EEXIST");
	check(failed_with(link(DIR, DIR "/d2"), EPERM), "link to a directory: EPERM");
	check(failed_with(link(DIR "/none", DIR "/h"), ENOENT), "link from a missing name: ENOENT");
	check(failed_with(link(DIR "/f", DIR "/h/"), ENOENT), "link to \"h/\": ENOENT");
	check(!unlink(DIR "/f") && !stat(DIR "/g", &b) && b.st_nlink == 1, "unlink f: g has one link");

	check(!symlink("g", DIR "/s"), "symlink s -> g");
	check(!lstat(DIR "/s", &a) && S_ISLNK(a.st_mode) && a.st_size == 1, "lstat: a symlink of size 1");
	check(!stat(DIR "/s", &a) && a.st_ino == b.st_ino, "stat follows it to g");
	n = readlink(DIR "/s", buf, sizeof(buf));
	check(n == 1 && buf[0] == 'g', "readlink: \"g\"");
	dfd = open(DIR, O_RDONLY | O_DIRECTORY);
	n = readlinkat(dfd, "s", buf, sizeof(buf));
	check(n == 1 && buf[0] == 'g', "readlinkat relative to the directory");
	check(failed_with(readlink(DIR "/g", buf, sizeof(buf)), EINVAL), "readlink of a file: EINVAL");
	check(failed_with(symlink("x", DIR "/s"), EEXIST), "symlink to a taken name: EEXIST");
	check(failed_with(symlink("", DIR "/e"), ENOENT), "symlink to \"\": ENOENT");
	check(!linkat(dfd, "s", dfd, "hs", 0) && !lstat(DIR "/hs", &a) && S_ISLNK(a.st_mode),
	      "linkat without AT_SYMLINK_FOLLOW links the symlink itself");
	check(!linkat(dfd, "s", dfd, "hg", AT_SYMLINK_FOLLOW) && !lstat(DIR "/hg", &a) &&
		      a.st_ino == b.st_ino, "with AT_SYMLINK_FOLLOW, what it points to");
	check(failed_with(linkat(dfd, "s", dfd, "x", 0x1), EINVAL), "linkat with an unknown flag: EINVAL");

	check(!mkdir(DIR "/sub", 0755) && !mkdir(DIR "/sub/deep", 0755) &&
		      !symlink("sub/deep", DIR "/up"), "symlink up -> sub/deep");
	check(!access(DIR "/up/../deep", F_OK), "\"up/..\" is sub, where the link leads, not " DIR);
	check(!symlink("loop2", DIR "/loop1") && !symlink("loop1", DIR "/loop2"), "two symlinks in a loop");
	check(failed_with(open(DIR "/loop1", O_RDONLY), ELOOP), "opening one: ELOOP");
	check(failed_with(stat(DIR "/loop1/x", &a), ELOOP), "a path through one: ELOOP");
	check(!symlink("/tmp/test-link/g", DIR "/abs"), "an absolute symlink");
	fd = open(DIR "/abs", O_RDONLY);
	check(fd >= 0 && read(fd, buf, 4) == 4 && !memcmp(buf, "data", 4), "opens g");
	close(fd);
	close(dfd);

	const char *names[] = { "g", "s", "hs", "hg", "up", "loop1", "loop2", "abs" };
	int ok = 1;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[64] = DIR "/";
		strcat(path, names[i]);
		ok &= !unlink(path);
	}
	check(ok && !rmdir(DIR "/sub/deep") && !rmdir(DIR "/sub") && !rmdir(DIR), "clean up");
	return check_status();
}
