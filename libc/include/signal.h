/*
 * signal.h: signals, with glibc's names and layouts on i386: a 1024-bit sigset_t
 * (the kernel reads its first 64 bits), struct sigaction with its handler union,
 * the 128-byte siginfo_t and stack_t. The numbers and flags are the kernel's
 * <asm/signal.h>.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <asm/signal.h> /* the numbers and flags, shared with the kernel */
#include <sys/types.h>

#define NSIG 65 /* one more than the last real-time signal */
#define _NSIG NSIG
#define SIGRTMIN 34 /* glibc keeps 32 and 33 for its threads */
#define SIGRTMAX 64
#define SIGIOT SIGABRT
#define SIGPOLL SIGIO

typedef void (*sighandler_t)(int);
typedef sighandler_t __sighandler_t;
#define SIG_ERR ((sighandler_t)-1)
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)

typedef struct {
	unsigned long __val[1024 / (8 * sizeof(unsigned long))];
} sigset_t;

typedef int sig_atomic_t;

union sigval {
	int sival_int;
	void *sival_ptr;
};

typedef struct {
	int si_signo, si_errno, si_code;
	union {
		int _pad[29];
		struct {
			pid_t si_pid;
			uid_t si_uid;
		} _kill;
		struct {
			int si_tid, si_overrun;
			union sigval si_sigval;
		} _timer;
		struct {
			pid_t si_pid;
			uid_t si_uid;
			union sigval si_sigval;
		} _rt;
		struct {
			pid_t si_pid;
			uid_t si_uid;
			int si_status;
			long si_utime, si_stime;
		} _sigchld;
		struct {
			void *si_addr;
			short si_addr_lsb;
		} _sigfault;
	} _sifields;
} siginfo_t;

#define si_pid _sifields._kill.si_pid
#define si_uid _sifields._kill.si_uid
#define si_status _sifields._sigchld.si_status
#define si_value _sifields._rt.si_sigval
#define si_int _sifields._rt.si_sigval.sival_int
#define si_ptr _sifields._rt.si_sigval.sival_ptr
#define si_addr _sifields._sigfault.si_addr
#define si_overrun _sifields._timer.si_overrun

/* si_code */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TIMER (-2)
#define SI_TKILL (-6)
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define TRAP_BRKPT 1
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

struct sigaction {
	union {
		sighandler_t sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	} __sigaction_handler;
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};
#define sa_handler __sigaction_handler.sa_handler
#define sa_sigaction __sigaction_handler.sa_sigaction
#define SA_NOMASK SA_NODEFER
#define SA_ONESHOT SA_RESETHAND

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;
#define SS_AUTODISARM (1U << 31)

int kill(pid_t pid, int sig);
int raise(int sig);
int tgkill(pid_t tgid, pid_t tid, int sig);
int sigqueue(pid_t pid, int sig, const union sigval value);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
sighandler_t signal(int sig, sighandler_t handler);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigaltstack(const stack_t *ss, stack_t *oss);
struct timespec;
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigwait(const sigset_t *set, int *sig);
const char *strsignal(int sig);

#endif
