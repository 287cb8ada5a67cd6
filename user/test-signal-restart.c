/*
 * user/test-signal-restart.c: what a signal does to a system call it interrupts, as
 * on Linux. A wait4 interrupted by a handler without SA_RESTART fails with EINTR;
 * with SA_RESTART it is restarted and returns the child. pause and sigsuspend fail
 * with EINTR whatever the flags. nanosleep interrupted by a handler fails with EINTR
 * and reports the time left; stopped and continued without a handler, it resumes the
 * same sleep (restart_syscall) and returns 0. A read of the terminal (when standard
 * input is one) behaves as wait4: EINTR without SA_RESTART, restarted with it.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void set_alarm_handler(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = flags;
	sigaction(SIGALRM, &sa, NULL);
}

static void alarm_in_ms(long ms)
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

static void sleep_300ms(void)
{
	sleep_ms(300);
}

static void check_wait4(void)
{
	pid_t pid;
	int status;
	long r;

	set_alarm_handler(0);
	pid = fork();
	if (pid == 0) {
		sleep_300ms();
		_exit(3);
	}
	alarm_in_ms(50);
	r = waitpid(pid, &status, 0);
	check(failed_with(r, EINTR) && alarms == 1,
	      "wait4 interrupted by a handler without SA_RESTART: EINTR (%s)", describe_result(r));
	set_alarm_handler(SA_RESTART);
	alarm_in_ms(50);
	r = waitpid(pid, &status, 0);
	check(r == pid && alarms == 2 && WEXITSTATUS(status) == 3,
	      "with SA_RESTART the handler runs and wait4 goes on to reap the child (%s)",
	      describe_result(r));
}

static void check_pause_sigsuspend(void)
{
	sigset_t empty;
	long r;

	set_alarm_handler(SA_RESTART);
	alarm_in_ms(20);
	r = pause();
	check(failed_with(r, EINTR), "pause returns EINTR even with SA_RESTART");
	sigemptyset(&empty);
	alarm_in_ms(20);
	r = sigsuspend(&empty);
	check(failed_with(r, EINTR), "so does sigsuspend");
}

static void check_nanosleep_eintr(void)
{
	struct timespec req = { 2, 0 }, rem = { 0, 0 };
	long r;

	set_alarm_handler(SA_RESTART);
	alarm_in_ms(100);
	r = nanosleep(&req, &rem);
	check(failed_with(r, EINTR), "nanosleep interrupted by a handler: EINTR even with SA_RESTART");
	check(rem.tv_sec == 1 && rem.tv_nsec > 0, "and rem holds the time left (%ld.%09ld)",
	      (long)rem.tv_sec, rem.tv_nsec);
}

static void sleeper(void)
{
	struct timespec req = { 0, 400000000 };

	_exit(nanosleep(&req, NULL) == 0 ? 0 : errno);
}

static void check_nanosleep_stopped(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		sleeper();
	sleep_ms(100);
	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	kill(pid, SIGCONT);
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a nanosleep stopped and continued resumes and returns 0 (%s)",
	      describe_status(status));
}

/* In a child: read the terminal until SIGALRM comes; exit 42 if the read said EINTR. */
static void read_tty_until_alarm(int flags)
{
	char c;

	set_alarm_handler(flags);
	alarm_in_ms(50);
	if (read(STDIN_FILENO, &c, 1) < 0 && errno == EINTR)
		_exit(42);
	_exit(0);
}

static void read_without_restart(void)
{
	read_tty_until_alarm(0);
}

static void read_with_restart(void)
{
	read_tty_until_alarm(SA_RESTART);
}

static void check_tty_read(void)
{
	pid_t pid;
	int status;

	if (!isatty(STDIN_FILENO)) {
		check(1, "standard input is not a terminal: no read to interrupt");
		return;
	}
	status = run_in_child(read_without_restart);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "a terminal read interrupted by a handler without SA_RESTART: EINTR (%s)",
	      describe_status(status));
	pid = fork();
	if (pid == 0)
		read_with_restart();
	sleep_ms(300);
	check(waitpid(pid, &status, WNOHANG) == 0,
	      "with SA_RESTART the read goes on waiting after the handler");
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

int main(void)
{
	check_wait4();
	check_pause_sigsuspend();
	check_nanosleep_eintr();
	check_nanosleep_stopped();
	check_tty_read();
	return check_status();
}
