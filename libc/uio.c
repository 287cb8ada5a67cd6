/*
 * libc/uio.c: readv and writev, and pread and pwrite, whose 32-bit offset becomes
 * pread64's two halves (the sign extended, as glibc does).
 */
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal.h"

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(__syscall(__NR_readv, fd, iov, iovcnt));
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(__syscall(__NR_writev, fd, iov, iovcnt));
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	return __syscall_ret(__syscall(__NR_pread64, fd, buf, count, offset, offset < 0 ? -1 : 0));
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	return __syscall_ret(__syscall(__NR_pwrite64, fd, buf, count, offset, offset < 0 ? -1 : 0));
}
