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
/* arch/x86/kernel/tls.c */
struct user_desc;
long sys_set_thread_area(struct user_desc __user *u_info);
long sys_get_thread_area(struct user_desc __user *u_info);
/* kernel/signal.c */
long sys_kill(int pid, int sig);
long sys_pause(void);
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
long sys_nanosleep(const struct timespec_user __user *req, struct timespec_user __user *rem);
long sys_gettimeofday(struct timeval_user __user *tv, void __user *tz);
long sys_time(long __user *tloc);
/* mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c */
long sys_brk(unsigned long brk);
struct mmap_arg_struct { /* the old mmap's arguments, in user memory */
	unsigned long addr, len, prot, flags, fd, offset;
};
long sys_old_mmap(const struct mmap_arg_struct __user *arg);
long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
		    unsigned long flags, unsigned long fd, unsigned long pgoff);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_madvise(unsigned long start, unsigned long len, int behavior);

#endif
