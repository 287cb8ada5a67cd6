/* Prototypes of the system call handlers in sys_call_table, by the file that has them. */
#ifndef KSPACE_SYSCALL_DEFS_H
#define KSPACE_SYSCALL_DEFS_H

#include <asm/uaccess.h>
#include <kspace/stat.h>
#include <kspace/types.h>

#ifndef KSPACE_PID_T
#define KSPACE_PID_T
typedef int pid_t;
#endif

struct rusage;

/* kernel/fork.c, kernel/exit.c, kernel/exec.c */
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tidptr,
	       unsigned long tls, int __user *child_tidptr);
long sys_set_tid_address(int __user *tidptr);
long sys_gettid(void);
long sys_exit(int code);
long sys_exit_group(int code);
long sys_wait4(int pid, int __user *stat_addr, int options, void __user *ru);
long sys_waitpid(int pid, int __user *stat_addr, int options);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);
/* arch/x86/kernel/tls.c */
struct user_desc;
long sys_set_thread_area(struct user_desc __user *u_info);
long sys_get_thread_area(struct user_desc __user *u_info);
/* kernel/signal.c */
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
struct old_timespec32;
long sys_rt_sigtimedwait(const u64 __user *uthese, void __user *uinfo,
			 const struct old_timespec32 __user *uts, unsigned long sigsetsize);
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
long sys_sched_yield(void);
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *user_mask_ptr);
long sys_getcpu(unsigned int __user *cpup, unsigned int __user *nodep, void __user *unused);
long sys_sched_setaffinity(pid_t pid, unsigned int len, unsigned long __user *user_mask_ptr);
/* kernel/nice.c, kernel/fs/sync.c */
long sys_nice(int increment);
long sys_getpriority(int which, int who);
long sys_setpriority(int which, int who, int niceval);
long sys_sync(void);
long sys_syncfs(unsigned int fd);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getpgrp(void);
long sys_getpgid(pid_t pid);
long sys_getsid(pid_t pid);
long sys_setsid(void);
long sys_umask(int mask);
long sys_syslog(int type, char __user *buf, int len);
struct sysinfo;
long sys_sysinfo(struct sysinfo __user *info);
/* kernel/fs/file.c */
struct stat64;
long sys_open(const char __user *path, int flags, int mode);
long sys_openat(int dfd, const char __user *path, int flags, int mode);
long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		s64 __user *result, unsigned int whence);
long sys_fstatat64(int dfd, const char __user *path, struct stat64 __user *ubuf, int flags);
long sys_lstat64(const char __user *path, struct stat64 __user *ubuf);
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
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);
struct statfs;
struct statfs64;
long sys_mount(const char __user *dev_name, const char __user *dir_name, const char __user *type,
	       unsigned long flags, const void __user *data);
long sys_umount(const char __user *name, int flags);
long sys_oldumount(const char __user *name);
long sys_statfs(const char __user *path, struct statfs __user *buf);
long sys_fstatfs(unsigned int fd, struct statfs __user *buf);
long sys_statfs64(const char __user *path, size_t sz, struct statfs64 __user *buf);
long sys_fstatfs64(unsigned int fd, size_t sz, struct statfs64 __user *buf);
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5);
/* kernel/fs/fcntl.c, kernel/fs/pipe.c */
long sys_dup(unsigned int fd);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_pipe(int __user *fildes);
long sys_pipe2(int __user *fildes, int flags);
/* kernel/fs/select.c */
struct pollfd;
struct sel_arg_struct;
struct old_timespec32;
struct __kernel_timespec;
struct timeval_user;
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs);
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct old_timespec32 __user *tsp,
	       const u64 __user *sigmask, unsigned long sigsetsize);
long sys_ppoll_time64(struct pollfd __user *ufds, unsigned int nfds,
		      struct __kernel_timespec __user *tsp, const u64 __user *sigmask,
		      unsigned long sigsetsize);
