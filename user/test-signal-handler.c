/*
 * user/test-signal-handler.c: handlers run and return. A handler sees its signal
 * and, with SA_SIGINFO, a siginfo that says who sent it (SI_USER from kill, SI_TKILL
 * from raise) and a ucontext; the interrupted code resumes with its registers; a
 * second signal interrupts a handler (nesting); a blocked signal stays pending and
 * arrives as soon as it is unblocked; sa_mask and SA_NODEFER decide what is blocked
 * in the handler; SA_RESETHAND makes the handler one-shot; and both return paths
 * work: the restorer libc passes, and the kernel's own retcode (no SA_RESTORER).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include "check.h"

static volatile int hits[NSIG];
static volatile int order[8], norder;
static volatile siginfo_t last_info;
static volatile int last_uc_sane;
static sigset_t mask_in_handler;

static void counting(int sig)
{
	hits[sig]++;
	order[norder++ % 8] = sig;
}

static void with_info(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	hits[sig]++;
	memcpy((void *)&last_info, si, sizeof(*si));
	last_uc_sane = uc && uc->uc_mcontext.gregs[REG_EIP] != 0;
}

static void nesting_outer(int sig)
{
	order[norder++ % 8] = sig;
	raise(SIGUSR2); /* not blocked here: its handler runs before this one goes on */
	order[norder++ % 8] = -sig;
}

static void record_mask(int sig)
{
	hits[sig]++;
	sigprocmask(SIG_BLOCK, NULL, &mask_in_handler);
}

static void set_handler(int sig, void (*fn)(int), int flags, const sigset_t *mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	if (mask)
		sa.sa_mask = *mask;
	check(sigaction(sig, &sa, NULL) == 0, "sigaction(%d) installs a handler", sig);
}

static void check_runs_and_returns(void)
{
	volatile int before = 1234;

	set_handler(SIGUSR1, counting, 0, NULL);
	check(kill(getpid(), SIGUSR1) == 0, "kill(self, SIGUSR1) succeeds");
	check(hits[SIGUSR1] == 1, "the handler ran once, before kill returned (%d)", hits[SIGUSR1]);
	check(before == 1234, "the interrupted code goes on with its variables intact");
	raise(SIGUSR1);
	check(hits[SIGUSR1] == 2, "and runs again on the next signal");
}

static void check_siginfo(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = with_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	kill(getpid(), SIGUSR2);
	check(last_info.si_signo == SIGUSR2 && last_info.si_code == SI_USER,
	      "SA_SIGINFO: si_signo %d, si_code %d (SI_USER) from kill", last_info.si_signo,
	      last_info.si_code);
	check(last_info.si_pid == getpid() && last_info.si_uid == getuid(),
	      "si_pid %d and si_uid %u name the sender", last_info.si_pid, last_info.si_uid);
	check(last_uc_sane, "the third argument is a ucontext with the interrupted eip");
	raise(SIGUSR2);
	check(last_info.si_code == SI_TKILL, "raise() (tgkill) gives si_code SI_TKILL (%d)",
	      last_info.si_code);
}

static void check_nesting(void)
{
	norder = 0;
	set_handler(SIGUSR1, nesting_outer, 0, NULL);
	set_handler(SIGUSR2, counting, 0, NULL);
	raise(SIGUSR1);
	check(norder == 3 && order[0] == SIGUSR1 && order[1] == SIGUSR2 && order[2] == -SIGUSR1,
	      "a signal interrupts a running handler and that handler then finishes (%d: %d %d %d)",
	      norder, order[0], order[1], order[2]);
}

