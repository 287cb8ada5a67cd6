/*
 * user/test-signal-kill.c: kill, tkill and tgkill as Linux checks them: who may
 * signal whom (root, or a matching uid: a child that setuid(1000)s gets EPERM for
 * root's processes; a thread whose own uid changed may still signal its process),
 * signal 0 as a probe, a missing target (ESRCH) found before a
 * bad signal number (EINVAL), kill(INT_MIN), zombies that still exist, and process
 * groups. Then the timers: alarm delivers SIGALRM and reports what was left,
 * setitimer repeats, getitimer reads back, and bad arguments fail.
 */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "clone_thread.h"

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void check_targets(void)
{
	pid_t zombie = child_exiting_with(0);
	long r;

	check(kill(getpid(), 0) == 0, "kill(self, 0) probes successfully");
	check(kill(0, 0) == 0, "kill(0, 0): the caller's own group exists");
	r = kill(INT_MIN, 0);
	check(r == -1 && errno == ESRCH, "kill(INT_MIN, 0): ESRCH (%s)", describe_result(r));
	check(failed_with(kill(getpid(), 65), EINVAL), "signal 65: EINVAL");
	check(failed_with(kill(getpid(), -1), EINVAL), "signal -1: EINVAL");
	check(failed_with(kill(0x7ffffff0, 999), ESRCH), "a missing pid is ESRCH before a bad signal");
	check(failed_with(kill(-0x7ffffff0, 0), ESRCH), "a missing process group: ESRCH");
	nanosleep(&(struct timespec){ 0, 50000000 }, NULL); /* let it exit */
	check(kill(zombie, 0) == 0, "a zombie not yet reaped can still be probed");
	waitpid(zombie, NULL, 0);
	check(failed_with(kill(zombie, 0), ESRCH), "once reaped it is gone: ESRCH");
}

static void check_tkill(void)
{
	check(failed_with(syscall(__NR_tkill, 0, SIGUSR1), EINVAL), "tkill(0): EINVAL");
	check(failed_with(syscall(__NR_tkill, -5, SIGUSR1), EINVAL), "tkill(-5): EINVAL");
	check(failed_with(syscall(__NR_tgkill, 0, getpid(), 0), EINVAL), "tgkill tgid 0: EINVAL");
	check(failed_with(syscall(__NR_tgkill, getpid(), 0, 0), EINVAL), "tgkill tid 0: EINVAL");
	check(syscall(__NR_tgkill, getpid(), getpid(), 0) == 0, "tgkill(self, self, 0) succeeds");
	check(failed_with(syscall(__NR_tgkill, getpid() + 1000, getpid(), 0), ESRCH),
	      "tgkill with the wrong thread group: ESRCH");
	check(syscall(__NR_tkill, getpid(), 0) == 0, "tkill(self, 0) succeeds");
	check(failed_with(syscall(__NR_tkill, 0x7ffffff0, 0), ESRCH), "tkill of a missing tid: ESRCH");
	check(failed_with(syscall(__NR_tkill, getpid(), 65), EINVAL), "tkill signal 65: EINVAL");
}

/* Runs as uid 1000: root's processes are out of reach, its own are not. */
static void as_unprivileged(void)
{
	pid_t parent = getppid();

	if (setuid(1000) != 0)
		_exit(100);
	if (!failed_with(kill(parent, 0), EPERM))
		_exit(1);
	if (!failed_with(kill(1, SIGTERM), EPERM))
		_exit(2);
	if (!failed_with(syscall(__NR_tkill, parent, 0), EPERM))
		_exit(3);
	if (kill(getpid(), 0) != 0)
		_exit(4);
	_exit(0);
}

static void check_permission(void)
{
	int status = run_in_child(as_unprivileged);

	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "uid 1000 gets EPERM for root's processes, not for itself (%s)",
	      describe_status(status));
}

#define THREAD_FLAGS 0x00050f00 /* CLONE_VM, FS, FILES, SIGHAND, THREAD, SYSVSEM */
#define UID_THREAD_STACK 16384
static volatile int uid_thread_result = -1;

/*
 * A thread that drops to uid 1000 alone (the raw call: glibc's setresuid would change
 * every thread) still signals its own process, whose leader is root: Linux lets a
 * process signal itself whatever its threads' credentials.
 */
