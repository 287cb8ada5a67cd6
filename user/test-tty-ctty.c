/*
 * user/test-tty-ctty.c: the controlling terminal and job control on it. A child
 * starts a session (no terminal: TIOCGPGRP, TIOCGSID, TIOCSPGRP and TIOCNOTTY give
 * ENOTTY), takes the console with TIOCSCTTY (again: a no-op), which a non-leader and
 * another session may not take (EPERM) unless root asks to steal it; TIOCSTI into
 * another's terminal is for root only. TIOCSPGRP checks its argument (EINVAL,
 * ESRCH, EPERM for another session's group). A background group that changes the
 * settings is stopped by SIGTTOU, or allowed when it ignores or blocks SIGTTOU; a
 * background reader is stopped by SIGTTIN, or gets EIO when it ignores it; a
 * background writer is stopped only with TOSTOP. The leader's own group is orphaned
 * (its parent is in another session): there SIGTTOU would stop nobody, so EIO.
 * TIOCNOTTY by a member gives up only its own terminal; by the leader, the session's,
 * with SIGHUP and SIGCONT to the foreground group.
 *
 * Reads and writes are checked on /dev/tty, made with mknod if missing: Linux's
 * /dev/console (the tests' fd 0 there) is exempt from job control. kspace's console
 * is the terminal itself, so fd 0 stands in when kspace has no /dev/tty.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

#define DEV_TTY ((5 << 8) | 0) /* /dev/tty: major 5, minor 0 */

static struct termios saved;
static volatile int sigs[32];

static void count_signal(int sig)
{
	sigs[sig]++;
}

/* Run body in a child of the leader, in a group of its own (background) if asked. */
static int child_status(void (*body)(int), int arg, bool own_group, int options)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		body(arg);
		_exit(0);
	}
	if (own_group)
		setpgid(pid, pid);
	if (waitpid(pid, &status, options) != pid)
		return -1;
	if (WIFSTOPPED(status)) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return status;
}

static bool stopped_by(int status, int sig)
{
	return status != -1 && WIFSTOPPED(status) && WSTOPSIG(status) == sig;
}

static bool exited_ok(int status)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void not_leader_body(int unused)
{
	(void)unused;
	if (!failed_with(ioctl(0, TIOCSCTTY, 0), EPERM) || tcgetsid(0) != getppid())
		_exit(1);
}

static void other_session_body(int unused)
{
	pid_t pgrp;

	(void)unused;
	if (setsid() < 0 || !failed_with(ioctl(0, TIOCSCTTY, 0), EPERM) ||
	    !failed_with(ioctl(0, TIOCGPGRP, &pgrp), ENOTTY))
		_exit(1);
}

/* Root may take a terminal from another session with TIOCSCTTY 1; it gives it back. */
static void steal_body(int unused)
{
	(void)unused;
	signal(SIGHUP, SIG_IGN);
	if (setsid() < 0 || ioctl(0, TIOCSCTTY, 1) != 0 || tcgetsid(0) != getpid() ||
	    ioctl(0, TIOCNOTTY) != 0)
		_exit(1);
}

/* Typing into a terminal that is not one's own needs privilege. */
static void foreign_sti_body(int unused)
{
	(void)unused;
	if (setsid() < 0 || setuid(1000) != 0 || !failed_with(ioctl(0, TIOCSTI, "x"), EPERM))
		_exit(1);
}

static void set_termios_body(int how)
{
	sigset_t set;

	if (how == 1) {
		signal(SIGTTOU, SIG_IGN);
	} else if (how == 2) {
		sigemptyset(&set);
		sigaddset(&set, SIGTTOU);
		sigprocmask(SIG_BLOCK, &set, NULL);
	}
	if (tcsetattr(0, TCSANOW, &saved) != 0)
		_exit(1);
}

static void read_body(int fd)
{
	char c;

	read(fd, &c, 1);
	_exit(2); /* it should have stopped, and then been killed */
}

static void read_ignoring_body(int fd)
{
	char c;

	signal(SIGTTIN, SIG_IGN);
	_exit(failed_with(read(fd, &c, 1), EIO) ? 0 : 1);
}

