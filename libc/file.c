/*
 * libc/file.c: files and descriptors: read, write, open, close, lseek, dup2, ioctl,
 * stat, getdents64, and the working directory (chdir, getcwd).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

ssize_t read(int fd, void *buf, size_t count)
{
	return __syscall_ret(__syscall(__NR_read, fd, buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __syscall_ret(__syscall(__NR_write, fd, buf, count));
}

/* The mode argument after flags: the caller passes one only with O_CREAT. */
static mode_t create_mode(int flags, va_list ap)
{
	return flags & O_CREAT ? va_arg(ap, mode_t) : 0;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = create_mode(flags, ap);
	va_end(ap);
	return __syscall_ret(__syscall(__NR_open, path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = create_mode(flags, ap);
	va_end(ap);
	return __syscall_ret(__syscall(__NR_openat, dirfd, path, flags, mode));
}

int close(int fd)
{
	return __syscall_ret(__syscall(__NR_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(__syscall(__NR_lseek, fd, offset, whence));
}

int dup2(int oldfd, int newfd)
{
	return __syscall_ret(__syscall(__NR_dup2, oldfd, newfd));
}

/* Every request kspace and libc use takes one argument, a number or a pointer. */
int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	return __syscall_ret(__syscall(__NR_ioctl, fd, request, arg));
}

int stat(const char *path, struct stat *st)
{
	return __syscall_ret(__syscall(__NR_stat64, path, st));
}

int fstat(int fd, struct stat *st)
{
	return __syscall_ret(__syscall(__NR_fstat64, fd, st));
}

int lstat(const char *path, struct stat *st)
{
	return __syscall_ret(__syscall(__NR_lstat64, path, st));
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return __syscall_ret(__syscall(__NR_fstatat64, dirfd, path, st, flags));
}

ssize_t getdents64(int fd, void *buf, size_t count)
{
	return __syscall_ret(__syscall(__NR_getdents64, fd, buf, count));
}

int chdir(const char *path)
{
	return __syscall_ret(__syscall(__NR_chdir, path));
}

/* The system call returns the length it stored, NUL included; POSIX's getcwd returns buf. */
ssize_t readlink(const char *path, char *buf, size_t bufsiz)
{
	return __syscall_ret(__syscall(__NR_readlink, path, buf, bufsiz));
}

mode_t umask(mode_t mask)
{
	return __syscall(__NR_umask, mask);
}

char *getcwd(char *buf, size_t size)
{
	return __syscall_ret(__syscall(__NR_getcwd, buf, size)) < 0 ? NULL : buf;
}
