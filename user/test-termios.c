/*
 * user/test-termios.c: the line discipline, driven through the console, fd 0 (a
 * terminal on kspace and on Linux). A child starts a session and takes the console
 * as its controlling terminal, so that TIOCSTI may type into it; then, with echo off,
 * it checks what reads return: canonical lines with VERASE, VKILL, VWERASE, VLNEXT
 * and VEOF (also when moved to other characters), ICRNL, IGNCR, INLCR and ISTRIP,
 * raw reads under the four VMIN/VTIME combinations (a helper types late, to check
 * the waiting), switching ICANON with input pending, the signal characters (and
 * NOFLSH), FIONREAD, TCFLSH, TCSETSF, TCXONC, and TIOCGWINSZ/TIOCSWINSZ with
 * SIGWINCH, and O_NONBLOCK reads on /dev/tty. Bad pointers give EFAULT, unknown requests and non-terminals ENOTTY.
 * The child gives the terminal up (TIOCNOTTY) and restores the settings at the end.
 *
 * Usage: test-termios [DIR], where DIR holds hello (default /bin).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define UNKNOWN_REQUEST 0x54ff
#define DEV_TTY ((5 << 8) | 0) /* /dev/tty: major 5, minor 0 */

static struct termios saved;
static volatile int sigs[32];
static const char *hello_path;

static void count_signal(int sig)
{
	sigs[sig]++;
}

static void type(const char *s)
{
	for (; *s; s++)
		if (ioctl(0, TIOCSTI, s) != 0)
			printf("# TIOCSTI of %#x failed: errno %d\n", (unsigned char)*s, errno);
}

static int pending(void)
{
	int n = -1;

	ioctl(0, FIONREAD, &n);
	return n;
}

/* The saved settings with echo off, lflag bits set/cleared, VMIN and VTIME. */
static void mode(unsigned int lset, unsigned int lclear, unsigned int iset, int vmin, int vtime)
{
	struct termios t = saved;

	t.c_lflag = (t.c_lflag & ~(ECHO | lclear)) | lset;
	t.c_iflag |= iset;
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	tcsetattr(0, TCSAFLUSH, &t);
}

static long read_str(char *buf, size_t size)
{
	long n = read(0, buf, size - 1);

	buf[n > 0 ? n : 0] = 0;
	return n;
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* A helper in the session that types s after ms milliseconds. */
static pid_t type_later(const char *s, long ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec t = { 0, ms * 1000000 };

		nanosleep(&t, NULL);
		type(s);
		_exit(0);
	}
	return pid;
}

static void check_read(const char *expect, const char *what)
{
	char buf[64];
	long n = read_str(buf, sizeof(buf));

	check(n == (long)strlen(expect) && !strcmp(buf, expect), "%s: read gives %ld bytes \"%s\"",
	      what, n, n >= 0 ? buf : "");
}

static void canonical(void)
{
	char buf[64];
	struct termios t;

	mode(0, 0, 0, 1, 0);
	type("ab\ncd\n");
	check(pending() == 6, "canonical: FIONREAD counts two typed lines (%d)", pending());
	check_read("ab\n", "canonical: one line per read");
	check_read("cd\n", "canonical: then the next");
	type("hello\n");
	check(read(0, buf, 2) == 2 && !memcmp(buf, "he", 2), "canonical: a short read takes part of a line");
	check_read("llo\n", "canonical: the rest of the line follows");
	type("partial");
	check(pending() == 0, "canonical: an unfinished line is not readable (%d)", pending());
	type("\n");
	check_read("partial\n", "canonical: ... until its newline");
	type("abc\177d\n");
	check_read("abd\n", "VERASE (DEL) erases one byte");
	type("xyz\025ok\n");
	check_read("ok\n", "VKILL (^U) erases the line");
	type("one two\027three\n");
	check_read("one three\n", "VWERASE (^W) erases a word");
	type("\026\177\n");
	check_read("\177\n", "VLNEXT (^V) makes the next byte literal");
	type("\004");
	check(pending() == 0, "VEOF at a line start: FIONREAD 0 (%d)", pending());
	check(read_str(buf, sizeof(buf)) == 0, "VEOF at a line start: read returns 0");
	type("ab\004");
	check_read("ab", "VEOF after bytes ends the line without a newline");
	type("x\r");
	check_read("x\n", "ICRNL: CR reads as NL");
	t = saved;
	t.c_lflag &= ~ECHO;
	t.c_cc[VEOF] = 'q';
	t.c_cc[VERASE] = '#';
	t.c_cc[VKILL] = '@';
	tcsetattr(0, TCSANOW, &t);
	type("ab#c@dex#q");
	check_read("de", "VEOF, VERASE and VKILL moved to q, # and @");
	t.c_iflag |= IGNCR;
	tcsetattr(0, TCSANOW, &t);
	type("i\rj\n");
	check_read("ij\n", "IGNCR: CR is dropped");
	t.c_iflag |= ISTRIP;
	tcsetattr(0, TCSANOW, &t);
	type("\xe1\n");
	check_read("a\n", "ISTRIP: the eighth bit is cleared");
}

