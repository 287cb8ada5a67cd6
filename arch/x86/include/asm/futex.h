/*
 * The one atomic step on a user word that futexes need from the architecture: a
 * compare-and-exchange (lock cmpxchgl) whose fault on a bad address is recovered
 * through the exception table, as Linux's futex_atomic_cmpxchg_inatomic. FUTEX_WAKE_OP
 * builds its read-modify-write on it, so that a thread on another CPU changing the
 * word at the same time loses nothing.
 */
#ifndef ASM_FUTEX_H
#define ASM_FUTEX_H

#include <asm/asm.h>
#include <kspace/compiler.h>
#include <kspace/errno.h>
#include <kspace/types.h>

/* *uval: what the word held; it was replaced by newval only if that equals oldval. */
static inline int futex_atomic_cmpxchg(u32 *uval, u32 __user *uaddr, u32 oldval, u32 newval)
{
	int err = 0;

	__asm__ volatile("1:	lock cmpxchgl %3, %2\n"
			 "2:\n"
			 ".pushsection .fixup, \"ax\"\n"
			 "3:	movl %4, %1\n"
			 "	jmp 2b\n"
			 ".popsection\n" _ASM_EXTABLE(1b, 3b)
			 : "+a"(oldval), "+r"(err), "+m"(*(u32 *)uaddr)
			 : "r"(newval), "i"(-EFAULT)
			 : "memory");
	*uval = oldval;
	return err;
}

#endif
