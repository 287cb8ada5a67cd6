/*
 * sys/stat.h: stat() and fstat(). struct stat is the kernel's struct stat64 for i386
 * (arch/x86/include/uapi/asm/stat.h, 96 bytes), filled by the stat64 and fstat64
 * system calls, as glibc does it: 64-bit sizes and inode numbers, 32-bit uids.
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <linux/stat.h> /* S_IF* and the permission bits, shared with the kernel */
#include <sys/types.h>

struct stat {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino; /* the low 32 bits of st_ino */
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned long st_uid;
	unsigned long st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks; /* 512-byte blocks */
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned int st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned long long st_ino;
};

int stat(const char *path, struct stat *st);
mode_t umask(mode_t mask);
int fstat(int fd, struct stat *st);
int lstat(const char *path, struct stat *st); /* a symlink describes itself */
int fstatat(int dirfd, const char *path, struct stat *st, int flags); /* flags: AT_* */
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);
int mknod(const char *path, mode_t mode, dev_t dev);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);
struct timespec;
int utimensat(int dirfd, const char *path, const struct timespec *times, int flags);
#define UTIME_NOW ((1L << 30) - 1L)
#define UTIME_OMIT ((1L << 30) - 2L)

#endif
