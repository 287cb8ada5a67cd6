/*
 * libc/signal.c: signal handling as glibc does it on i386. sigaction goes through
 * rt_sigaction with SA_RESTORER and glibc's restorers (in sigreturn.S), so handlers
 * return through rt_sigreturn or sigreturn and not through code on the stack. The
 * kernel's sigset is 64 bits: the first 8 bytes of the user's sigset_t.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define KERNEL_SIGSET_SIZE 8

struct kernel_sigaction {
	sighandler_t handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask[2];
};

void __restore_rt(void); /* sigreturn.S */
void __restore(void);

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct kernel_sigaction kact, koact;
	long r;

	if (act) {
		kact.handler = act->sa_handler;
		kact.flags = act->sa_flags | SA_RESTORER;
		kact.restorer = act->sa_flags & SA_SIGINFO ? __restore_rt : __restore;
		memcpy(kact.mask, &act->sa_mask, sizeof(kact.mask));
	}
	r = __syscall(__NR_rt_sigaction, sig, act ? &kact : NULL, oact ? &koact : NULL,
		      KERNEL_SIGSET_SIZE);
	if (r == 0 && oact) {
		memset(oact, 0, sizeof(*oact));
		oact->sa_handler = koact.handler;
		oact->sa_flags = koact.flags;
		oact->sa_restorer = koact.restorer;
		memcpy(&oact->sa_mask, koact.mask, sizeof(koact.mask));
	}
	return __syscall_ret(r);
}

/* glibc's signal() has BSD semantics: the handler stays, and interrupted calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act, oact;

	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return SIG_ERR;
	}
	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	sigaddset(&act.sa_mask, sig);
	act.sa_flags = SA_RESTART;
	return sigaction(sig, &act, &oact) < 0 ? SIG_ERR : oact.sa_handler;
}

int sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof(*set));
	return 0;
}

int sigfillset(sigset_t *set)
{
	memset(set, 0xff, sizeof(*set));
	return 0;
}

static int sigset_index(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	return sig - 1;
}

#define WORD_BITS (8 * sizeof(unsigned long))

int sigaddset(sigset_t *set, int sig)
{
	int i = sigset_index(sig);

	if (i < 0)
		return -1;
	set->__val[i / WORD_BITS] |= 1UL << (i % WORD_BITS);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	int i = sigset_index(sig);

	if (i < 0)
		return -1;
	set->__val[i / WORD_BITS] &= ~(1UL << (i % WORD_BITS));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	int i = sigset_index(sig);

	if (i < 0)
		return -1;
	return !!(set->__val[i / WORD_BITS] & (1UL << (i % WORD_BITS)));
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	return __syscall_ret(__syscall(__NR_rt_sigprocmask, how, set, oset, KERNEL_SIGSET_SIZE));
}

int sigpending(sigset_t *set)
{
	sigemptyset(set);
	return __syscall_ret(__syscall(__NR_rt_sigpending, set, KERNEL_SIGSET_SIZE));
}

int sigsuspend(const sigset_t *mask)
{
	return __syscall_ret(__syscall(__NR_rt_sigsuspend, mask, KERNEL_SIGSET_SIZE));
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
	return __syscall_ret(__syscall(__NR_rt_sigtimedwait, set, info, timeout, KERNEL_SIGSET_SIZE));
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return sigtimedwait(set, info, NULL);
}

/* POSIX: the error number is the result, not errno; glibc retries on EINTR. */
int sigwait(const sigset_t *set, int *sig)
{
	int r;

	do
		r = sigtimedwait(set, NULL, NULL);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return errno;
	*sig = r;
	return 0;
}

int sigaltstack(const stack_t *ss, stack_t *oss)
{
	return __syscall_ret(__syscall(__NR_sigaltstack, ss, oss));
}

/* As glibc: the siginfo says SI_QUEUE, who sends, and the value. */
int sigqueue(pid_t pid, int sig, const union sigval value)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_QUEUE;
	info.si_pid = getpid();
	info.si_uid = getuid();
	info.si_value = value;
	return __syscall_ret(__syscall(__NR_rt_sigqueueinfo, pid, sig, &info));
}

int tgkill(pid_t tgid, pid_t tid, int sig)
{
	return __syscall_ret(__syscall(__NR_tgkill, tgid, tid, sig));
}

unsigned int alarm(unsigned int seconds)
{
	return __syscall(__NR_alarm, seconds);
}

int setitimer(int which, const struct itimerval *value, struct itimerval *ovalue)
{
	return __syscall_ret(__syscall(__NR_setitimer, which, value, ovalue));
}

int getitimer(int which, struct itimerval *value)
{
	return __syscall_ret(__syscall(__NR_getitimer, which, value));
}

/* setjmp.S's __sigsetjmp ends here, with the registers saved: record the mask too. */
int __sigjmp_save(struct __jmp_buf_tag env[1], int savemask);
int __sigjmp_save(struct __jmp_buf_tag env[1], int savemask)
{
	env->__mask_was_saved = savemask && sigprocmask(SIG_BLOCK, NULL, &env->__saved_mask) == 0;
	return 0;
}

__attribute__((noreturn)) void __longjmp(__jmp_buf env, int val); /* setjmp.S */

void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__mask_was_saved)
		sigprocmask(SIG_SETMASK, &env->__saved_mask, NULL);
	__longjmp(env->__jmpbuf, val ? val : 1);
}

void longjmp(jmp_buf env, int val)
{
	siglongjmp(env, val);
}

void _longjmp(struct __jmp_buf_tag env[1], int val)
{
	siglongjmp(env, val);
}

static const char *const signal_names[] = {
	[SIGHUP] = "Hangup", [SIGINT] = "Interrupt", [SIGQUIT] = "Quit",
	[SIGILL] = "Illegal instruction", [SIGTRAP] = "Trace/breakpoint trap",
	[SIGABRT] = "Aborted", [SIGBUS] = "Bus error", [SIGFPE] = "Floating point exception",
	[SIGKILL] = "Killed", [SIGUSR1] = "User defined signal 1",
	[SIGSEGV] = "Segmentation fault", [SIGUSR2] = "User defined signal 2",
	[SIGPIPE] = "Broken pipe", [SIGALRM] = "Alarm clock", [SIGTERM] = "Terminated",
	[SIGSTKFLT] = "Stack fault", [SIGCHLD] = "Child exited", [SIGCONT] = "Continued",
	[SIGSTOP] = "Stopped (signal)", [SIGTSTP] = "Stopped", [SIGTTIN] = "Stopped (tty input)",
	[SIGTTOU] = "Stopped (tty output)", [SIGURG] = "Urgent I/O condition",
	[SIGXCPU] = "CPU time limit exceeded", [SIGXFSZ] = "File size limit exceeded",
	[SIGVTALRM] = "Virtual timer expired", [SIGPROF] = "Profiling timer expired",
	[SIGWINCH] = "Window changed", [SIGIO] = "I/O possible", [SIGPWR] = "Power failure",
	[SIGSYS] = "Bad system call",
};

const char *strsignal(int sig)
{
	if (sig > 0 && sig < (int)(sizeof(signal_names) / sizeof(signal_names[0])))
		return signal_names[sig];
	return "Unknown signal";
}
