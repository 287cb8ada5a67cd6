/*
 * user/test-signal-rt.c: real-time signals queue. While blocked, each one sent stays
 * pending with its own siginfo (sigqueue's value, or kill's SI_USER); on unblocking
 * they are delivered lowest number first, and in the order sent within a number.
 * rt_sigqueueinfo lets a process claim SI_USER or SI_TKILL only for itself (EPERM
 * otherwise); its other errors are Linux's. sigtimedwait takes a pending signal
 * without its handler, waits for one, times out with EAGAIN and is interrupted by
 * others with EINTR.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define MAX_SEEN 16

static volatile int seen_sig[MAX_SEEN], seen_code[MAX_SEEN], seen_value[MAX_SEEN], nseen;

static void record(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (nseen < MAX_SEEN) {
		seen_sig[nseen] = sig;
		seen_code[nseen] = si->si_code;
		seen_value[nseen] = si->si_value.sival_int;
	}
	nseen++;
}

/*
 * Each handler blocks both signals: otherwise the kernel, delivering every pending
 * signal before returning to user mode, stacks one frame per signal and the last
 * one taken runs first.
 */
static void install(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = record;
	sa.sa_flags = SA_SIGINFO;
	sigaddset(&sa.sa_mask, SIGRTMIN);
	sigaddset(&sa.sa_mask, SIGRTMIN + 1);
	sigaction(sig, &sa, NULL);
}

static int queue(int sig, int value)
{
	union sigval v;

	v.sival_int = value;
	return sigqueue(getpid(), sig, v);
}

static void check_queueing(void)
{
	int lo = SIGRTMIN, hi = SIGRTMIN + 1;
	sigset_t set, old;

	install(lo);
	install(hi);
	sigemptyset(&set);
	sigaddset(&set, lo);
	sigaddset(&set, hi);
	sigprocmask(SIG_BLOCK, &set, &old);
	check(queue(hi, 1) == 0 && queue(hi, 2) == 0 && queue(hi, 3) == 0,
	      "sigqueue of a blocked real-time signal, three times");
	check(kill(getpid(), hi) == 0 && queue(lo, 9) == 0, "then kill() of it, and a lower one");
	check(nseen == 0, "nothing is delivered while they are blocked");
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(nseen == 5, "unblocking delivers all five (%d)", nseen);
	check(seen_sig[0] == lo && seen_value[0] == 9 && seen_code[0] == SI_QUEUE,
	      "the lowest number first, with its value and SI_QUEUE (%d, %d, %d)", seen_sig[0],
	      seen_value[0], seen_code[0]);
	check(seen_sig[1] == hi && seen_value[1] == 1 && seen_value[2] == 2 && seen_value[3] == 3,
	      "then the three sigqueues in order (%d %d %d)", seen_value[1], seen_value[2],
	      seen_value[3]);
	check(seen_sig[4] == hi && seen_code[4] == SI_USER, "then the kill(), SI_USER (%d)",
	      seen_code[4]);
}

static void check_sigqueueinfo_rules(void)
{
	siginfo_t info;
	pid_t child = child_pausing();

	memset(&info, 0, sizeof(info));
	info.si_code = SI_USER;
	check(failed_with(syscall(__NR_rt_sigqueueinfo, child, SIGRTMIN, &info), EPERM),
	      "claiming SI_USER towards another process: EPERM");
	info.si_code = SI_TKILL;
	check(failed_with(syscall(__NR_rt_sigqueueinfo, child, SIGRTMIN, &info), EPERM),
	      "claiming SI_TKILL: EPERM");
	info.si_code = SI_QUEUE;
	check(syscall(__NR_rt_sigqueueinfo, child, 0, &info) == 0,
	      "SI_QUEUE to another process with signal 0: allowed");
	check(failed_with(syscall(__NR_rt_sigqueueinfo, 0x7ffffff0, SIGRTMIN, &info), ESRCH),
	      "a missing pid: ESRCH");
	check(failed_with(syscall(__NR_rt_sigqueueinfo, child, 65, &info), EINVAL),
	      "signal 65: EINVAL");
	check(failed_with(syscall(__NR_rt_sigqueueinfo, child, SIGRTMIN, (void *)0xC0000000), EFAULT),
	      "a siginfo in the kernel: EFAULT");
	check(failed_with(syscall(__NR_rt_tgsigqueueinfo, child, 0, SIGRTMIN, &info), EINVAL),
	      "rt_tgsigqueueinfo with tid 0: EINVAL");
	check(failed_with(syscall(__NR_rt_tgsigqueueinfo, getpid(), child, SIGRTMIN, &info), ESRCH),
	      "rt_tgsigqueueinfo with the wrong thread group: ESRCH");
	info.si_code = SI_USER;
	check(syscall(__NR_rt_sigqueueinfo, getpid(), SIGRTMIN, &info) == 0 && nseen == 6 &&
		      seen_code[5] == SI_USER,
	      "but a process may send itself any si_code");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static long ms_since(const struct timeval *t0)
{
	struct timeval t;

	gettimeofday(&t, NULL);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_usec - t0->tv_usec) / 1000;
}

