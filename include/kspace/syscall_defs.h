/* Prototypes of the system call handlers in sys_call_table, by the file that has them. */
#ifndef KSPACE_SYSCALL_DEFS_H
#define KSPACE_SYSCALL_DEFS_H

#include <asm/uaccess.h>
#include <kspace/types.h>

struct rusage;

/* kernel/fork.c, kernel/exit.c, kernel/exec.c */
long sys_fork(void);
long sys_exit(int code);
long sys_wait4(int pid, int __user *stat_addr, int options, void __user *ru);
long sys_waitpid(int pid, int __user *stat_addr, int options);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);
/* kernel/signal.c */
long sys_kill(int pid, int sig);
long sys_pause(void);
/* kernel/sys.c */
long sys_getpid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_setuid(unsigned int uid);
long sys_sched_yield(void);
long sys_write(unsigned int fd, const char __user *buf, unsigned long count);
struct sysinfo;
long sys_sysinfo(struct sysinfo __user *info);
/* kernel/utsname.c */
struct new_utsname;
long sys_sethostname(const char __user *name, int len);
long sys_setdomainname(const char __user *name, int len);
long sys_uname(struct new_utsname __user *name);
/* mm/mmap.c */
long sys_brk(unsigned long brk);

#endif
