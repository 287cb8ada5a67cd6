/*
 * user/test-pipe.c: pipe and pipe2. Bytes written to the write end come out of the
 * read end in order; both ends are FIFOs (fstat) with one inode and no position
 * (ESPIPE); each end refuses the other's direction (EBADF). The ring holds 64 KiB:
 * with O_NONBLOCK a full pipe's write and an empty pipe's read are EAGAIN, and FIONREAD
 * counts what waits. Without it a large write waits for a reader, writes of PIPE_BUF
 * bytes from several writers never interleave, and a read returns 0 once every
 * writer's copy is closed. Writing with no reader left is EPIPE, with SIGPIPE (which
 * kills by default). A signal ends a blocked read with EINTR, or restarts it with
 * SA_RESTART. Garbage: bad pointers (EFAULT, no descriptor leaked, data kept), bad
 * flags (EINVAL), no free descriptor (EMFILE).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#ifndef FIONREAD
#define FIONREAD 0x541B
#endif

#define PIPE_SIZE 65536
#define BIG (200 * 1024)

static char buf[BIG];

static void msleep(long ms)
{
	struct timespec t = { 0, ms * 1000000 };

	nanosleep(&t, NULL);
}

static int lowest_free_fd(void)
{
	int fd = dup(0);

	close(fd);
	return fd;
}

static void check_basics(void)
{
	int p[2] = { -1, -1 }, n = -1;
	struct stat a, b;
	char out[8] = { 0 };

	check(pipe(p) == 0 && p[0] >= 0 && p[1] == p[0] + 1, "pipe gives two descriptors (%d, %d)",
	      p[0], p[1]);
	check(write(p[1], "hello", 5) == 5, "5 bytes written");
	check(ioctl(p[0], FIONREAD, &n) == 0 && n == 5, "FIONREAD says 5");
	check(read(p[0], out, 3) == 3 && !memcmp(out, "hel", 3) && read(p[0], out, 8) == 2 &&
	      !memcmp(out, "lo", 2), "they come out in order, a read takes what is there");
	check(fstat(p[0], &a) == 0 && fstat(p[1], &b) == 0 && S_ISFIFO(a.st_mode) &&
	      S_ISFIFO(b.st_mode) && a.st_ino == b.st_ino, "fstat: both ends are one FIFO");
	check(failed_with(lseek(p[0], 0, SEEK_CUR), ESPIPE) && failed_with(lseek(p[1], 0, SEEK_SET), ESPIPE),
	      "lseek on either end: ESPIPE");
	check(failed_with(write(p[0], "x", 1), EBADF) && failed_with(read(p[1], out, 1), EBADF),
	      "writing the read end or reading the write end: EBADF");
	check(read(p[0], out, 0) == 0 && write(p[1], out, 0) == 0, "count 0 moves nothing");
	check(failed_with(ioctl(p[0], 0x5401, out), ENOTTY), "a terminal ioctl on a pipe: ENOTTY");
	close(p[1]);
	check(read(p[0], out, 8) == 0, "with the write end closed, read returns 0");
	close(p[0]);
}

static void fill(char *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (char)(i * 7 + seed + i / 251);
}

static void check_nonblocking(void)
{
	int p[2] = { -1, -1 }, n = -1;
	long total = 0, r;
	char chunk[4096];

	check(pipe2(p, O_NONBLOCK) == 0 && (fcntl(p[0], F_GETFL) & O_NONBLOCK) &&
	      (fcntl(p[1], F_GETFL) & O_NONBLOCK), "pipe2(O_NONBLOCK): both ends have it");
	check(failed_with(read(p[0], chunk, 1), EAGAIN), "reading an empty pipe: EAGAIN");
	fill(buf, PIPE_SIZE, 3);
	while ((r = write(p[1], buf + total, 4096)) > 0)
		total += r;
	check(failed_with(r, EAGAIN) && total == PIPE_SIZE, "4 KiB writes fill it at 64 KiB (%ld), "
	      "then EAGAIN", total);
	check(failed_with(write(p[1], "x", 1), EAGAIN), "a full pipe takes no single byte: EAGAIN");
	check(ioctl(p[0], FIONREAD, &n) == 0 && n == PIPE_SIZE, "FIONREAD: 65536");
	check(read(p[0], chunk, 100) == 100 && failed_with(write(p[1], chunk, 4096), EAGAIN),
	      "with 100 bytes of room, a 4096-byte write (PIPE_BUF) is refused whole");
	check(read(p[0], chunk, 4096) == 4096 && !memcmp(chunk, buf + 100, 4096),
	      "reading on returns the next bytes");
	check(write(p[1], "y", 1) == 1, "now a byte fits");
	close(p[0]);
	close(p[1]);
}

/* A child writes BIG bytes in one call; the parent reads them as they come. */
static void check_blocking_transfer(void)
{
	int p[2] = { -1, -1 }; /* if pipe fails (ENOMEM), reads get EBADF, not the terminal */
	long got = 0, r;
	static char in[BIG];
	pid_t pid;
	int status;

	if (pipe(p)) { /* ENOMEM under fault injection: no descriptors to use */
		check(false, "one 200 KiB write completes as the reader drains (pipe: %s)", strerror(errno));
		return;
	}
	fill(buf, BIG, 11);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(write(p[1], buf, BIG) == BIG ? 0 : 1);
	}
	close(p[1]);
	while ((r = read(p[0], in + got, BIG - got)) > 0)
		got += r;
	check(pid > 0 && waitpid(pid, &status, 0) == pid && status == 0, "one 200 KiB write completes as the "
	      "reader drains (%s)", describe_status(status));
	check(r == 0 && got == BIG && !memcmp(in, buf, BIG), "all 200 KiB arrive in order, then EOF");
	close(p[0]);
}