static void check_blocked_stays_pending(void)
{
	sigset_t set, old, pending;

	hits[SIGUSR1] = 0;
	set_handler(SIGUSR1, counting, 0, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	raise(SIGUSR1);
	check(hits[SIGUSR1] == 0, "a blocked signal is not delivered");
	sigpending(&pending);
	check(sigismember(&pending, SIGUSR1) == 1, "sigpending shows it");
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(hits[SIGUSR1] == 1, "unblocking delivers it once (standard signals do not queue: %d)",
	      hits[SIGUSR1]);
	sigpending(&pending);
	check(sigismember(&pending, SIGUSR1) == 0, "and it is no longer pending");
}

static void check_masks_in_handler(void)
{
	sigset_t extra;

	sigemptyset(&extra);
	sigaddset(&extra, SIGTERM);
	set_handler(SIGUSR1, record_mask, 0, &extra);
	raise(SIGUSR1);
	check(sigismember(&mask_in_handler, SIGUSR1) == 1 &&
		      sigismember(&mask_in_handler, SIGTERM) == 1,
	      "in the handler the signal itself and sa_mask are blocked");
	set_handler(SIGUSR1, record_mask, SA_NODEFER, NULL);
	raise(SIGUSR1);
	check(sigismember(&mask_in_handler, SIGUSR1) == 0, "SA_NODEFER leaves it unblocked");
	sigprocmask(SIG_BLOCK, NULL, &extra);
	check(sigismember(&extra, SIGUSR1) == 0 && sigismember(&extra, SIGTERM) == 0,
	      "after the handler returns, the old mask is back");
}

static void check_resethand(void)
{
	struct sigaction sa;

	hits[SIGUSR1] = 0;
	set_handler(SIGUSR1, counting, SA_RESETHAND, NULL);
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &sa);
	check(hits[SIGUSR1] == 1 && sa.sa_handler == SIG_DFL,
	      "SA_RESETHAND: the handler ran and the action is SIG_DFL again");
}

static void check_ignored(void)
{
	sigset_t pending;

	signal(SIGUSR1, SIG_IGN);
	check(raise(SIGUSR1) == 0, "an ignored signal is accepted");
	sigpending(&pending);
	check(sigismember(&pending, SIGUSR1) == 0, "and vanishes");
	check(signal(SIGUSR1, counting) == SIG_IGN, "signal() returns the previous handler");
	check(signal(0, counting) == SIG_ERR && errno == EINVAL, "signal(0) fails with EINVAL");
}

/* The kernel's struct sigaction, to install a handler without a restorer. */
struct kernel_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask[2];
};

static void check_without_restorer(void)
{
	struct kernel_sigaction ka = { counting, 0, 0, { 0, 0 } };
	volatile int before = 99;

	hits[SIGUSR2] = 0;
	check(syscall(__NR_rt_sigaction, SIGUSR2, &ka, NULL, 8) == 0,
	      "rt_sigaction without SA_RESTORER");
	raise(SIGUSR2);
	check(hits[SIGUSR2] == 1 && before == 99,
	      "the handler returns through the kernel's own return path");
	ka = (struct kernel_sigaction){ (void (*)(int))(void (*)(void))with_info, SA_SIGINFO, 0, { 0, 0 } };
	syscall(__NR_rt_sigaction, SIGUSR2, &ka, NULL, 8);
	raise(SIGUSR2);
	check(hits[SIGUSR2] == 2 && before == 99 && last_info.si_signo == SIGUSR2,
	      "and so does an SA_SIGINFO handler, through rt_sigreturn");
}

/* The old calls: sigaction(67) with the 32-bit mask, signal(48) with System V semantics. */
struct old_sigaction {
	void (*handler)(int);
	unsigned long mask, flags;
	void (*restorer)(void);
};

static void check_old_calls(void)
{
	struct old_sigaction osa = { counting, 0, 0, 0 }, got;
	long prev;

	hits[SIGUSR1] = 0;
	check(syscall(__NR_sigaction, SIGUSR1, &osa, NULL) == 0, "old sigaction installs");
	raise(SIGUSR1);
	check(hits[SIGUSR1] == 1, "and its handler returns through sigreturn (119)");
	prev = syscall(__NR_signal, SIGUSR1, SIG_DFL);
	check(prev == (long)counting, "signal(48) returns the old handler");
	syscall(__NR_signal, SIGUSR1, counting);
	syscall(__NR_sigaction, SIGUSR1, NULL, &got);
	check(got.handler == counting && (got.flags & SA_RESETHAND) && (got.flags & SA_NODEFER),
	      "signal(48) is one-shot and not deferred (flags %#lx)", got.flags);
	raise(SIGUSR1);
	syscall(__NR_sigaction, SIGUSR1, NULL, &got);
	check(hits[SIGUSR1] == 2 && got.handler == SIG_DFL, "and resets after one delivery");
}

int main(void)
{
	check_runs_and_returns();
	check_siginfo();
	check_nesting();
	check_blocked_stays_pending();
	check_masks_in_handler();
	check_resethand();
	check_ignored();
	check_without_restorer();
	check_old_calls();
	return check_status();
}
