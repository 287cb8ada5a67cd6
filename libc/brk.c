/*
 * libc/brk.c: brk() and sbrk() over the raw brk system call. The kernel's brk(addr)
 * moves the break to addr if it can and always returns the break it ends with, so
 * brk(0) asks for the current one and a result other than addr means failure.
 */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

int brk(void *addr)
{
	if (__syscall(__NR_brk, addr) != (long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* The break is asked for each time, not cached, so a program may also move it itself. */
void *sbrk(int increment)
{
	long old = __syscall(__NR_brk, 0);

	if (increment && brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}