/* Four writers, 16 blocks of PIPE_BUF each, every block one byte value: no block is cut. */
static void check_atomic_writes(void)
{
	int p[2] = { -1, -1 }, status, bad = 0;
	long got = 0, r;
	static char in[4 * 16 * 4096];

	if (pipe(p)) {
		check(false, "4 writers x 16 writes of 4096 bytes (pipe: %s)", strerror(errno));
		return;
	}
	for (int w = 0; w < 4; w++)
		if (fork() == 0) {
			char block[4096];

			memset(block, 'a' + w, sizeof(block));
			for (int i = 0; i < 16; i++)
				if (write(p[1], block, sizeof(block)) != sizeof(block))
					_exit(1);
			_exit(0);
		}
	close(p[1]);
	while ((r = read(p[0], in + got, sizeof(in) - got)) > 0)
		got += r;
	for (int w = 0; w < 4; w++)
		bad |= wait(&status) < 0 || status != 0;
	for (long i = 0; i < got; i++)
		bad |= in[i] != in[i - i % 4096];
	check(!bad && got == (long)sizeof(in), "4 writers x 16 writes of 4096 bytes: every block "
	      "arrives whole (%ld bytes)", got);
	close(p[0]);
}

static void check_eof_needs_every_writer(void)
{
	int p[2] = { -1, -1 }, status;
	char c;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) { /* holds a copy of the write end, then writes a byte and goes */
		close(p[0]);
		msleep(20);
		write(p[1], "z", 1);
		_exit(0);
	}
	close(p[1]);
	check(read(p[0], &c, 1) == 1 && c == 'z', "the child's copy of the write end keeps the pipe "
	      "open: its byte arrives");
	check(read(p[0], &c, 1) == 0, "once it exits, EOF");
	waitpid(pid, &status, 0);
	close(p[0]);
}

static volatile int sigpipes;

static volatile int sigpipe_code = -100, sigpipe_pid;

static void on_sigpipe(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	sigpipes++;
	sigpipe_code = info->si_code;
	sigpipe_pid = info->si_pid;
}

static void sigpipe_default(void)
{
	int p[2] = { -1, -1 };

	pipe(p);
	close(p[0]);
	write(p[1], "x", 1);
	_exit(0); /* not reached: SIGPIPE kills */
}

static void check_epipe(void)
{
	int p[2] = { -1, -1 }, status = run_in_child(sigpipe_default);
	struct sigaction sa = { 0 }, old;

	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	      "writing with no reader, SIGPIPE's default kills (%s)", describe_status(status));
	pipe(p);
	close(p[0]);
	sa.sa_sigaction = on_sigpipe;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGPIPE, &sa, &old);
	check(failed_with(write(p[1], "x", 1), EPIPE) && sigpipes == 1,
	      "with a handler: EPIPE, and the handler ran once");
	check(sigpipe_code == SI_USER && sigpipe_pid == getpid(),
	      "its siginfo: SI_USER from the writer itself (code %d)", sigpipe_code);
	check(write(p[1], "", 0) == 0 && sigpipes == 1, "an empty write is 0, without SIGPIPE");
	signal(SIGPIPE, SIG_IGN);
	check(failed_with(write(p[1], buf, 100000), EPIPE), "ignored: a large write is EPIPE too");
	sigaction(SIGPIPE, &old, NULL);
	close(p[1]);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A read blocked on an empty pipe, with a 20 ms timer: EINTR, or restarted with SA_RESTART. */