/* Read with the clock running: the bytes read, and the milliseconds it took. */
static long timed_read(char *buf, size_t size, long *ms)
{
	struct timespec t0;
	long n;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	n = read_str(buf, size);
	*ms = elapsed_ms(&t0);
	return n;
}

static void noncanonical(void)
{
	char buf[64];
	long n, ms;
	pid_t helper;

	mode(0, ICANON, 0, 0, 0);
	n = timed_read(buf, sizeof(buf), &ms);
	check(n == 0 && ms < 500, "VMIN 0, VTIME 0, nothing typed: read returns 0 at once (%ld, %ld ms)", n, ms);
	type("xyz\n");
	check(pending() == 4, "non-canonical: FIONREAD counts every byte (%d)", pending());
	check(read(0, buf, 1) == 1 && buf[0] == 'x', "VMIN 0, VTIME 0: a read of 1 takes 1 byte");
	check_read("yz\n", "VMIN 0, VTIME 0: the next takes the rest");

	mode(0, ICANON, 0, 0, 2);
	n = timed_read(buf, sizeof(buf), &ms);
	check(n == 0 && ms >= 150 && ms < 2000, "VMIN 0, VTIME 2: nothing typed: 0 after 0.2 s (%ld, %ld ms)", n, ms);
	helper = type_later("late", 50);
	n = timed_read(buf, sizeof(buf), &ms);
	check(n >= 1 && !strncmp(buf, "late", n) && ms < 2000, "VMIN 0, VTIME 2: a byte typed in time is read (%ld, %ld ms)", n, ms);
	waitpid(helper, NULL, 0);
	tcflush(0, TCIFLUSH);

	mode(0, ICANON, 0, 3, 0);
	type("ab");
	helper = type_later("c", 200);
	n = timed_read(buf, sizeof(buf), &ms);
	check(n == 3 && !strcmp(buf, "abc") && ms >= 150, "VMIN 3, VTIME 0: the read waits for the third byte (%ld \"%s\", %ld ms)", n, buf, ms);
	waitpid(helper, NULL, 0);
	type("pq");
	check(read(0, buf, 2) == 2 && !memcmp(buf, "pq", 2), "VMIN 3, VTIME 0: a read of 2 returns with 2");

	mode(0, ICANON, 0, 2, 1);
	type("ab");
	check_read("ab", "VMIN 2, VTIME 1: two bytes there: returned at once");
	type("a");
	n = timed_read(buf, sizeof(buf), &ms);
	check(n == 1 && ms >= 50 && ms < 2000, "VMIN 2, VTIME 1: one byte, then 0.1 s without another (%ld, %ld ms)", n, ms);
	helper = type_later("b", 200);
	n = timed_read(buf, sizeof(buf), &ms);
	check(n == 1 && buf[0] == 'b' && ms >= 150, "VMIN 2, VTIME 1: the timer starts at the first byte (%ld, %ld ms)", n, ms);
	waitpid(helper, NULL, 0);

	mode(0, ICANON, 0, 1, 0);
	type("a\nb\r");
	check_read("a\nb\n", "non-canonical with ICRNL: CR reads as NL, NL stays");
	mode(0, ICANON, INLCR, 1, 0);
	{
		struct termios t;

		tcgetattr(0, &t);
		t.c_iflag &= ~ICRNL;
		tcsetattr(0, TCSANOW, &t);
	}
	type("a\nb\r");
	check_read("a\rb\r", "INLCR without ICRNL: NL reads as CR, CR stays");
}

