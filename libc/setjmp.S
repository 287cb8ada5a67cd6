/*
 * libc/setjmp.S: saving and restoring the registers a C caller keeps (ebx, esi, edi,
 * ebp), its stack pointer and return address, in glibc's i386 __jmp_buf order.
 * __sigsetjmp saves them, then lets __sigjmp_save (signal.c) record the mask and
 * return 0 to the caller; setjmp saves no mask, as glibc's; __longjmp puts the
 * registers back and returns val from the setjmp.
 */
	.macro SAVE_REGS		/* env in %eax, the return address at (%esp) */
	movl %ebx, 0(%eax)
	movl %esi, 4(%eax)
	movl %edi, 8(%eax)
	movl %ebp, 12(%eax)
	leal 4(%esp), %ecx		/* the caller's esp once we have returned */
	movl %ecx, 16(%eax)
	movl (%esp), %ecx
	movl %ecx, 20(%eax)
	.endm

	.text
	.globl __sigsetjmp
	.type __sigsetjmp, @function
__sigsetjmp:
	movl 4(%esp), %eax
	SAVE_REGS
	jmp __sigjmp_save		/* same arguments: (env, savemask) */
	.size __sigsetjmp, . - __sigsetjmp

	.globl setjmp, _setjmp
	.type setjmp, @function
	.type _setjmp, @function
setjmp:
_setjmp:
	movl 4(%esp), %eax
	SAVE_REGS
	movl $0, 24(%eax)		/* __mask_was_saved */
	xorl %eax, %eax
	ret
	.size setjmp, . - setjmp

	.globl __longjmp
	.type __longjmp, @function
__longjmp:
	movl 4(%esp), %ecx		/* env */
	movl 8(%esp), %eax		/* val, never 0 here */
	movl 0(%ecx), %ebx
	movl 4(%ecx), %esi
	movl 8(%ecx), %edi
	movl 12(%ecx), %ebp
	movl 16(%ecx), %esp
	jmp *20(%ecx)
	.size __longjmp, . - __longjmp

	.section .note.GNU-stack, "", @progbits