static void write_body(int fd)
{
	if (write(fd, "\n", 1) != 1)
		_exit(1);
}

static void notty_body(int unused)
{
	pid_t pgrp;

	(void)unused;
	if (ioctl(0, TIOCNOTTY) != 0 || !failed_with(ioctl(0, TIOCGPGRP, &pgrp), ENOTTY))
		_exit(1);
}

static void without_terminal(void)
{
	pid_t pgrp = getpid(), sid;

	check(failed_with(ioctl(0, TIOCGPGRP, &pgrp), ENOTTY), "no terminal yet: TIOCGPGRP: ENOTTY");
	check(failed_with(ioctl(0, TIOCGSID, &sid), ENOTTY), "no terminal yet: TIOCGSID: ENOTTY");
	check(failed_with(ioctl(0, TIOCSPGRP, &pgrp), ENOTTY), "no terminal yet: TIOCSPGRP: ENOTTY");
	check(failed_with(ioctl(0, TIOCNOTTY), ENOTTY), "no terminal yet: TIOCNOTTY: ENOTTY");
}

static void taking_the_terminal(void)
{
	check(ioctl(0, TIOCSCTTY, 0) == 0, "TIOCSCTTY by the session leader");
	check(ioctl(0, TIOCSCTTY, 0) == 0, "TIOCSCTTY again: nothing to do");
	check(tcgetsid(0) == getpid(), "TIOCGSID gives the session (%d)", tcgetsid(0));
	check(tcgetpgrp(0) == getpid(), "the leader's group is in the foreground (%d)", tcgetpgrp(0));
	check(exited_ok(child_status(not_leader_body, 0, false, 0)),
	      "a member inherits the terminal; its TIOCSCTTY: EPERM (not a leader)");
	check(exited_ok(child_status(other_session_body, 0, false, 0)),
	      "another session's leader: TIOCSCTTY EPERM, TIOCGPGRP ENOTTY");
	check(exited_ok(child_status(foreign_sti_body, 0, false, 0)),
	      "TIOCSTI by a user on another session's terminal: EPERM");
	if (getuid() == 0) {
		pid_t sid;

		check(exited_ok(child_status(steal_body, 0, false, 0)),
		      "root's TIOCSCTTY 1 takes the terminal from another session");
		check(failed_with(ioctl(0, TIOCGSID, &sid), ENOTTY), "... which has lost it");
		check(ioctl(0, TIOCSCTTY, 0) == 0, "... and takes it back once free");
	}
}

static void foreground_group(void)
{
	static const pid_t bad[][2] = { { -1, EINVAL }, { INT_MIN, EINVAL }, { 0, ESRCH },
					{ 999999, ESRCH }, { 1, EPERM } };
	pid_t pid;

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check(failed_with(tcsetpgrp(0, bad[i][0]), bad[i][1]), "TIOCSPGRP %d: errno %d",
		      bad[i][0], bad[i][1]);
	check(failed_with(ioctl(0, TIOCSPGRP, NULL), EFAULT), "TIOCSPGRP NULL: EFAULT");
	check(failed_with(ioctl(0, TIOCGPGRP, NULL), EFAULT), "TIOCGPGRP NULL: EFAULT");
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		pause();
		_exit(0);
	}
	setpgid(pid, pid);
	check(tcsetpgrp(0, pid) == 0 && tcgetpgrp(0) == pid, "TIOCSPGRP to a child's group");
	check(failed_with(tcsetattr(0, TCSANOW, &saved), EIO),
	      "TCSETS from the orphaned background group: EIO");
	check(failed_with(tcflush(0, TCIFLUSH), EIO), "TCFLSH there: EIO");
	check(failed_with(tcsetpgrp(0, getpid()), ENOTTY), "TIOCSPGRP there: ENOTTY");
	signal(SIGTTOU, SIG_IGN);
	check(tcsetattr(0, TCSANOW, &saved) == 0, "with SIGTTOU ignored, TCSETS works");
	check(tcsetpgrp(0, getpid()) == 0 && tcgetpgrp(0) == getpid(),
	      "and TIOCSPGRP takes the foreground back");
	signal(SIGTTOU, SIG_DFL);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* /dev/tty, a file of the terminal itself; -1 (with the reason printed) if there is none. */
