/*
 * user/test-poll.c: poll, ppoll, select and pselect on pipes and files. A pipe's read
 * end is readable when bytes wait and hangs up (POLLHUP) when the writers are gone;
 * its write end is writable while there is room and reports POLLERR with no reader.
 * A file is always ready. A wait ends when a file becomes ready (another process
 * writes), at the timeout (0 results; select and pselect write the time left back),
 * or on a signal (EINTR; a stop and continue does not end it, nor move its deadline); ppoll and pselect wait with the mask they are given and put
 * the old one back. Garbage: negative descriptors are skipped, closed ones are POLLNVAL
 * for poll and EBADF for select; nfds above RLIMIT_NOFILE, a negative n, bad
 * timeouts and a sigsetsize other than 8 are EINVAL; bad pointers EFAULT.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void msleep(long ms)
{
	struct timespec t = { 0, ms * 1000000 };

	nanosleep(&t, NULL);
}

/* A child that writes one byte to fd after ms milliseconds; false if fork failed. */
static bool write_later(int fd, long ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		msleep(ms);
		write(fd, "w", 1);
		_exit(0);
	}
	return pid > 0;
}

static void check_poll_pipe(void)
{
	int p[2] = { -1, -1 }, status;
	struct pollfd f[2];
	char c;
	long t0;

	pipe(p);
	f[0] = (struct pollfd){ p[0], POLLIN, -1 };
	f[1] = (struct pollfd){ p[1], POLLOUT, -1 };
	check(poll(f, 2, 0) == 1 && f[0].revents == 0 && f[1].revents == POLLOUT,
	      "an empty pipe: the write end POLLOUT, the read end nothing");
	write(p[1], "x", 1);
	check(poll(f, 1, 0) == 1 && f[0].revents == POLLIN, "a byte in it: POLLIN");
	read(p[0], &c, 1);
	t0 = now_ms();
	/* Without the writer (fork failed: ENOMEM or EAGAIN) poll and read would wait for ever. */
	if (write_later(p[1], 50)) {
		check(poll(f, 1, -1) == 1 && f[0].revents == POLLIN && now_ms() - t0 >= 40,
		      "poll waits for ever until another process writes");
		wait(&status);
		read(p[0], &c, 1);
	} else {
		check(false, "poll waits for ever until another process writes (fork: %s)",
		      strerror(errno));
	}
	t0 = now_ms();
	check(poll(f, 1, 60) == 0 && f[0].revents == 0 && now_ms() - t0 >= 50,
	      "with a 60 ms timeout and nothing written: 0, after the timeout");
	close(p[1]);
	check(poll(f, 1, 0) == 1 && f[0].revents == POLLHUP, "writers gone: POLLHUP, even unasked");
	pipe(p);
	close(p[0]);
	f[1].fd = p[1];
	check(poll(&f[1], 1, 0) == 1 && (f[1].revents & POLLERR), "readers gone: POLLERR at the write end");
	close(p[1]);
}

static void check_poll_args(void)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY), closed = dup(0);
	struct pollfd f[3] = { { -1, POLLIN, -1 }, { 0, 0, 0 }, { fd, POLLIN | POLLOUT | POLLPRI, 0 } };
	struct rlimit r;

	close(closed);
	f[1].fd = closed;
	check(poll(f, 3, 0) == 2 && f[0].revents == 0 && f[1].revents == POLLNVAL &&
	      f[2].revents == (POLLIN | POLLOUT), "fd -1 is skipped, a closed one POLLNVAL, a "
	      "directory ready for what was asked but POLLPRI (%#x)", f[2].revents);
	getrlimit(RLIMIT_NOFILE, &r);
	check(failed_with(poll(f, r.rlim_cur + 1, 0), EINVAL), "nfds above RLIMIT_NOFILE: EINVAL");
	check(failed_with(poll(NULL, 1, 0), EFAULT), "fds NULL: EFAULT");
	check(failed_with(poll((struct pollfd *)TASK_SIZE, 1, 0), EFAULT), "fds in the kernel: EFAULT");
	check(failed_with(poll((struct pollfd *)text_page, 1, 0), EFAULT),
	      "fds in read-only memory: EFAULT (revents cannot be written)");
	check(poll(NULL, 0, 10) == 0, "no fds and 10 ms: a sleep");
	close(fd);
}

static void on_signal(int sig)
{
	(void)sig;
}

/* A 20 ms ITIMER_REAL, whose SIGALRM has a handler without SA_RESTART. */
static void alarm_soon(void)
{
	struct sigaction sa = { 0 };
	struct itimerval t = { { 0, 0 }, { 0, 20000 } };

	sa.sa_handler = on_signal;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &t, NULL);
}

static bool usr1_blocked(void)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	return sigismember(&now, SIGUSR1);
}

