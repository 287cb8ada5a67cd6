/*
 * libc/sigreturn.S: the restorers sigaction installs (SA_RESTORER), glibc's names.
 * A handler returns into one: __restore_rt for SA_SIGINFO frames calls rt_sigreturn;
 * __restore first pops the signal number the old frame passes, then calls sigreturn,
 * which finds the frame 8 bytes below the stack pointer it then has.
 */
#include <asm/unistd_32.h>

	.text
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	movl $__NR_rt_sigreturn, %eax
	int $0x80
	.size __restore_rt, . - __restore_rt

	.globl __restore
	.type __restore, @function
__restore:
	popl %eax
	movl $__NR_sigreturn, %eax
	int $0x80
	.size __restore, . - __restore

	.section .note.GNU-stack, "", @progbits