static int open_dev_tty(void)
{
	int fd = open("/dev/tty", O_RDWR);

	if (fd < 0 && errno == ENOENT && syscall(__NR_mknod, "/dev/tty", S_IFCHR | 0666, DEV_TTY) == 0)
		fd = open("/dev/tty", O_RDWR);
	if (fd < 0 && on_kspace())
		return 0; /* kspace's console file is the terminal, not a redirection */
	if (fd < 0)
		printf("skip - background reads and writes: no /dev/tty (errno %d)\n", errno);
	return fd;
}

static void background_jobs(void)
{
	struct termios t = saved;
	int fd;

	check(stopped_by(child_status(set_termios_body, 0, true, WUNTRACED), SIGTTOU),
	      "TCSETS from a background group: stopped by SIGTTOU");
	check(exited_ok(child_status(set_termios_body, 1, true, WUNTRACED)),
	      "... it works with SIGTTOU ignored");
	check(exited_ok(child_status(set_termios_body, 2, true, WUNTRACED)),
	      "... and with SIGTTOU blocked");
	fd = open_dev_tty();
	if (fd < 0)
		return;
	check(stopped_by(child_status(read_body, fd, true, WUNTRACED), SIGTTIN),
	      "a background read: stopped by SIGTTIN");
	check(exited_ok(child_status(read_ignoring_body, fd, true, WUNTRACED)),
	      "a background read ignoring SIGTTIN: EIO");
	check(exited_ok(child_status(write_body, fd, true, WUNTRACED)),
	      "a background write without TOSTOP works");
	t.c_lflag |= TOSTOP;
	tcsetattr(0, TCSANOW, &t);
	check(stopped_by(child_status(write_body, fd, true, WUNTRACED), SIGTTOU),
	      "a background write with TOSTOP: stopped by SIGTTOU");
	check(write(fd, "\n", 1) == 1, "a foreground write with TOSTOP works");
	tcsetattr(0, TCSANOW, &saved);
	if (fd)
		close(fd);
}

static void giving_up(void)
{
	pid_t sid;

	check(exited_ok(child_status(notty_body, 0, false, 0)),
	      "TIOCNOTTY by a member: then it has no terminal");
	check(tcgetsid(0) == getpid(), "... the leader still has it");
	signal(SIGHUP, count_signal);
	signal(SIGCONT, count_signal);
	check(ioctl(0, TIOCNOTTY) == 0, "TIOCNOTTY by the leader");
	check(sigs[SIGHUP] == 1 && sigs[SIGCONT] == 1,
	      "the foreground group gets SIGHUP and SIGCONT (%d, %d)", sigs[SIGHUP], sigs[SIGCONT]);
	check(failed_with(ioctl(0, TIOCGSID, &sid), ENOTTY), "then TIOCGSID: ENOTTY");
	signal(SIGHUP, SIG_IGN);
	check(ioctl(0, TIOCSCTTY, 0) == 0, "the terminal is free to take again");
	check(ioctl(0, TIOCNOTTY) == 0, "and to give up");
}

/* The session leader; it gives the terminal up before it ends (Linux would hang it up). */
static void leader(void)
{
	signal(SIGHUP, SIG_IGN);
	alarm(20);
	check(setsid() == getpid(), "setsid");
	check(tcgetattr(0, &saved) == 0, "TCGETS");
	without_terminal();
	taking_the_terminal();
	foreground_group();
	background_jobs();
	giving_up();
	fflush(stdout);
	_exit(check_status());
}

int main(void)
{
	pid_t pid;
	int status;

	if (!isatty(0)) {
		printf("skip - standard input is not a terminal\n");
		return 0;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		leader();
	status = pid > 0 && waitpid(pid, &status, 0) == pid ? status : -1;
	check(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the checks in the child's session passed (%s)", describe_status(status));
	return check_status();
}
