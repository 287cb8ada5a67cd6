/*
 * user/test-signal-mask.c: the edges of rt_sigprocmask, rt_sigaction, rt_sigpending
 * and rt_sigsuspend, called raw so that libc cannot smooth them: a bad how is
 * EINVAL (but only when a new set is given), a sigsetsize other than 8 is EINVAL,
 * SIGKILL and SIGSTOP can be neither blocked nor caught, signal numbers outside
 * 1..64 are EINVAL, bad pointers are EFAULT; sigsuspend waits with a temporary
 * mask, returns EINTR after the handler and puts the old mask back.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000UL)
#define BIT(sig) (1ULL << ((sig) - 1))

struct kernel_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long long mask;
};

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static long procmask(int how, const unsigned long long *set, unsigned long long *old, long size)
{
	return syscall(__NR_rt_sigprocmask, how, set, old, size);
}

static void check_procmask(void)
{
	unsigned long long all = ~0ULL, old = 0, got = 0, none = 0;

	check(failed_with(procmask(3, &none, NULL, 8), EINVAL), "rt_sigprocmask how 3: EINVAL");
	check(failed_with(procmask(-1, &none, NULL, 8), EINVAL), "how -1: EINVAL");
	check(procmask(99, NULL, &old, 8) == 0, "a bad how without a new set is not checked");
	check(failed_with(procmask(SIG_BLOCK, &none, NULL, 4), EINVAL), "sigsetsize 4: EINVAL");
	check(failed_with(procmask(SIG_BLOCK, &none, NULL, 16), EINVAL), "sigsetsize 16: EINVAL");
	check(failed_with(procmask(SIG_BLOCK, NULL, &old, 0), EINVAL), "sigsetsize 0: EINVAL");
	check(procmask(SIG_SETMASK, &all, &old, 8) == 0, "blocking every signal succeeds");
	procmask(SIG_BLOCK, NULL, &got, 8);
	check(!(got & BIT(SIGKILL)) && !(got & BIT(SIGSTOP)) && (got & BIT(SIGUSR1)) &&
		      (got & BIT(64)),
	      "but SIGKILL and SIGSTOP stay unblocked (mask %#llx)", got);
	procmask(SIG_UNBLOCK, &all, NULL, 8);
	procmask(SIG_BLOCK, NULL, &got, 8);
	check(got == 0, "SIG_UNBLOCK of everything leaves nothing blocked");
	check(failed_with(procmask(SIG_BLOCK, KERNEL_ADDR, NULL, 8), EFAULT),
	      "a kernel address as the new set: EFAULT");
	check(failed_with(procmask(SIG_BLOCK, NULL, (void *)text_page, 8), EFAULT) &&
		      text_page_intact(),
	      "read-only memory for the old set: EFAULT, nothing written");
	check(failed_with(procmask(SIG_BLOCK, NULL, (void *)16, 8), EFAULT), "NULL+16: EFAULT");
}

/* The old sigprocmask (126) sees signals 1..32 and keeps the rest on SIG_SETMASK. */
static void check_old_procmask(void)
{
	unsigned long long rt = BIT(40), got;
	unsigned long set = BIT(SIGUSR1), old = 0;

	procmask(SIG_SETMASK, &rt, NULL, 8);
	check(syscall(__NR_sigprocmask, SIG_SETMASK, &set, &old) == 0 && old == 0,
	      "old sigprocmask: the old 32-bit mask (%#lx)", old);
	procmask(SIG_BLOCK, NULL, &got, 8);
	check(got == (BIT(40) | BIT(SIGUSR1)), "SIG_SETMASK keeps signals above 32 (%#llx)", got);
	check(failed_with(syscall(__NR_sigprocmask, 7, &set, NULL), EINVAL), "bad how: EINVAL");
	got = 0;
	procmask(SIG_SETMASK, &got, NULL, 8);
}

