/*
 * user/test-dev.c: device nodes. mknod makes character devices (root only), FIFOs
 * and regular files; a directory is EPERM, an unknown type EINVAL. The memory devices,
 * reached through nodes the test makes with Linux's numbers: null (reads end, writes
 * vanish), zero, full (ENOSPC), urandom; stat shows st_rdev. On kspace /dev has them
 * already.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define DIR "/tmp/test-dev"
#define DEV(major, minor) ((major) << 8 | (minor))

static int open_node(const char *name, int major, int minor)
{
	char path[64] = DIR "/";
	int r;

	strcat(path, name);
	r = mknod(path, S_IFCHR | 0666, DEV(major, minor));
	check(!r, "mknod %s c %d %d (%s)", name, major, minor, describe_result(r));
	return open(path, O_RDWR);
}

int main(void)
{
	char buf[64];
	struct stat st;
	int fd, zero = 1;

	umask(022);
	mkdir(DIR, 0755);
	fd = open_node("null", 1, 3);
	check(fd >= 0 && read(fd, buf, sizeof(buf)) == 0, "null: a read ends at once");
	check(write(fd, "gone", 4) == 4, "null: a write takes everything");
	check(!fstat(fd, &st) && S_ISCHR(st.st_mode) && st.st_rdev == DEV(1, 3), "fstat: c 1 3");
	check(lseek(fd, 100, SEEK_SET) == 0 && lseek(fd, 5, SEEK_CUR) == 0, "null: lseek succeeds at 0");
	close(fd);
	fd = open_node("zero", 1, 5);
	memset(buf, 1, sizeof(buf));
	check(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf), "zero: a read fills the buffer");
	for (unsigned i = 0; i < sizeof(buf); i++)
		zero &= buf[i] == 0;
	check(zero, "with zeros");
	check(failed_with(read(fd, (void *)text_page, 10), EFAULT) && text_page_intact(),
	      "zero into read-only text: EFAULT");
	close(fd);
	fd = open_node("full", 1, 7);
	check(fd >= 0 && failed_with(write(fd, "x", 1), ENOSPC), "full: a write is ENOSPC");
	check(read(fd, buf, 8) == 8, "full: reads zeros");
	close(fd);
	fd = open_node("urandom", 1, 9);
	check(fd >= 0 && read(fd, buf, 32) == 32, "urandom: 32 bytes");
	close(fd);
	check(!stat(DIR "/urandom", &st) && st.st_rdev == DEV(1, 9) && (st.st_mode & 0777) == 0644,
	      "stat of the node: c 1 9, 0666 & ~umask 022");

	check(failed_with(mknod(DIR "/null", S_IFCHR | 0666, DEV(1, 3)), EEXIST), "mknod of a taken name: EEXIST");
	check(failed_with(mknod(DIR "/d", S_IFDIR | 0755, 0), EPERM), "mknod of a directory: EPERM");
	check(failed_with(mknod(DIR "/b", 0170000 | 0644, 0), EINVAL), "mknod of an unknown type: EINVAL");
	check(!mknod(DIR "/fifo", S_IFIFO | 0644, 0) && !lstat(DIR "/fifo", &st) && S_ISFIFO(st.st_mode),
	      "mknod of a FIFO");
	check(!mknod(DIR "/reg", 0644, 0) && !lstat(DIR "/reg", &st) && S_ISREG(st.st_mode),
	      "mknod with no type: a regular file");

	if (on_kspace()) {
		const char *nodes[] = { "/dev/null", "/dev/zero", "/dev/full", "/dev/random",
					"/dev/urandom", "/dev/tty", "/dev/console", "/dev/ttyS0",
					"/dev/kmsg" };
		for (unsigned i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
			check(!stat(nodes[i], &st) && S_ISCHR(st.st_mode), "%s is a character device", nodes[i]);
		fd = open("/dev/null", O_WRONLY);
		check(fd >= 0 && write(fd, "x", 1) == 1, "/dev/null opens and takes a write");
		close(fd);
	}

	const char *names[] = { "null", "zero", "full", "urandom", "fifo", "reg" };
	int ok = 1;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[64] = DIR "/";
		strcat(path, names[i]);
		ok &= !unlink(path);
	}
	check(ok && !rmdir(DIR), "clean up");
	return check_status();
}
