/*
 * libc/fd.c: copying descriptors and their flags (dup, dup3, fcntl) and pipes
 * (pipe, pipe2). dup2 is in file.c.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

int dup(int fd)
{
	return __syscall_ret(__syscall(__NR_dup, fd));
}

int dup3(int oldfd, int newfd, int flags)
{
	return __syscall_ret(__syscall(__NR_dup3, oldfd, newfd, flags));
}

/* fcntl64, as glibc calls it: the same as fcntl for every command kspace has. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall(__NR_fcntl64, fd, cmd, arg));
}

int pipe(int fds[2])
{
	return __syscall_ret(__syscall(__NR_pipe, fds));
}

int pipe2(int fds[2], int flags)
{
	return __syscall_ret(__syscall(__NR_pipe2, fds, flags));
}
