/* Prototypes of the system call handlers in sys_call_table, by the file that has them. */
#ifndef KSPACE_SYSCALL_DEFS_H
#define KSPACE_SYSCALL_DEFS_H

#include <asm/uaccess.h>
#include <kspace/types.h>

#ifndef KSPACE_PID_T
#define KSPACE_PID_T
typedef int pid_t;
#endif

struct rusage;

/* kernel/fork.c, kernel/exit.c, kernel/exec.c */
long sys_fork(void);
long sys_exit(int code);
long sys_wait4(int pid, int __user *stat_addr, int options, void __user *ru);
long sys_waitpid(int pid, int __user *stat_addr, int options);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);
/* kernel/kill.c, kernel/sigaction.c, kernel/itimer.c, arch/x86/kernel/signal.c */
struct rt_sigaction_user;
struct old_sigaction_user;
struct stack_user;
struct itimerval_user;
long sys_kill(int pid, int sig);
long sys_tkill(pid_t pid, int sig);
long sys_tgkill(pid_t tgid, pid_t pid, int sig);
long sys_rt_sigqueueinfo(pid_t pid, int sig, const void __user *uinfo);
long sys_rt_tgsigqueueinfo(pid_t tgid, pid_t pid, int sig, const void __user *uinfo);
long sys_rt_sigaction(int sig, const struct rt_sigaction_user __user *act,
		      struct rt_sigaction_user __user *oact, unsigned long sigsetsize);
long sys_sigaction(int sig, const struct old_sigaction_user __user *act,
		   struct old_sigaction_user __user *oact);
long sys_signal(int sig, void (*handler)(int));
long sys_rt_sigprocmask(int how, const u64 __user *nset, u64 __user *oset,
			unsigned long sigsetsize);
long sys_sigprocmask(int how, const unsigned long __user *nset, unsigned long __user *oset);
long sys_rt_sigpending(u64 __user *uset, unsigned long sigsetsize);
long sys_sigpending(unsigned long __user *uset);
long sys_rt_sigsuspend(const u64 __user *uset, unsigned long sigsetsize);
struct timespec_user;
long sys_rt_sigtimedwait(const u64 __user *uthese, void __user *uinfo,
			 const struct timespec_user __user *uts, unsigned long sigsetsize);
long sys_sigsuspend(int unused1, int unused2, unsigned long mask);
long sys_pause(void);
long sys_sigaltstack(const struct stack_user __user *uss, struct stack_user __user *uoss);
long sys_sigreturn(void);
long sys_rt_sigreturn(void);
long sys_alarm(unsigned int seconds);
long sys_getitimer(int which, struct itimerval_user __user *value);
long sys_setitimer(int which, const struct itimerval_user __user *value,
		   struct itimerval_user __user *ovalue);
/* kernel/sys.c */
long sys_getpid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_getgid(void);
long sys_setuid(unsigned int uid);
long sys_sched_yield(void);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getpgrp(void);
long sys_syslog(int type, char __user *buf, int len);
struct sysinfo;
long sys_sysinfo(struct sysinfo __user *info);
/* kernel/file.c */
struct stat64;
long sys_open(const char __user *path, int flags, int mode);
long sys_close(unsigned int fd);
long sys_read(unsigned int fd, char __user *buf, unsigned long count);
long sys_write(unsigned int fd, const char __user *buf, unsigned long count);
long sys_lseek(unsigned int fd, long offset, unsigned int whence);
long sys_getdents64(unsigned int fd, void __user *dirp, unsigned int count);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_fstat64(unsigned int fd, struct stat64 __user *buf);
long sys_stat64(const char __user *path, struct stat64 __user *buf);
long sys_chdir(const char __user *path);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
/* kernel/utsname.c */
struct new_utsname;
long sys_sethostname(const char __user *name, int len);
long sys_setdomainname(const char __user *name, int len);
long sys_uname(struct new_utsname __user *name);
/* kernel/timer.c */
struct timespec_user;
struct timeval_user;
long sys_restart_syscall(void);
long sys_nanosleep(const struct timespec_user __user *req, struct timespec_user __user *rem);
long sys_gettimeofday(struct timeval_user __user *tv, void __user *tz);
long sys_time(long __user *tloc);
/* mm/mmap.c */
long sys_brk(unsigned long brk);

#endif
