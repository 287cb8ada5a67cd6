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
	[__NR_pause] = CALL(sys_pause),
	[__NR_kill] = CALL(sys_kill),
	[__NR_execve] = CALL(sys_execve),
	[__NR_brk] = CALL(sys_brk),
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
	[__NR_exit_group] = CALL(sys_exit),
	/* processes: clone and its relatives (kernel/fork.c, kernel/futex.c) */
	[__NR_clone] = CALL(sys_clone),
	[__NR_vfork] = CALL(sys_vfork),
	[__NR_set_tid_address] = CALL(sys_set_tid_address),
	[__NR_gettid] = CALL(sys_gettid),
	[__NR_set_robust_list] = CALL(sys_set_robust_list),
	[__NR_get_robust_list] = CALL(sys_get_robust_list),
	[__NR_futex] = CALL(sys_futex),
	[__NR_futex_time64] = CALL(sys_futex_time64),
	/* sessions, groups, umask (kernel/sys.c) */
	[__NR_getpgid] = CALL(sys_getpgid),
	[__NR_getsid] = CALL(sys_getsid),
	[__NR_setsid] = CALL(sys_setsid),
	[__NR_umask] = CALL(sys_umask),
	/* credentials (kernel/cred.c): the 16-bit originals, then the 32-bit calls */
	[__NR_setuid] = CALL(sys_setuid16),
	[__NR_getuid] = CALL(sys_getuid16),
	[__NR_setgid] = CALL(sys_setgid16),
	[__NR_getgid] = CALL(sys_getgid16),
	[__NR_geteuid] = CALL(sys_geteuid16),
	[__NR_getegid] = CALL(sys_getegid16),
	[__NR_setreuid] = CALL(sys_setreuid16),
	[__NR_setregid] = CALL(sys_setregid16),
	[__NR_getgroups] = CALL(sys_getgroups16),
	[__NR_setgroups] = CALL(sys_setgroups16),
	[__NR_setfsuid] = CALL(sys_setfsuid16),
	[__NR_setfsgid] = CALL(sys_setfsgid16),
	[__NR_setresuid] = CALL(sys_setresuid16),
	[__NR_getresuid] = CALL(sys_getresuid16),
	[__NR_setresgid] = CALL(sys_setresgid16),
	[__NR_getresgid] = CALL(sys_getresgid16),
	[__NR_getuid32] = CALL(sys_getuid),
	[__NR_getgid32] = CALL(sys_getgid),
	[__NR_geteuid32] = CALL(sys_geteuid),
	[__NR_getegid32] = CALL(sys_getegid),
	[__NR_setuid32] = CALL(sys_setuid),
	/* kernel/file.c: the *at() forms glibc uses for open and stat */
	[__NR_openat] = CALL(sys_openat),
	[__NR_fstatat64] = CALL(sys_fstatat64),
	[__NR_lstat64] = CALL(sys_lstat64),
	/* arch/x86/kernel/tls.c: thread-local storage */
	[__NR_set_thread_area] = CALL(sys_set_thread_area),
	[__NR_get_thread_area] = CALL(sys_get_thread_area),
	/* mm/: the memory calls */
	[__NR_mmap] = CALL(sys_old_mmap),
	[__NR_munmap] = CALL(sys_munmap),
	[__NR_mprotect] = CALL(sys_mprotect),
	[__NR_mremap] = CALL(sys_mremap),
	[__NR_mmap2] = CALL(sys_mmap_pgoff),
	[__NR_madvise] = CALL(sys_madvise),
	[__NR_setgid32] = CALL(sys_setgid),
	[__NR_setreuid32] = CALL(sys_setreuid),
	[__NR_setregid32] = CALL(sys_setregid),
	[__NR_setresuid32] = CALL(sys_setresuid),
	[__NR_getresuid32] = CALL(sys_getresuid),
	[__NR_setresgid32] = CALL(sys_setresgid),
	[__NR_getresgid32] = CALL(sys_getresgid),
	[__NR_getgroups32] = CALL(sys_getgroups),
	[__NR_setgroups32] = CALL(sys_setgroups),
	[__NR_setfsuid32] = CALL(sys_setfsuid),
	[__NR_setfsgid32] = CALL(sys_setfsgid),
	/* resources (kernel/resource.c) */
	[__NR_getrlimit] = CALL(sys_old_getrlimit),
	[__NR_ugetrlimit] = CALL(sys_getrlimit),
	[__NR_setrlimit] = CALL(sys_setrlimit),
	[__NR_prlimit64] = CALL(sys_prlimit64),
	[__NR_getrusage] = CALL(sys_getrusage),
	[__NR_times] = CALL(sys_times),
	/* clocks (kernel/posix-timers.c), random bytes (kernel/random.c), readlink (kernel/file.c) */
	[__NR_clock_gettime] = CALL(sys_clock_gettime),
	[__NR_clock_gettime64] = CALL(sys_clock_gettime64),
	[__NR_clock_getres] = CALL(sys_clock_getres),
	[__NR_clock_getres_time64] = CALL(sys_clock_getres_time64),
	[__NR_clock_nanosleep] = CALL(sys_clock_nanosleep),
	[__NR_clock_nanosleep_time64] = CALL(sys_clock_nanosleep_time64),
	[__NR_getrandom] = CALL(sys_getrandom),
	[__NR_readlink] = CALL(sys_readlink),
	/* rseq stays -ENOSYS, as on a Linux before 4.18: glibc then does without it */
};