long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval_user __user *tvp);
long sys_old_select(struct sel_arg_struct __user *arg);
long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct old_timespec32 __user *tsp, void __user *sig);
long sys_pselect6_time64(int n, unsigned long __user *inp, unsigned long __user *outp,
			 unsigned long __user *exp, struct __kernel_timespec __user *tsp,
			 void __user *sig);
/* kernel/fs/read_write.c */
struct iovec;
long sys_readv(unsigned int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_pread64(unsigned int fd, char __user *buf, unsigned long count, u32 pos_lo, u32 pos_hi);
long sys_pwrite64(unsigned int fd, const char __user *buf, unsigned long count, u32 pos_lo,
		  u32 pos_hi);
/* kernel/fs/namei.c */
long sys_mknod(const char __user *path, umode_t mode, unsigned int dev);
long sys_mknodat(int dfd, const char __user *path, umode_t mode, unsigned int dev);
long sys_mkdir(const char __user *path, umode_t mode);
long sys_mkdirat(int dfd, const char __user *path, umode_t mode);
long sys_rmdir(const char __user *path);
long sys_unlink(const char __user *path);
long sys_unlinkat(int dfd, const char __user *path, int flags);
long sys_symlink(const char __user *target, const char __user *path);
long sys_symlinkat(const char __user *target, int dfd, const char __user *path);
long sys_link(const char __user *oldpath, const char __user *newpath);
long sys_linkat(int olddfd, const char __user *oldpath, int newdfd, const char __user *newpath,
		int flags);
long sys_rename(const char __user *oldpath, const char __user *newpath);
long sys_renameat(int olddfd, const char __user *oldpath, int newdfd,
		  const char __user *newpath);
long sys_renameat2(int olddfd, const char __user *oldpath, int newdfd,
		   const char __user *newpath, unsigned int flags);
/* kernel/fs/open.c */
long sys_creat(const char __user *path, int mode);
long sys_truncate(const char __user *path, long length);
long sys_truncate64(const char __user *path, unsigned long lo, unsigned long hi);
long sys_ftruncate(unsigned int fd, unsigned long length);
long sys_ftruncate64(unsigned int fd, unsigned long lo, unsigned long hi);
long sys_chmod(const char __user *path, umode_t mode);
long sys_fchmod(unsigned int fd, umode_t mode);
long sys_fchmodat(int dfd, const char __user *path, umode_t mode);
long sys_chown16(const char __user *path, u32 uid, u32 gid);
long sys_lchown16(const char __user *path, u32 uid, u32 gid);
long sys_fchown16(unsigned int fd, u32 uid, u32 gid);
long sys_chown32(const char __user *path, u32 uid, u32 gid);
long sys_lchown32(const char __user *path, u32 uid, u32 gid);
long sys_fchown32(unsigned int fd, u32 uid, u32 gid);
long sys_fchownat(int dfd, const char __user *path, u32 uid, u32 gid, int flags);
long sys_access(const char __user *path, int mode);
long sys_faccessat(int dfd, const char __user *path, int mode);
long sys_faccessat2(int dfd, const char __user *path, int mode, int flags);
long sys_fchdir(unsigned int fd);
/* kernel/fs/stat.c */
struct statx;
long sys_statx(int dfd, const char __user *path, unsigned int flags, unsigned int mask,
	       struct statx __user *buf);
long sys_readlinkat(int dfd, const char __user *path, char __user *buf, int bufsiz);
/* kernel/fs/utimes.c */
struct old_timespec32;
struct __kernel_timespec;
struct timeval_user;
struct utimbuf_user;
long sys_utimensat(int dfd, const char __user *path, const struct old_timespec32 __user *t,
		   int flags);
long sys_utimensat_time64(int dfd, const char __user *path,
			  const struct __kernel_timespec __user *t, int flags);
long sys_futimesat(int dfd, const char __user *path, const struct timeval_user __user *t);
long sys_utimes(const char __user *path, const struct timeval_user __user *t);
long sys_utime(const char __user *path, const struct utimbuf_user __user *t);
/* kernel/utsname.c */
struct new_utsname;
long sys_sethostname(const char __user *name, int len);
long sys_setdomainname(const char __user *name, int len);
long sys_uname(struct new_utsname __user *name);
/* kernel/timer.c */
struct old_timespec32;
struct timeval_user;
long sys_restart_syscall(void);
long sys_nanosleep(const struct old_timespec32 __user *req, struct old_timespec32 __user *rem);
long sys_gettimeofday(struct timeval_user __user *tv, void __user *tz);
long sys_time(long __user *tloc);
/* kernel/futex.c */
long sys_futex(u32 __user *uaddr, int op, u32 val, const struct old_timespec32 __user *utime,
	       u32 __user *uaddr2, u32 val3);
struct __kernel_timespec;
long sys_futex_time64(u32 __user *uaddr, int op, u32 val,
		      const struct __kernel_timespec __user *utime, u32 __user *uaddr2, u32 val3);
long sys_set_robust_list(void __user *head, unsigned long len);
long sys_get_robust_list(int pid, void __user *__user *head_ptr, unsigned long __user *len_ptr);
/* kernel/posix-timers.c */
typedef int clockid_t;
long sys_clock_gettime(clockid_t clock, struct old_timespec32 __user *tp);
long sys_clock_gettime64(clockid_t clock, struct __kernel_timespec __user *tp);
long sys_clock_getres(clockid_t clock, struct old_timespec32 __user *tp);
long sys_clock_getres_time64(clockid_t clock, struct __kernel_timespec __user *tp);
long sys_clock_nanosleep(clockid_t clock, int flags, const struct old_timespec32 __user *rqtp,
			 struct old_timespec32 __user *rmtp);
long sys_clock_nanosleep_time64(clockid_t clock, int flags,
				const struct __kernel_timespec __user *rqtp,
				struct __kernel_timespec __user *rmtp);
/* kernel/random.c */
long sys_getrandom(char __user *buf, unsigned long count, unsigned int flags);
/* kernel/resource.c */
struct rlimit;
struct rlimit64;
struct tms;
long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_old_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_setrlimit(unsigned int resource, const struct rlimit __user *rlim);
long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim);
long sys_getrusage(int who, void __user *ru);
long sys_times(struct tms __user *tbuf);
/* kernel/cred.c: the 32-bit id calls, then the 16-bit originals */
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_setuid(unsigned int uid);
long sys_setgid(unsigned int gid);
long sys_setreuid(unsigned int r, unsigned int e);
long sys_setregid(unsigned int r, unsigned int e);
long sys_setresuid(unsigned int r, unsigned int e, unsigned int s);
long sys_setresgid(unsigned int r, unsigned int e, unsigned int s);
long sys_getresuid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s);
long sys_getresgid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s);
long sys_setfsuid(unsigned int uid);
long sys_setfsgid(unsigned int gid);
long sys_getgroups(int size, unsigned int __user *list);
long sys_setgroups(int size, const unsigned int __user *list);
long sys_getuid16(void);
long sys_geteuid16(void);
long sys_getgid16(void);
long sys_getegid16(void);
long sys_setuid16(unsigned int uid);
long sys_setgid16(unsigned int gid);
long sys_setreuid16(unsigned int r, unsigned int e);
long sys_setregid16(unsigned int r, unsigned int e);
long sys_setresuid16(unsigned int r, unsigned int e, unsigned int s);
long sys_setresgid16(unsigned int r, unsigned int e, unsigned int s);
long sys_getresuid16(u16 __user *r, u16 __user *e, u16 __user *s);
long sys_getresgid16(u16 __user *r, u16 __user *e, u16 __user *s);
long sys_setfsuid16(unsigned int uid);
long sys_setfsgid16(unsigned int gid);
long sys_getgroups16(int size, u16 __user *list);
long sys_setgroups16(int size, const u16 __user *list);
/* mm/mmap.c */
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
