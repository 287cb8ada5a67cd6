/*
 * System calls: Linux/i386's numbers, and the handlers in sys_call_table
 * (arch/x86/kernel/syscall_table.c). A handler is an ordinary C function: the
 * entry code leaves the user's ebx, ecx, edx, esi, edi, ebp on the kernel stack
 * in exactly the order C passes arguments, so sys_write(fd, buf, count) simply
 * receives ebx, ecx and edx. Handlers that need the whole register frame (fork,
 * execve) find it with current_pt_regs().
 */
#ifndef KSPACE_SYSCALLS_H
#define KSPACE_SYSCALLS_H

#include <kspace/types.h>

#define __NR_exit 1
#define __NR_fork 2
#define __NR_read 3
#define __NR_write 4
#define __NR_open 5
#define __NR_close 6
#define __NR_waitpid 7
#define __NR_execve 11
#define __NR_chdir 12
#define __NR_time 13
#define __NR_lseek 19
#define __NR_getpid 20
#define __NR_setuid 23
#define __NR_getuid 24
#define __NR_pause 29
#define __NR_kill 37
#define __NR_dup 41
#define __NR_brk 45
#define __NR_getgid 47
#define __NR_geteuid 49
#define __NR_getegid 50
#define __NR_ioctl 54
#define __NR_setpgid 57
#define __NR_dup2 63
#define __NR_getppid 64
#define __NR_getpgrp 65
#define __NR_sethostname 74
#define __NR_gettimeofday 78
#define __NR_syslog 103
#define __NR_wait4 114
#define __NR_sysinfo 116
#define __NR_setdomainname 121
#define __NR_uname 122
#define __NR_sched_yield 158
#define __NR_nanosleep 162
#define __NR_getcwd 183
#define __NR_stat64 195
#define __NR_fstat64 197
#define __NR_getuid32 199
#define __NR_getgid32 200
#define __NR_geteuid32 201
#define __NR_getegid32 202
#define __NR_setuid32 213
#define __NR_getdents64 220
#define __NR_exit_group 252
#define NR_syscalls 386

typedef long (*syscall_fn_t)(long, long, long, long, long, long);
extern const syscall_fn_t sys_call_table[NR_syscalls];

long sys_ni_syscall(void);

#endif
