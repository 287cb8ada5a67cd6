/*
 * libc/syscall.S: the one place user space enters the kernel. Linux's i386 convention:
 * the number in %eax, up to six arguments in %ebx, %ecx, %edx, %esi, %edi, %ebp, then
 * int $0x80; the result comes back in %eax, -4095..-1 meaning -errno.
 *
 * long __syscall(long nr, ...) returns that raw result; the C wrappers pass it to
 * __syscall_ret(), which sets errno. syscall() is glibc's public variant that does both.
 * Both always load six arguments: the slots a caller did not pass are read from its
 * frame and ignored by the kernel.
 */
	.text
	.globl __syscall
	.type __syscall, @function
__syscall:
	pushl %ebp			/* callee-saved registers the arguments travel in */
	pushl %edi
	pushl %esi
	pushl %ebx
	movl 20(%esp), %eax		/* nr, just above the 4 saves and the return address */
	movl 24(%esp), %ebx
	movl 28(%esp), %ecx
	movl 32(%esp), %edx
	movl 36(%esp), %esi
	movl 40(%esp), %edi
	movl 44(%esp), %ebp
	int $0x80
	popl %ebx
	popl %esi
	popl %edi
	popl %ebp
	ret
	.size __syscall, . - __syscall

	.globl syscall
	.type syscall, @function
syscall:
	.rept 7				/* copy nr and the six argument slots for __syscall; */
	pushl 28(%esp)			/* each push moves the next lower slot to 28(%esp) */
	.endr
	call __syscall
	addl $28, %esp
	pushl %eax
	call __syscall_ret
	addl $4, %esp
	ret
	.size syscall, . - syscall

/*
 * vfork: on Linux the child runs on the parent's stack until it execs or exits, and
 * whatever it pushes there overwrites what the parent will return through. So the
 * return address travels in %ecx, not on the stack, as in glibc's vfork.
 */
#include <asm/unistd_32.h>

	.globl vfork
	.type vfork, @function
vfork:
	popl %ecx
	movl $__NR_vfork, %eax
	int $0x80
	pushl %ecx
	cmpl $-4095, %eax
	jae 1f
	ret
1:	pushl %eax			/* only the parent gets here: there is no child */
	call __syscall_ret
	addl $4, %esp
	ret
	.size vfork, . - vfork

	.section .note.GNU-stack, "", @progbits
