/*
 * include/uapi/linux/auxvec.h: the auxiliary vector's entry types, the (type, value)
 * pairs exec leaves on a new program's stack above envp (kernel/exec.c writes them,
 * glibc's start-up and libc's <elf.h> users read them), with Linux's numbers.
 */
#ifndef _UAPI_LINUX_AUXVEC_H
#define _UAPI_LINUX_AUXVEC_H

#define AT_NULL 0      /* the end of the vector */
#define AT_PHDR 3      /* where the program headers are in memory */
#define AT_PHENT 4     /* the size of one */
#define AT_PHNUM 5     /* how many */
#define AT_PAGESZ 6
#define AT_BASE 7      /* the interpreter's base: 0 for a static program */
#define AT_FLAGS 8
#define AT_ENTRY 9     /* the program's entry point */
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15 /* a string: "i686" */
#define AT_HWCAP 16    /* CPUID leaf 1's EDX */
#define AT_CLKTCK 17   /* times()'s ticks per second */
#define AT_SECURE 23   /* set-uid: the C library should distrust its environment */
#define AT_RANDOM 25   /* 16 random bytes, for stack protectors and pointer guards */
#define AT_EXECFN 31   /* a string: the path execve was given */

#endif