static int unprivileged_thread(void *arg)
{
	(void)arg;
	if (syscall(__NR_setresuid32, 1000, 1000, 1000) != 0)
		uid_thread_result = 100;
	else if (kill(getpid(), 0) != 0)
		uid_thread_result = 1;
	else if (syscall(__NR_tgkill, getpid(), getpid(), 0) != 0)
		uid_thread_result = 2;
	else
		uid_thread_result = 0;
	return 0;
}

static void thread_signals_own_process(void)
{
	static char stack[UID_THREAD_STACK] __attribute__((aligned(16)));

	if (clone_thread(THREAD_FLAGS, stack + UID_THREAD_STACK, NULL, NULL, NULL,
			 unprivileged_thread, NULL) < 0)
		_exit(101);
	while (uid_thread_result < 0)
		sched_yield();
	_exit(uid_thread_result);
}

static void check_thread_permission(void)
{
	int status = run_in_child(thread_signals_own_process);

	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a thread with another uid may signal its own process (%s)", describe_status(status));
}

static void check_alarm(void)
{
	long r;

	signal(SIGALRM, on_alarm);
	check(alarm(5) == 0, "alarm(5): no alarm was pending");
	r = alarm(1);
	check(r == 5 || r == 4, "alarm(1) returns what was left of the 5 s (%ld)", r);
	r = pause();
	check(r == -1 && errno == EINTR && alarms == 1, "SIGALRM ends pause with EINTR");
	check(alarm(0) == 0, "and the alarm is spent");
}

static void check_itimer(void)
{
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } }, got, off = { { 0, 0 }, { 0, 0 } };

	alarms = 0;
	check(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer: every 20 ms");
	check(getitimer(ITIMER_REAL, &got) == 0 && got.it_interval.tv_usec == 20000 &&
		      got.it_value.tv_sec == 0 && got.it_value.tv_usec <= 20000,
	      "getitimer reads back the interval and what is left (%ld us)",
	      (long)got.it_value.tv_usec);
	while (alarms < 5)
		pause();
	check(alarms == 5, "the timer fired again and again");
	check(setitimer(ITIMER_REAL, &off, &got) == 0 && got.it_interval.tv_usec == 20000,
	      "disarming returns the old setting");
	getitimer(ITIMER_REAL, &got);
	check(got.it_value.tv_sec == 0 && got.it_value.tv_usec == 0, "and it is off");
	check(failed_with(setitimer(3, &it, NULL), EINVAL), "setitimer which 3: EINVAL");
	check(failed_with(getitimer(-1, &got), EINVAL), "getitimer which -1: EINVAL");
	it.it_value.tv_usec = 1000000;
	check(failed_with(setitimer(ITIMER_REAL, &it, NULL), EINVAL), "tv_usec 1000000: EINVAL");
	it.it_value.tv_usec = -1;
	check(failed_with(setitimer(ITIMER_REAL, &it, NULL), EINVAL), "tv_usec -1: EINVAL");
	/*
	 * The raw call: glibc's getitimer lets the kernel fill its own 32-bit copy and
	 * converts that into the caller's buffer itself, so a bad pointer faults in user
	 * space instead of reaching the kernel's check.
	 */
	check(failed_with(syscall(__NR_getitimer, ITIMER_REAL, (void *)0xC0000000), EFAULT),
	      "getitimer into the kernel: EFAULT");
}

static volatile int vtalrms, profs;
static void on_vtalrm(int sig)
{
	(void)sig;
	vtalrms++;
}

static void on_prof(int sig)
{
	(void)sig;
	profs++;
}

static void check_virtual_timer(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };

	signal(SIGVTALRM, on_vtalrm);
	check(setitimer(ITIMER_VIRTUAL, &it, NULL) == 0, "ITIMER_VIRTUAL: 30 ms of user time");
	while (!vtalrms)
		;
	check(vtalrms == 1, "SIGVTALRM arrives while the program computes");
	signal(SIGPROF, on_prof);
	check(setitimer(ITIMER_PROF, &it, NULL) == 0, "ITIMER_PROF: 30 ms of running time");
	while (!profs)
		getppid(); /* time in the kernel counts too */
	check(profs == 1, "SIGPROF arrives");
}

int main(void)
{
	check_targets();
	check_tkill();
	check_permission();
	check_thread_permission();
	check_alarm();
	check_itimer();
	check_virtual_timer();
	return check_status();
}