static void check_sigaction_edges(void)
{
	struct kernel_sigaction ka = { on_alarm, 0, 0, 0 }, old;

	check(failed_with(syscall(__NR_rt_sigaction, SIGKILL, &ka, NULL, 8), EINVAL),
	      "catching SIGKILL: EINVAL");
	check(failed_with(syscall(__NR_rt_sigaction, SIGSTOP, &ka, NULL, 8), EINVAL),
	      "catching SIGSTOP: EINVAL");
	ka.handler = SIG_IGN;
	check(failed_with(syscall(__NR_rt_sigaction, SIGKILL, &ka, NULL, 8), EINVAL),
	      "ignoring SIGKILL: EINVAL");
	check(syscall(__NR_rt_sigaction, SIGKILL, NULL, &old, 8) == 0 && old.handler == SIG_DFL,
	      "but reading SIGKILL's action works (SIG_DFL)");
	check(failed_with(syscall(__NR_rt_sigaction, 0, NULL, &old, 8), EINVAL), "signal 0: EINVAL");
	check(failed_with(syscall(__NR_rt_sigaction, 65, NULL, &old, 8), EINVAL),
	      "signal 65: EINVAL");
	check(syscall(__NR_rt_sigaction, 64, NULL, &old, 8) == 0, "signal 64 exists");
	check(failed_with(syscall(__NR_rt_sigaction, SIGUSR1, NULL, &old, 4), EINVAL),
	      "rt_sigaction sigsetsize 4: EINVAL");
	check(failed_with(syscall(__NR_rt_sigaction, SIGUSR1, KERNEL_ADDR, NULL, 8), EFAULT),
	      "a kernel address as the action: EFAULT");
	check(failed_with(syscall(__NR_rt_sigaction, SIGUSR1, NULL, (void *)text_page, 8), EFAULT) &&
		      text_page_intact(),
	      "read-only memory for the old action: EFAULT");
	ka = (struct kernel_sigaction){ on_alarm, 0, 0, BIT(SIGKILL) | BIT(SIGSTOP) | BIT(SIGHUP) };
	syscall(__NR_rt_sigaction, SIGUSR1, &ka, NULL, 8);
	syscall(__NR_rt_sigaction, SIGUSR1, NULL, &old, 8);
	check(old.mask == BIT(SIGHUP), "sa_mask drops SIGKILL and SIGSTOP (%#llx)", old.mask);
	signal(SIGUSR1, SIG_DFL);
}

static void check_pending_edges(void)
{
	unsigned long long set = BIT(SIGUSR2), got = 0;
	unsigned long small = 0;

	signal(SIGUSR2, on_alarm); /* caught: pending even for init, which drops SIG_DFL ones */
	procmask(SIG_BLOCK, &set, NULL, 8);
	raise(SIGUSR2);
	check(syscall(__NR_rt_sigpending, &got, 8) == 0 && got == BIT(SIGUSR2),
	      "rt_sigpending shows the blocked SIGUSR2 (%#llx)", got);
	check(failed_with(syscall(__NR_rt_sigpending, &got, 16), EINVAL),
	      "rt_sigpending sigsetsize 16: EINVAL");
	check(syscall(__NR_rt_sigpending, &small, 4) == 0 && small == BIT(SIGUSR2),
	      "sigsetsize 4 is allowed (Linux copies that much)");
	check(failed_with(syscall(__NR_rt_sigpending, KERNEL_ADDR, 8), EFAULT), "kernel address: EFAULT");
	signal(SIGUSR2, SIG_IGN); /* discards the pending one, as POSIX asks */
	syscall(__NR_rt_sigpending, &got, 8);
	check(got == 0, "setting SIG_IGN discards a pending signal (%#llx)", got);
	procmask(SIG_UNBLOCK, &set, NULL, 8);
	signal(SIGUSR2, SIG_DFL);
}

static void check_sigsuspend(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	unsigned long long block = BIT(SIGALRM), empty = 0, after = 0;
	long r;

	signal(SIGALRM, on_alarm);
	procmask(SIG_BLOCK, &block, NULL, 8);
	check(failed_with(syscall(__NR_rt_sigsuspend, &empty, 4), EINVAL),
	      "rt_sigsuspend sigsetsize 4: EINVAL");
	check(failed_with(syscall(__NR_rt_sigsuspend, KERNEL_ADDR, 8), EFAULT),
	      "rt_sigsuspend from a kernel address: EFAULT");
	setitimer(ITIMER_REAL, &it, NULL);
	r = syscall(__NR_rt_sigsuspend, &empty, 8);
	check(failed_with(r, EINTR) && alarms == 1,
	      "rt_sigsuspend with SIGALRM unblocked: the handler runs, then EINTR (%s)",
	      describe_result(r));
	procmask(SIG_BLOCK, NULL, &after, 8);
	check(after == block, "and the mask from before is back (%#llx)", after);
	procmask(SIG_UNBLOCK, &block, NULL, 8);
}

int main(void)
{
	check_procmask();
	check_old_procmask();
	check_sigaction_edges();
	check_pending_edges();
	check_sigsuspend();
	return check_status();
}
