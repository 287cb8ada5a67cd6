/*
 * user/clone_thread.h: a thread made with the raw clone system call, as pthread_create
 * makes one, for the tests that check the kernel's side of threads and so do not go
 * through a thread library: the child starts on the given stack, calls fn(arg) and
 * ends with exit (this thread only), its return value its status.
 */
#ifndef USER_CLONE_THREAD_H
#define USER_CLONE_THREAD_H

#include <sys/syscall.h>

/* clone(flags) onto the stack ending at stack_top; the tid (or -errno) to the caller. */
static inline long clone_thread(unsigned long flags, void *stack_top, volatile int *ptid, void *tls,
				volatile int *ctid, int (*fn)(void *), void *arg)
{
	unsigned long *sp = stack_top;
	long ret;

	*--sp = 0; /* fn's frame starts 16-byte aligned */
	*--sp = 0;
	*--sp = 0;
	*--sp = (unsigned long)arg;
	*--sp = (unsigned long)fn;
	__asm__ __volatile__("int $0x80\n\t"
			     "test %%eax, %%eax\n\t"
			     "jnz 1f\n\t"
			     "popl %%eax\n\t"
			     "call *%%eax\n\t"
			     "movl %%eax, %%ebx\n\t"
			     "movl %[exit], %%eax\n\t"
			     "int $0x80\n\t"
			     "hlt\n"
			     "1:"
			     : "=a"(ret)
			     : "0"(__NR_clone), "b"(flags), "c"(sp), "d"(ptid), "S"(tls), "D"(ctid),
			       [exit] "i"(__NR_exit)
			     : "memory");
	return ret;
}

#endif