static void check_signals(void)
{
	int p[2] = { -1, -1 }; /* if pipe fails (ENOMEM), reads get EBADF, not the terminal */
	struct pollfd f;
	struct timespec ts = { 5, 0 };
	sigset_t block, empty;
	fd_set in;
	struct sigaction sa = { 0 };

	pipe(p);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	alarm_soon();
	check(failed_with(poll(&f, 1, -1), EINTR), "a signal ends poll: EINTR");
	sa.sa_handler = on_signal;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1); /* pending while blocked */
	check(failed_with(ppoll(&f, 1, &ts, &empty), EINTR) && usr1_blocked(),
	      "ppoll with an empty mask takes the pending signal (EINTR); the old mask is back");
	kill(getpid(), SIGUSR1);
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	check(failed_with(pselect(p[0] + 1, &in, NULL, NULL, &ts, &empty), EINTR) && usr1_blocked(),
	      "pselect likewise");
	write(p[1], "x", 1);
	check(ppoll(&f, 1, &ts, &empty) == 1 && usr1_blocked(), "a ppoll that returns ready restores "
	      "the mask too");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	close(p[0]);
	close(p[1]);
}

/* A poll of 300 ms, stopped and continued after 100 ms, still ends at 300 ms. */
static void poll_stopped_body(void)
{
	int p[2] = { -1, -1 };
	struct pollfd f;
	long t0 = now_ms(), r, took;

	pipe(p);
	f = (struct pollfd){ p[0], POLLIN, 0 };
	r = poll(&f, 1, 300);
	took = now_ms() - t0;
	_exit(r == 0 && took >= 290 && took < 380 ? 0 : 1);
}

static void check_poll_restart(void)
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0)
		poll_stopped_body();
	msleep(100);
	kill(pid, SIGSTOP);
	msleep(10);
	kill(pid, SIGCONT);
	waitpid(pid, &status, 0);
	check(status == 0, "poll stopped and continued goes on to its first deadline, not a new "
	      "one (%s)", describe_status(status));
}

static void check_ppoll_args(void)
{
	struct pollfd f = { 0, 0, 0 };
	struct timespec bad[] = { { 0, 1000000000 }, { 0, -1 }, { -1, 0 } };
	uint64_t mask = 0;

	for (unsigned i = 0; i < 3; i++)
		check(failed_with(ppoll(&f, 1, &bad[i], NULL), EINVAL), "ppoll timeout {%ld, %ld}: EINVAL",
		      (long)bad[i].tv_sec, bad[i].tv_nsec);
	check(failed_with(syscall(__NR_ppoll, &f, 1, NULL, &mask, 4), EINVAL), "sigsetsize 4: EINVAL");
	check(failed_with(syscall(__NR_ppoll, &f, 1, NULL, &mask, 128), EINVAL), "sigsetsize 128: EINVAL");
	check(failed_with(syscall(__NR_ppoll, &f, 1, NULL, (void *)1, 8), EFAULT), "a bad mask: EFAULT");
	check(failed_with(syscall(__NR_ppoll, &f, 1, (void *)TASK_SIZE, NULL, 8), EFAULT),
	      "a bad timeout: EFAULT");
}

static void check_select(void)
{
	int p[2] = { -1, -1 }, closed;
	fd_set in, out;
	struct timeval tv = { 0, 50000 }, bad = { 0, -1 };
	long t0;

	pipe(p);
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(p[0], &in);
	FD_SET(p[1], &out);
	check(select(p[1] + 1, &in, &out, NULL, NULL) == 1 && !FD_ISSET(p[0], &in) &&
	      FD_ISSET(p[1], &out), "select: the write end is writable, the read end not");
	FD_SET(p[0], &in);
	t0 = now_ms();
	check(select(p[0] + 1, &in, NULL, NULL, &tv) == 0 && !FD_ISSET(p[0], &in) &&
	      now_ms() - t0 >= 40 && tv.tv_sec == 0 && tv.tv_usec == 0,
	      "50 ms and nothing to read: 0, and the timeval is left at 0");
	write(p[1], "x", 1);
	FD_SET(p[0], &in);
	FD_SET(p[1], &out);
	check(select(p[1] + 1, &in, &out, NULL, NULL) == 2 && FD_ISSET(p[0], &in),
	      "a byte written: both ready, count 2");
	closed = dup(0);
	close(closed);
	FD_ZERO(&in);
	FD_SET(closed, &in);
	check(failed_with(select(closed + 1, &in, NULL, NULL, NULL), EBADF), "a closed fd in a set: EBADF");
	check(failed_with(select(-1, NULL, NULL, NULL, NULL), EINVAL), "n -1: EINVAL");
	check(failed_with(select(1, NULL, NULL, NULL, &bad), EINVAL), "tv_usec -1: EINVAL");
	check(failed_with(select(1, (fd_set *)TASK_SIZE, NULL, NULL, NULL), EFAULT), "a set in the kernel: EFAULT");
	FD_ZERO(&in);
	check(select(FD_SETSIZE, &in, NULL, NULL, &(struct timeval){ 0, 0 }) == 0,
	      "n = FD_SETSIZE with empty sets: 0");
	check(select(INT_MAX, NULL, NULL, NULL, &(struct timeval){ 0, 1000 }) == 0,
	      "n = INT_MAX with no sets: a sleep");
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	check_poll_pipe();
	check_poll_args();
	check_signals();
	check_ppoll_args();
	check_poll_restart();
	check_select();
	return check_status();
}
