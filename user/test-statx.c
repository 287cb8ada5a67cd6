/*
 * user/test-statx.c: statx(2), which glibc's stat uses on i386 since 2.33, beside
 * fstatat64: the same answers as stat, a symlink itself with AT_SYMLINK_NOFOLLOW, the
 * descriptor's file with AT_EMPTY_PATH; bad flags, a reserved mask bit, both sync
 * flags together: EINVAL; bad paths and buffers: ENOENT, EFAULT.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define F "/tmp/test-statx"
#define L "/tmp/test-statx-link"
#ifndef STATX_BASIC_STATS /* glibc has it in <sys/stat.h> */
#define STATX_BASIC_STATS 0x7ffU
#endif

struct ts {
	long long tv_sec;
	unsigned int tv_nsec;
	int reserved;
};

/* Linux's struct statx, under a name glibc's <sys/stat.h> does not take. */
struct kstatx {
	unsigned int mask, blksize;
	unsigned long long attributes;
	unsigned int nlink, uid, gid;
	unsigned short mode, spare0;
	unsigned long long ino, size, blocks, attributes_mask;
	struct ts atime, btime, ctime, mtime;
	unsigned int rdev_major, rdev_minor, dev_major, dev_minor;
	unsigned long long mnt_id, spare2, spare3[12];
};

static long do_statx(int dfd, const char *path, int flags, unsigned int mask, void *buf)
{
	return syscall(__NR_statx, dfd, path, flags, mask, buf);
}

int main(void)
{
	struct kstatx sx;
	struct stat st;
	int fd = open(F, O_CREAT | O_RDWR | O_TRUNC, 0640);

	check(sizeof(sx) == 256, "struct statx is 256 bytes");
	check(fd >= 0 && write(fd, "12345", 5) == 5 && !stat(F, &st), "a 5-byte file");
	memset(&sx, 0xff, sizeof(sx));
	check(!do_statx(AT_FDCWD, F, 0, STATX_BASIC_STATS, &sx), "statx works");
	check((sx.mask & STATX_BASIC_STATS) == STATX_BASIC_STATS, "basic stats filled (mask %#x)", sx.mask);
	check(sx.size == 5 && sx.mode == (S_IFREG | 0640) && sx.nlink == 1 && sx.ino == st.st_ino &&
		      sx.uid == st.st_uid && sx.gid == st.st_gid, "size, mode, links, inode, owner as stat's");
	check(sx.mtime.tv_sec == (long long)st.st_mtime && sx.ctime.tv_sec == (long long)st.st_ctime,
	      "times as stat's");
	check(!symlink(F, L) && !do_statx(AT_FDCWD, L, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx) &&
		      (sx.mode & S_IFMT) == S_IFLNK && sx.size == strlen(F),
	      "AT_SYMLINK_NOFOLLOW: the symlink itself");
	check(!do_statx(AT_FDCWD, L, 0, STATX_BASIC_STATS, &sx) && sx.ino == st.st_ino, "followed: the file");
	check(!do_statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx) && sx.ino == st.st_ino,
	      "AT_EMPTY_PATH: the descriptor's file");
	check(failed_with(do_statx(fd, "", 0, STATX_BASIC_STATS, &sx), ENOENT), "\"\" without it: ENOENT");
	check(failed_with(do_statx(AT_FDCWD, F, 0x1, STATX_BASIC_STATS, &sx), EINVAL), "an unknown flag: EINVAL");
	check(failed_with(do_statx(AT_FDCWD, F, 0x6000, STATX_BASIC_STATS, &sx), EINVAL),
	      "AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC: EINVAL");
	check(failed_with(do_statx(AT_FDCWD, F, 0, 0x80000000U, &sx), EINVAL), "STATX__RESERVED: EINVAL");
	check(failed_with(do_statx(AT_FDCWD, "/tmp/none", 0, STATX_BASIC_STATS, &sx), ENOENT),
	      "a missing file: ENOENT");
	check(failed_with(do_statx(AT_FDCWD, F, 0, STATX_BASIC_STATS, NULL), EFAULT), "buffer NULL: EFAULT");
	check(failed_with(do_statx(AT_FDCWD, F, 0, STATX_BASIC_STATS, (void *)text_page), EFAULT) &&
		      text_page_intact(), "buffer in read-only text: EFAULT");
	check(failed_with(do_statx(AT_FDCWD, NULL, 0, STATX_BASIC_STATS, &sx), EFAULT), "path NULL: EFAULT");
	check(failed_with(do_statx(-1, "x", 0, STATX_BASIC_STATS, &sx), EBADF), "a bad descriptor: EBADF");
	close(fd);
	check(!unlink(L) && !unlink(F), "clean up");
	return check_status();
}
