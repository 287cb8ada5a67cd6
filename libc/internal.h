/* libc/internal.h: what libc's own files share and programs do not see. */
#ifndef _LIBC_INTERNAL_H
#define _LIBC_INTERNAL_H

/* The raw system call (syscall.S): the kernel's result, -errno on failure. */
long __syscall(long nr, ...);

/* A raw result as the C wrappers return it: -1 with errno set on failure. */
long __syscall_ret(long result);

#endif