/* Pending input across a change of ICANON, and the three ways to drop it. */
static void switching_and_flushing(void)
{
	struct termios t;

	mode(0, 0, 0, 1, 0);
	type("par");
	mode(0, ICANON, 0, 1, 0);
	check(pending() == 0, "TCSETSF drops what was typed (%d)", pending());
	type("raw");
	tcgetattr(0, &t);
	t.c_lflag |= ICANON;
	tcsetattr(0, TCSANOW, &t);
	check_read("raw", "turning ICANON on makes pending input a line");
	type("par");
	t.c_lflag &= ~ICANON;
	tcsetattr(0, TCSANOW, &t);
	check(pending() == 3, "turning ICANON off makes the unfinished line readable (%d)", pending());
	check(tcflush(0, TCIFLUSH) == 0 && pending() == 0, "TCFLSH TCIFLUSH drops input");
	type("x");
	check(tcflush(0, TCOFLUSH) == 0 && pending() == 1, "TCFLSH TCOFLUSH keeps input");
	check(tcflush(0, TCIOFLUSH) == 0 && pending() == 0, "TCFLSH TCIOFLUSH drops input");
	check(failed_with(ioctl(0, TCFLSH, 3), EINVAL), "TCFLSH 3: EINVAL");
	check(failed_with(ioctl(0, TCFLSH, -1), EINVAL), "TCFLSH -1: EINVAL");
	check(ioctl(0, TCXONC, TCOOFF) == 0 && ioctl(0, TCXONC, TCOON) == 0,
	      "TCXONC stops and restarts output");
	check(failed_with(ioctl(0, TCXONC, 4), EINVAL), "TCXONC 4: EINVAL");
}

/* ISIG: typing VINTR, VQUIT or VSUSP signals the foreground group, here this one. */
static void signal_chars(void)
{
	struct termios t;

	signal(SIGINT, count_signal);
	signal(SIGQUIT, count_signal);
	signal(SIGTSTP, count_signal);
	mode(0, ICANON, 0, 1, 0);
	type("abc\003");
	check(sigs[SIGINT] == 1, "VINTR (^C) sends SIGINT (%d)", sigs[SIGINT]);
	check(pending() == 0, "... and drops pending input (%d)", pending());
	type("\034\032");
	check(sigs[SIGQUIT] == 1 && sigs[SIGTSTP] == 1, "VQUIT (^\\) and VSUSP (^Z) send SIGQUIT and SIGTSTP");
	mode(NOFLSH, ICANON, 0, 1, 0);
	type("abc\003");
	check(sigs[SIGINT] == 2 && pending() == 3, "NOFLSH: SIGINT keeps pending input (%d)", pending());
	tcgetattr(0, &t);
	t.c_cc[VINTR] = 'k';
	tcsetattr(0, TCSAFLUSH, &t);
	type("\003k");
	check(sigs[SIGINT] == 3 && pending() == 1, "VINTR moved to k: k signals, ^C is a byte");
	mode(0, ICANON | ISIG, 0, 1, 0);
	type("\003");
	check(sigs[SIGINT] == 3 && pending() == 1, "without ISIG ^C is a byte");
	mode(0, 0, 0, 1, 0);
	type("\026\003\n");
	check(sigs[SIGINT] == 3, "after VLNEXT ^C does not signal");
	check_read("\003\n", "... and reads as a byte");
}

static void window_size(void)
{
	struct winsize old, ws = { 30, 100, 0, 0 }, got;

	signal(SIGWINCH, count_signal);
	check(ioctl(0, TIOCGWINSZ, &old) == 0, "TIOCGWINSZ");
	check(ioctl(0, TIOCSWINSZ, &ws) == 0, "TIOCSWINSZ 30x100");
	memset(&got, 0, sizeof(got));
	ioctl(0, TIOCGWINSZ, &got);
	check(got.ws_row == 30 && got.ws_col == 100, "TIOCGWINSZ gives 30x100 back (%ux%u)",
	      got.ws_row, got.ws_col);
	check(sigs[SIGWINCH] == 1, "a new size sends SIGWINCH (%d)", sigs[SIGWINCH]);
	ioctl(0, TIOCSWINSZ, &ws);
	check(sigs[SIGWINCH] == 1, "the same size again sends nothing (%d)", sigs[SIGWINCH]);
	check(failed_with(ioctl(0, TIOCSWINSZ, NULL), EFAULT), "TIOCSWINSZ NULL: EFAULT");
	check(failed_with(ioctl(0, TIOCGWINSZ, (void *)-1), EFAULT), "TIOCGWINSZ (char *)-1: EFAULT");
	ioctl(0, TIOCSWINSZ, &old);
}

/*
 * O_NONBLOCK, on a second open of the terminal (/dev/tty, made with mknod if missing):
 * EAGAIN instead of waiting; with VMIN 0 and VTIME 0 there is no wait to avoid.
 */