static long read_with_timer(int fd, int sa_flags, int write_fd)
{
	struct sigaction sa = { 0 };
	struct itimerval t = { { 0, 0 }, { 0, 20000 } };
	char c;
	long r;

	sa.sa_handler = on_alarm;
	sa.sa_flags = sa_flags;
	sigaction(SIGALRM, &sa, NULL);
	if (write_fd >= 0) {
		pid_t pid = fork();

		if (pid < 0) /* no writer (ENOMEM, EAGAIN): the restarted read would wait for ever */
			return -1;
		if (pid == 0) {
			msleep(100);
			write(write_fd, "r", 1);
			_exit(0);
		}
	}
	setitimer(ITIMER_REAL, &t, NULL);
	r = read(fd, &c, 1);
	signal(SIGALRM, SIG_DFL);
	return r == 1 && c == 'r' ? 1 : r;
}

static void check_signals(void)
{
	int p[2] = { -1, -1 }, status;

	pipe(p);
	check(failed_with(read_with_timer(p[0], 0, -1), EINTR), "a signal ends a blocked read: EINTR");
	check(read_with_timer(p[0], SA_RESTART, p[1]) == 1, "with SA_RESTART the read goes on "
	      "and gets the byte written later");
	wait(&status);
	close(p[0]);
	close(p[1]);
}

static void check_garbage(void)
{
	int p[2] = { -1, -1 }, fd = lowest_free_fd(), n = -1;
	const int bad_flags[] = { -1, O_RDWR, O_APPEND, O_CREAT, 0x80000000 };

	check(failed_with(pipe(NULL), EFAULT) && lowest_free_fd() == fd, "pipe(NULL): EFAULT, "
	      "and no descriptor is left behind");
	check(failed_with(pipe((int *)TASK_SIZE), EFAULT), "pipe(kernel address): EFAULT");
	check(failed_with(pipe2((int *)text_page, 0), EFAULT) && lowest_free_fd() == fd,
	      "pipe2 into read-only memory: EFAULT, nothing leaked");
	for (unsigned i = 0; i < sizeof(bad_flags) / sizeof(bad_flags[0]); i++)
		check(failed_with(pipe2(p, bad_flags[i]), EINVAL), "pipe2 flags %#x: EINVAL", bad_flags[i]);
	pipe(p);
	write(p[1], "abc", 3);
	check(failed_with(read(p[0], NULL, 3), EFAULT) && failed_with(read(p[0], (char *)TASK_SIZE, 3), EFAULT),
	      "reading into NULL or the kernel: EFAULT");
	check(ioctl(p[0], FIONREAD, &n) == 0 && n == 3, "and the bytes stay in the pipe");
	check(failed_with(write(p[1], NULL, 3), EFAULT) && failed_with(write(p[1], (char *)-1, 3), EFAULT),
	      "writing from NULL or a wrapping pointer: EFAULT");
	check(failed_with(ioctl(p[0], FIONREAD, NULL), EFAULT), "FIONREAD into NULL: EFAULT");
	close(p[0]);
	close(p[1]);
}

static void emfile_body(void)
{
	struct rlimit r = { 0, 0 };
	int p[2] = { -1, -1 }, fd = lowest_free_fd();

	r.rlim_cur = r.rlim_max = fd + 1; /* room for one descriptor, not two */
	if (setrlimit(RLIMIT_NOFILE, &r))
		_exit(2);
	if (!failed_with(pipe(p), EMFILE) || lowest_free_fd() != fd)
		_exit(3);
	_exit(0);
}

int main(void)
{
	int status;

	check_basics();
	check_nonblocking();
	check_blocking_transfer();
	check_atomic_writes();
	check_eof_needs_every_writer();
	check_epipe();
	check_signals();
	check_garbage();
	status = run_in_child(emfile_body);
	check(status == 0, "one descriptor free: pipe is EMFILE and takes none (%s)",
	      describe_status(status));
	return check_status();
}
