/*
 * sys/syscall.h: Linux's i386 system call numbers, from the kernel's own
 * arch/x86/include/uapi/asm/unistd_32.h (installed by the build as <asm/unistd_32.h>).
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <asm/unistd_32.h>

#endif