static void nonblocking(void)
{
	char c;
	int fd = open("/dev/tty", O_RDWR | O_NONBLOCK);

	if (fd < 0 && errno == ENOENT &&
	    syscall(__NR_mknod, "/dev/tty", S_IFCHR | 0666, DEV_TTY) == 0)
		fd = open("/dev/tty", O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		printf("skip - O_NONBLOCK reads: no /dev/tty (errno %d)\n", errno);
		return;
	}
	mode(0, 0, 0, 1, 0);
	check(failed_with(read(fd, &c, 1), EAGAIN), "O_NONBLOCK, canonical, no line: EAGAIN");
	type("a");
	check(failed_with(read(fd, &c, 1), EAGAIN), "O_NONBLOCK, an unfinished line: EAGAIN");
	mode(0, ICANON, 0, 1, 0);
	check(failed_with(read(fd, &c, 1), EAGAIN), "O_NONBLOCK, VMIN 1, nothing typed: EAGAIN");
	type("b");
	check(read(fd, &c, 1) == 1 && c == 'b', "O_NONBLOCK, VMIN 1, a byte typed: read");
	mode(0, ICANON, 0, 0, 0);
	check(read(fd, &c, 1) == 0, "O_NONBLOCK, VMIN 0, VTIME 0: 0, not EAGAIN");
	close(fd);
}

static void bad_arguments(void)
{
	char *edge = heap_edge();
	int fd = open(hello_path, O_RDONLY);

	check(failed_with(ioctl(0, TCSETS, NULL), EFAULT), "TCSETS NULL: EFAULT");
	check(failed_with(ioctl(0, TCSETSW, (void *)-1), EFAULT), "TCSETSW (char *)-1: EFAULT");
	if (edge)
		check(failed_with(ioctl(0, TCSETS, edge - 20), EFAULT), "TCSETS across the heap's edge: EFAULT");
	check(failed_with(ioctl(0, TCGETS, (void *)text_page), EFAULT), "TCGETS into the text: EFAULT");
	check(text_page_intact(), "the text is unchanged");
	check(failed_with(ioctl(0, TIOCSTI, NULL), EFAULT), "TIOCSTI NULL: EFAULT");
	check(failed_with(ioctl(0, FIONREAD, NULL), EFAULT), "FIONREAD NULL: EFAULT");
	check(failed_with(ioctl(0, UNKNOWN_REQUEST, NULL), ENOTTY), "an unknown request: ENOTTY");
	check(failed_with(ioctl(fd, TIOCSTI, "x"), ENOTTY), "TIOCSTI on a regular file: ENOTTY");
	check(failed_with(ioctl(fd, TIOCGWINSZ, &(struct winsize){ 0 }), ENOTTY),
	      "TIOCGWINSZ on a regular file: ENOTTY");
	check(failed_with(ioctl(-1, TCGETS, NULL), EBADF), "TCGETS on fd -1: EBADF");
	close(fd);
}

/* The session leader that owns the console while the checks type into it. */
static void on_own_terminal(void)
{
	signal(SIGHUP, SIG_IGN); /* TIOCNOTTY at the end sends it to this foreground group */
	alarm(20);               /* a read that never returns must not hang the tests */
	check(setsid() == getpid(), "setsid");
	check(ioctl(0, TIOCSCTTY, 0) == 0, "TIOCSCTTY: the console becomes the controlling terminal");
	check(tcgetattr(0, &saved) == 0, "TCGETS");
	check((saved.c_lflag & ICANON) && (saved.c_lflag & ISIG), "the console starts canonical, with ISIG");
	canonical();
	noncanonical();
	switching_and_flushing();
	signal_chars();
	window_size();
	nonblocking();
	tcsetattr(0, TCSAFLUSH, &saved);
	bad_arguments();
	check(ioctl(0, TIOCNOTTY) == 0, "TIOCNOTTY gives the terminal up");
	fflush(stdout);
	_exit(check_status());
}

int main(int argc, char **argv)
{
	static char hello[256];
	pid_t pid;
	int status;

	snprintf(hello, sizeof(hello), "%s/hello", argc > 1 ? argv[1] : "/bin");
	hello_path = hello;
	if (!isatty(0)) {
		printf("skip - standard input is not a terminal: nothing to type into\n");
		return 0;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		on_own_terminal();
	status = pid > 0 && waitpid(pid, &status, 0) == pid ? status : -1;
	check(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the checks on the child's own terminal passed (%s)", describe_status(status));
	return check_status();
}
