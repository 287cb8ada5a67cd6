/*
 * kernel/tty.c: the console as a terminal, with a canonical line discipline.
 *
 * Characters arrive from interrupts (tty_receive_char: the UART, the keyboard) and
 * are edited in a line buffer: echoed, erased with backspace, and handed to readers
 * only when Enter completes the line, as a Unix terminal in canonical mode does.
 * ^C discards the line and sends SIGINT to the foreground process group (the shell
 * sets it with TIOCSPGRP), ^Z likewise sends SIGTSTP and ^\ SIGQUIT; ^D at the start
 * of a line makes the next read return 0. A read interrupted by a signal restarts
 * if the handler has SA_RESTART (-ERESTARTSYS), as on Linux. A process outside the
 * foreground group that reads gets SIGTTIN, which stops its group (job control).
 */
#include <asm/irqflags.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/string.h>
#include <kspace/tty.h>
#include <kspace/wait.h>

#define TTY_LINE_MAX 256
#define TTY_BUF 1024
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TCGETS 0x5401
#define KERNEL_TERMIOS_SIZE 36 /* the kernel's struct termios on i386 */

static char line[TTY_LINE_MAX];
static int line_len;
static char input[TTY_BUF]; /* completed lines waiting for a reader */
static unsigned int in_head, in_tail;
static int eof_pending;      /* ^D at a line start: the next read returns 0 */
static pid_t fg_pgrp;
static DECLARE_WAIT_QUEUE_HEAD(tty_read_wait);

static void echo(const char *s, size_t n)
{
	console_output(s, n);
}

static void commit_line(void)
{
	for (int i = 0; i < line_len && in_tail - in_head < TTY_BUF; i++)
		input[in_tail++ % TTY_BUF] = line[i];
	line_len = 0;
	wake_up(&tty_read_wait);
}

/* ^C, ^Z, ^\: echo it, drop the line, signal the foreground group. */
static void signal_foreground(int sig, const char *echoed)
{
	echo(echoed, 3);
	line_len = 0;
	kill_pgrp(fg_pgrp, sig);
}

/*
 * Linux's tty_check_change for a read: outside the foreground group (when there is
 * one), SIGTTIN goes to the reader's group and the read is retried once it is back
 * in the foreground; EIO if SIGTTIN would do nothing (ignored, blocked, orphaned).
 */
static long tty_check_read(void)
{
	if (!fg_pgrp || current->pgid == fg_pgrp)
		return 0;
	if (is_ignored(SIGTTIN) || is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp(current->pgid, SIGTTIN);
	return -ERESTARTSYS;
}

/* Called from interrupt handlers, with interrupts off. */
void tty_receive_char(char c)
{
	if (c == '\r')
		c = '\n';
	if (c == 3) {
		signal_foreground(SIGINT, "^C\n");
	} else if (c == 0x1a) {
		signal_foreground(SIGTSTP, "^Z\n");
	} else if (c == 0x1c) {
		signal_foreground(SIGQUIT, "^\\\n");
	} else if (c == 4) {
		if (line_len)
			commit_line(); /* ^D mid-line: hand over what there is, without a newline */
		else
			eof_pending++, wake_up(&tty_read_wait);
	} else if (c == 0x7f || c == '\b') {
		if (line_len) {
			line_len--;
			echo("\b \b", 3);
		}
	} else if (c == '\n' || (c >= ' ' && c < 0x7f)) {
		if (line_len < TTY_LINE_MAX - 1 || c == '\n') {
			line[line_len++] = c;
			echo(&c, 1);
		}
		if (c == '\n')
			commit_line();
	}
}

/* One line (or as much of it as fits) per read, as in canonical mode. */
static long tty_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	unsigned long n = 0;
	DEFINE_WAIT(wait);
	unsigned long flags;
	long err = tty_check_read();

	(void)f, (void)ppos;
	if (err)
		return err;
	for (;;) {
		prepare_to_wait(&tty_read_wait, &wait, TASK_INTERRUPTIBLE);
		if (in_head != in_tail || eof_pending || signal_pending(current))
			break;
		schedule();
	}
	finish_wait(&tty_read_wait, &wait);
	flags = local_irq_save();
	if (in_head == in_tail && eof_pending) {
		eof_pending--;
		local_irq_restore(flags);
		return 0;
	}
	while (n < count && in_head != in_tail) {
		char c = input[in_head++ % TTY_BUF];
		local_irq_restore(flags);
		if (put_user(c, buf + n))
			return n ? (long)n : -EFAULT;
		n++;
		flags = local_irq_save();
		if (c == '\n')
			break;
	}
	local_irq_restore(flags);
	return n ? (long)n : -ERESTARTSYS;
}

/*
 * Copied through a buffer in chunks of 2048 bytes, as Linux's tty layer does: a
 * chunk whose copy faults is not printed; the call returns what came before it.
 * Writers cannot interleave: the kernel is not preempted and nothing here sleeps.
 */
static long tty_write(struct file *f, const char __user *buf, unsigned long count, loff_t *ppos)
{
	static char chunk[2048];
	unsigned long done = 0;

	(void)f, (void)ppos;
	while (done < count) {
		unsigned long n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);

		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		console_output(chunk, n);
		done += n;
	}
	return done;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	(void)f;
	switch (cmd) {
	case TIOCGPGRP:
		return put_user(fg_pgrp, (pid_t __user *)arg);
	case TIOCSPGRP:
		return get_user(fg_pgrp, (const pid_t __user *)arg);
	case TCGETS: /* isatty(): yes, a terminal (the settings themselves are fixed) */
		return clear_user((void __user *)arg, KERNEL_TERMIOS_SIZE) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tty_ops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
};

struct file *tty_open(void)
{
	return alloc_file(&tty_ops, O_RDWR, S_IFCHR | 0620);
}
