/*
 * arch/x86/kernel/syscall_table.c: sys_call_table, indexed by Linux/i386's system
 * call numbers. Every slot starts as sys_ni_syscall (-ENOSYS) and the implemented
 * calls override theirs, so the table reads like the list of what kspace supports.
 */
#include <kspace/errno.h>
#include <kspace/syscalls.h>
#include <kspace/syscall_defs.h>

long sys_ni_syscall(void)
{
	return -ENOSYS;
}

/* Handlers take their own argument lists; the entry code passes six words to each. */
#define CALL(fn) ((syscall_fn_t)(void (*)(void))(fn))

#pragma GCC diagnostic ignored "-Woverride-init"
const syscall_fn_t sys_call_table[NR_syscalls] = {
	[0 ... NR_syscalls - 1] = CALL(sys_ni_syscall),
	[__NR_exit] = CALL(sys_exit),
	[__NR_fork] = CALL(sys_fork),
	[__NR_read] = CALL(sys_read),
	[__NR_write] = CALL(sys_write),
	[__NR_open] = CALL(sys_open),
	[__NR_close] = CALL(sys_close),
	[__NR_waitpid] = CALL(sys_waitpid),
	[__NR_chdir] = CALL(sys_chdir),
	[__NR_time] = CALL(sys_time),
	[__NR_lseek] = CALL(sys_lseek),
	[__NR_getpid] = CALL(sys_getpid),
	[__NR_setuid] = CALL(sys_setuid),
	[__NR_getuid] = CALL(sys_getuid),
	[__NR_pause] = CALL(sys_pause),
	[__NR_kill] = CALL(sys_kill),
	[__NR_execve] = CALL(sys_execve),
	[__NR_brk] = CALL(sys_brk),
	[__NR_getgid] = CALL(sys_getgid),
	[__NR_geteuid] = CALL(sys_getuid),
	[__NR_getegid] = CALL(sys_getgid),
	[__NR_ioctl] = CALL(sys_ioctl),
	[__NR_setpgid] = CALL(sys_setpgid),
	[__NR_dup2] = CALL(sys_dup2),
	[__NR_getppid] = CALL(sys_getppid),
	[__NR_getpgrp] = CALL(sys_getpgrp),
	[__NR_gettimeofday] = CALL(sys_gettimeofday),
	[__NR_syslog] = CALL(sys_syslog),
	[__NR_sethostname] = CALL(sys_sethostname),
	[__NR_wait4] = CALL(sys_wait4),
	[__NR_sysinfo] = CALL(sys_sysinfo),
	[__NR_setdomainname] = CALL(sys_setdomainname),
	[__NR_uname] = CALL(sys_uname),
	[__NR_sched_yield] = CALL(sys_sched_yield),
	[__NR_nanosleep] = CALL(sys_nanosleep),
	[__NR_getcwd] = CALL(sys_getcwd),
	[__NR_stat64] = CALL(sys_stat64),
	[__NR_fstat64] = CALL(sys_fstat64),
	[__NR_getdents64] = CALL(sys_getdents64),
	[__NR_getuid32] = CALL(sys_getuid),
	[__NR_getgid32] = CALL(sys_getgid),
	[__NR_geteuid32] = CALL(sys_getuid),
	[__NR_getegid32] = CALL(sys_getgid),
	[__NR_setuid32] = CALL(sys_setuid),
	[__NR_exit_group] = CALL(sys_exit),
	/* signals */
	[__NR_restart_syscall] = CALL(sys_restart_syscall),
	[__NR_alarm] = CALL(sys_alarm),
	[__NR_signal] = CALL(sys_signal),
	[__NR_sigaction] = CALL(sys_sigaction),
	[__NR_sigsuspend] = CALL(sys_sigsuspend),
	[__NR_sigpending] = CALL(sys_sigpending),
	[__NR_setitimer] = CALL(sys_setitimer),
	[__NR_getitimer] = CALL(sys_getitimer),
	[__NR_sigreturn] = CALL(sys_sigreturn),
	[__NR_sigprocmask] = CALL(sys_sigprocmask),
	[__NR_rt_sigreturn] = CALL(sys_rt_sigreturn),
	[__NR_rt_sigaction] = CALL(sys_rt_sigaction),
	[__NR_rt_sigprocmask] = CALL(sys_rt_sigprocmask),
	[__NR_rt_sigpending] = CALL(sys_rt_sigpending),
	[__NR_rt_sigsuspend] = CALL(sys_rt_sigsuspend),
	[__NR_rt_sigtimedwait] = CALL(sys_rt_sigtimedwait),
	[__NR_sigaltstack] = CALL(sys_sigaltstack),
	[__NR_tkill] = CALL(sys_tkill),
	[__NR_tgkill] = CALL(sys_tgkill),
	[__NR_rt_sigqueueinfo] = CALL(sys_rt_sigqueueinfo),
	[__NR_rt_tgsigqueueinfo] = CALL(sys_rt_tgsigqueueinfo),
};
