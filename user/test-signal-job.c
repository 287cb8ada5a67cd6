/*
 * user/test-signal-job.c: job control. SIGSTOP (and SIGTSTP by default) stops a
 * child; wait4 with WUNTRACED reports it once as (sig << 8) | 0x7f; SIGCONT resumes
 * it and WCONTINUED reports 0xffff; the parent gets SIGCHLD with CLD_STOPPED and
 * CLD_CONTINUED, unless it set SA_NOCLDSTOP; SIGKILL ends a stopped child; and with
 * SIGCHLD ignored, children leave no zombies: wait4 then fails with ECHILD. The
 * children get their own process group: SIGTSTP does not stop a member of an
 * orphaned group (one whose parents are all inside it or init), as on Linux.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile int chld_codes[8], nchld;
static volatile int chld_status;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	chld_codes[nchld++ % 8] = si->si_code;
	chld_status = si->si_status;
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

/* A child in its own group, which this process, outside it, could continue. */
static pid_t child_in_own_group(void)
{
	pid_t pid = child_pausing();

	setpgid(pid, pid);
	return pid;
}

/* Linux sends CLD_CONTINUED when the child next runs, after wait4 may have returned. */
static void wait_for_sigchld(int n)
{
	for (int i = 0; i < 100 && nchld < n; i++)
		sleep_ms(10);
}

/* waitpid(WUNTRACED), given up after a second instead of hanging the test. */
static bool wait_stopped(pid_t pid, int *status)
{
	for (int i = 0; i < 100; i++) {
		if (waitpid(pid, status, WUNTRACED | WNOHANG) == pid)
			return WIFSTOPPED(*status);
		sleep_ms(10);
	}
	return false;
}

static void install_chld(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART | flags;
	sigaction(SIGCHLD, &sa, NULL);
	nchld = 0;
}

static void check_stop_continue(void)
{
	pid_t pid = child_in_own_group();
	int status = 0;

	install_chld(0);
	kill(pid, SIGSTOP);
	check(wait_stopped(pid, &status), "WUNTRACED: waitpid reports the stop");
	check(status == 0x137f && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP,
	      "status (SIGSTOP << 8) | 0x7f (%#x)", status);
	check(waitpid(pid, &status, WUNTRACED | WNOHANG) == 0, "the stop is reported only once");
	check(nchld >= 1 && chld_codes[0] == CLD_STOPPED && chld_status == SIGSTOP,
	      "SIGCHLD with CLD_STOPPED, si_status SIGSTOP (%d: %d)", nchld, chld_codes[0]);
	kill(pid, SIGCONT);
	status = 0;
	check(waitpid(pid, &status, WCONTINUED) == pid, "WCONTINUED: waitpid reports the continue");
	check(status == 0xffff && WIFCONTINUED(status) && !WIFSIGNALED(status),
	      "as 0xffff (%#x)", status);
	wait_for_sigchld(2);
	check(nchld == 2 && chld_codes[1] == CLD_CONTINUED, "SIGCHLD with CLD_CONTINUED (%d)",
	      nchld);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "SIGKILL then ends it");
	wait_for_sigchld(3);
	check(nchld == 3 && chld_codes[2] == CLD_KILLED, "with SIGCHLD CLD_KILLED (%d)", nchld);
}

static void check_tstp_and_kill_stopped(void)
{
	pid_t pid = child_in_own_group();
	int status = 0;

	install_chld(SA_NOCLDSTOP);
	kill(pid, SIGTSTP);
	check(wait_stopped(pid, &status) && WSTOPSIG(status) == SIGTSTP,
	      "SIGTSTP stops by default (%#x)", status);
	check(nchld == 0, "SA_NOCLDSTOP: no SIGCHLD for the stop");
	kill(pid, SIGKILL);
	check(waitpid(pid, &status, 0) == pid && WTERMSIG(status) == SIGKILL,
	      "SIGKILL kills a stopped child (%s)", describe_status(status));
	wait_for_sigchld(1);
	check(nchld == 1 && chld_codes[0] == CLD_KILLED, "and the exit still sends SIGCHLD");
}

static void check_ignored_sigchld(void)
{
	pid_t pid;
	long r;

	signal(SIGCHLD, SIG_IGN);
	pid = child_exiting_with(0);
	sleep_ms(50);
	r = waitpid(pid, NULL, 0);
	check(failed_with(r, ECHILD), "SIGCHLD ignored: the child is reaped at once, wait gets ECHILD");
	signal(SIGCHLD, SIG_DFL);
}

int main(void)
{
	check_stop_continue();
	check_tstp_and_kill_stopped();
	check_ignored_sigchld();
	return check_status();
}