static void check_sigtimedwait(void)
{
	struct timespec zero = { 0, 0 }, short_wait = { 0, 100000000 }, bad = { 0, 1000000000 };
	struct itimerval soon = { { 0, 0 }, { 0, 50000 } };
	siginfo_t info;
	sigset_t set, alarm_only;
	struct timeval t0;
	unsigned long long kset = 1ULL << (SIGUSR1 - 1);
	long r;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	install(SIGUSR1);
	nseen = 0;
	raise(SIGUSR1);
	memset(&info, 0, sizeof(info));
	/*
	 * The raw call: glibc's sigtimedwait rewrites SI_TKILL (which raise produces) as
	 * SI_USER, hiding the siginfo the kernel filled in.
	 */
	r = syscall(__NR_rt_sigtimedwait, &kset, &info, &zero, sizeof(kset));
	check(r == SIGUSR1 && info.si_signo == SIGUSR1 && info.si_code == SI_TKILL && nseen == 0,
	      "sigtimedwait takes a pending SIGUSR1 with its siginfo, no handler (%s)",
	      describe_result(r));
	check(failed_with(sigtimedwait(&set, NULL, &zero), EAGAIN), "nothing pending, zero timeout: EAGAIN");
	gettimeofday(&t0, NULL);
	r = sigtimedwait(&set, NULL, &short_wait);
	check(failed_with(r, EAGAIN) && ms_since(&t0) >= 90,
	      "a 100 ms timeout: EAGAIN after it (%ld ms)", ms_since(&t0));
	check(failed_with(sigtimedwait(&set, NULL, &bad), EINVAL), "tv_nsec 1000000000: EINVAL");
	check(failed_with(syscall(__NR_rt_sigtimedwait, &kset, NULL, &zero, 4), EINVAL),
	      "sigsetsize 4: EINVAL");
	check(failed_with(syscall(__NR_rt_sigtimedwait, (void *)0xC0000000, NULL, &zero, 8), EFAULT),
	      "a set in the kernel: EFAULT");
	signal(SIGALRM, on_alarm);
	setitimer(ITIMER_REAL, &soon, NULL);
	r = sigwaitinfo(&set, NULL);
	check(failed_with(r, EINTR) && alarms == 1,
	      "another signal's handler interrupts sigwaitinfo: EINTR (%s)", describe_result(r));
	sigemptyset(&alarm_only);
	sigaddset(&alarm_only, SIGALRM);
	sigprocmask(SIG_BLOCK, &alarm_only, NULL);
	setitimer(ITIMER_REAL, &soon, NULL);
	r = sigwaitinfo(&alarm_only, &info);
	check(r == SIGALRM && alarms == 1, "sigwaitinfo sleeps until the awaited signal comes (%s)",
	      describe_result(r));
	sigprocmask(SIG_UNBLOCK, &alarm_only, NULL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int main(void)
{
	check_queueing();
	check_sigqueueinfo_rules();
	check_sigtimedwait();
	return check_status();
}
