/*
 * libc/crt0.S: _start, where every program begins. The kernel leaves the SysV i386
 * initial stack: argc at (%esp), then argv[0..argc-1], NULL, envp[...], NULL (and the
 * auxiliary vector, unused here). _start sets environ, calls main(argc, argv, envp)
 * and passes main's return value to exit(), which flushes stdout.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp			/* the outermost frame, for debuggers */
	movl (%esp), %eax		/* argc */
	leal 4(%esp), %ecx		/* argv */
	leal 8(%esp,%eax,4), %edx	/* envp: past argv's argc entries and its NULL */
	movl %edx, environ
	andl $-16, %esp			/* the ABI wants %esp 16-byte aligned at each call */
	subl $4, %esp
	pushl %edx
	pushl %ecx
	pushl %eax
	call main
	movl %eax, (%esp)
	call exit
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
