/*
 * errno.h: the error numbers of Linux, from the kernel's own
 * include/uapi/asm-generic/errno.h. A system call fails by returning -E...; libc's
 * wrappers turn that into a return of -1 with the number in errno.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

extern int errno; /* one thread per process, so one plain variable */

#include <asm-generic/errno.h> /* the numbers, shared with the kernel */

#define EWOULDBLOCK EAGAIN
#define ENOTSUP EOPNOTSUPP

/* The largest error a system call returns: results in [-MAX_ERRNO, -1] are errors. */
#define MAX_ERRNO 4095

#endif
