/*
 * arch/x86/include/uapi/asm/unistd_32.h: Linux's i386 system call numbers
 * (arch/x86/entry/syscalls/syscall_32.tbl), the ABI every kspace program is built
 * against: eax holds the number, ebx, ecx, edx, esi, edi, ebp the arguments, and
 * int $0x80 enters the kernel. Shared by the kernel's sys_call_table and libc.
 *
 * Listed are the calls kspace implements or libc makes. (init calls mount to mount
 * /proc on Linux; kspace's /proc needs no mounting, and mount returns ENOSYS.) Where Linux has an old and a new variant, libc calls the one glibc calls:
 * getuid32 and setuid32 (not the 16-bit getuid 24 and setuid 23), stat64 and fstat64
 * (not stat 106 and fstat 108), getdents64.
 */
#ifndef _UAPI_ASM_X86_UNISTD_32_H
#define _UAPI_ASM_X86_UNISTD_32_H

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
#define __NR_mount 21
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

#endif
