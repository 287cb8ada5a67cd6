/*
 * System calls: Linux/i386's numbers (<uapi/asm/unistd_32.h>) and the handlers in
 * sys_call_table (arch/x86/kernel/syscall_table.c). A handler is an ordinary C function: the
 * entry code leaves the user's ebx, ecx, edx, esi, edi, ebp on the kernel stack
 * in exactly the order C passes arguments, so sys_write(fd, buf, count) simply
 * receives ebx, ecx and edx. Handlers that need the whole register frame (fork,
 * execve) find it with current_pt_regs().
 */
#ifndef KSPACE_SYSCALLS_H
#define KSPACE_SYSCALLS_H

#include <kspace/types.h>
#include <uapi/asm/unistd_32.h>

#define NR_syscalls 451 /* __NR_set_mempolicy_home_node + 1 */

typedef long (*syscall_fn_t)(long, long, long, long, long, long);
extern const syscall_fn_t sys_call_table[NR_syscalls];

long sys_ni_syscall(void);

#endif
