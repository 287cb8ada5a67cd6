/*
 * libc/namei.c: the calls that make, remove and change files by name: creat, mkdir,
 * rmdir, unlink, rename, link, symlink, mknod, chmod, chown, truncate, access, their
 * *at forms, and fchdir, fchmod, fchown, ftruncate, utimensat.
 */
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

int creat(const char *path, mode_t mode)
{
	return __syscall_ret(__syscall(__NR_creat, path, mode));
}

int mkdir(const char *path, mode_t mode)
{
	return __syscall_ret(__syscall(__NR_mkdir, path, mode));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return __syscall_ret(__syscall(__NR_mkdirat, dirfd, path, mode));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return __syscall_ret(__syscall(__NR_mknod, path, mode, (unsigned int)dev));
}

int rmdir(const char *path)
{
	return __syscall_ret(__syscall(__NR_rmdir, path));
}

int unlink(const char *path)
{
	return __syscall_ret(__syscall(__NR_unlink, path));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return __syscall_ret(__syscall(__NR_unlinkat, dirfd, path, flags));
}

int rename(const char *oldpath, const char *newpath)
{
	return __syscall_ret(__syscall(__NR_rename, oldpath, newpath));
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return __syscall_ret(__syscall(__NR_renameat, olddirfd, oldpath, newdirfd, newpath));
}

int link(const char *oldpath, const char *newpath)
{
	return __syscall_ret(__syscall(__NR_link, oldpath, newpath));
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	return __syscall_ret(__syscall(__NR_linkat, olddirfd, oldpath, newdirfd, newpath, flags));
}

int symlink(const char *target, const char *path)
{
	return __syscall_ret(__syscall(__NR_symlink, target, path));
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	return __syscall_ret(__syscall(__NR_symlinkat, target, dirfd, path));
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t bufsiz)
{
	return __syscall_ret(__syscall(__NR_readlinkat, dirfd, path, buf, bufsiz));
}

int chmod(const char *path, mode_t mode)
{
	return __syscall_ret(__syscall(__NR_chmod, path, mode));
}

int fchmod(int fd, mode_t mode)
{
	return __syscall_ret(__syscall(__NR_fchmod, fd, mode));
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags) /* Linux's fchmodat takes none; glibc emulates AT_SYMLINK_NOFOLLOW */
		return __syscall_ret(-EINVAL);
	return __syscall_ret(__syscall(__NR_fchmodat, dirfd, path, mode));
}

int chown(const char *path, uid_t owner, gid_t group)
{
	return __syscall_ret(__syscall(__NR_chown32, path, owner, group));
}

int lchown(const char *path, uid_t owner, gid_t group)
{
	return __syscall_ret(__syscall(__NR_lchown32, path, owner, group));
}

int fchown(int fd, uid_t owner, gid_t group)
{
	return __syscall_ret(__syscall(__NR_fchown32, fd, owner, group));
}

int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags)
{
	return __syscall_ret(__syscall(__NR_fchownat, dirfd, path, owner, group, flags));
}

int truncate(const char *path, off_t length)
{
	return __syscall_ret(__syscall(__NR_truncate, path, length));
}

int ftruncate(int fd, off_t length)
{
	return __syscall_ret(__syscall(__NR_ftruncate, fd, length));
}

int access(const char *path, int mode)
{
	return __syscall_ret(__syscall(__NR_access, path, mode));
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	return __syscall_ret(__syscall(__NR_faccessat2, dirfd, path, mode, flags));
}

int fchdir(int fd)
{
	return __syscall_ret(__syscall(__NR_fchdir, fd));
}

int utimensat(int dirfd, const char *path, const struct timespec *times, int flags)
{
	return __syscall_ret(__syscall(__NR_utimensat, dirfd, path, times, flags));
}
