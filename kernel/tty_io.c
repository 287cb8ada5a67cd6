/*
 * kernel/tty_io.c: the terminal as a file (Linux's tty_io.c and tty_ioctl.c): read,
 * write, poll and the ioctls, over the line discipline in kernel/n_tty.c.
 *
 * It also owns the controlling terminal. A session leader acquires the terminal
 * for its session (TIOCSCTTY, or opening it without O_NOCTTY); its children inherit
 * it. The terminal then has a foreground process group (TIOCSPGRP), which its
 * signal characters reach. A process of the session outside that group that reads
 * gets SIGTTIN, and one that writes with TOSTOP set or changes the settings gets
 * SIGTTOU: the signal stops its group, and the call is retried once it is back in
 * the foreground. A group nobody could continue (orphaned) gets EIO instead.
 *
 * Like Linux's /dev/ttyS0, kspace's console is that terminal itself: unlike
 * Linux's /dev/console, its file is subject to job control.
 */
#include <asm/irqflags.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/poll.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/string.h>
#include <kspace/tty.h>

#define TTY_MAJOR 4
#define TTYAUX_MAJOR 5 /* minor 0: /dev/tty (the caller's terminal), 1: /dev/console */

/* Linux's tty_std_termios: cooked input, echo, signals, NL shown as CR NL. */
static struct tty_struct console_tty = {
	.termios = {
		.c_iflag = ICRNL | IXON,
		.c_oflag = OPOST | ONLCR,
		.c_cflag = B38400 | CS8 | CREAD | HUPCL,
		.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
		.c_cc = { [VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
			  [VEOF] = 004, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023,
			  [VSUSP] = 032, [VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027,
			  [VLNEXT] = 026 },
	},
	.winsize = { .ws_row = 25, .ws_col = 80 }, /* the VGA text screen */
	.ldisc_lock = __SPIN_LOCK_INIT(console_tty.ldisc_lock),
	.read_wait = __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.read_wait),
	.write_wait = __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.write_wait),
};

/* Called from interrupt handlers, with interrupts off. */
void tty_receive_char(char c)
{
	unsigned long flags;

	spin_lock_irqsave(&console_tty.ldisc_lock, flags);
	n_tty_receive_char(&console_tty, c);
	spin_unlock_irqrestore(&console_tty.ldisc_lock, flags);
}

/* kspace has one terminal; a second would hang off f->private_data. */
static struct tty_struct *file_tty(struct file *f)
{
	(void)f;
	return &console_tty;
}

static bool is_session_leader(void)
{
	return current->sid == current->pid;
}

/*
 * Linux's __tty_check_change: may the caller use its controlling terminal in a way
 * that is only for the foreground (sig says which: SIGTTIN for a read, SIGTTOU for
 * the rest)? A blocked or ignored SIGTTOU lets it; a blocked or ignored SIGTTIN
 * makes the read fail with EIO.
 */
static long tty_check_change(struct tty_struct *tty, int sig)
{
	if (current->tty != tty || !tty->pgrp || current->pgid == tty->pgrp)
		return 0;
	if (is_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp(current->pgid, sig);
	return -ERESTARTSYS;
}

static long tty_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	struct tty_struct *tty = file_tty(f);
	long err = tty_check_change(tty, SIGTTIN);

	(void)ppos;
	return err ? err : n_tty_read(tty, f, buf, count);
}

/* While output is stopped (^S), writers wait for ^Q. */
static long wait_output_started(struct tty_struct *tty, struct file *f)
{
	DEFINE_WAIT(wait);
	long err = 0;

	for (;;) {
		prepare_to_wait(&tty->write_wait, &wait, TASK_INTERRUPTIBLE);
		if (!tty->stopped)
			break;
		if (f->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&tty->write_wait, &wait);
	return err;
}

/*
 * Copied through a buffer in chunks of 2048 bytes, as Linux's tty layer does: a
 * chunk whose copy faults is not printed; the call returns what came before it.
 * Writers cannot interleave within a chunk: the kernel is not preempted, and only
 * the wait for stopped output sleeps, between chunks.
 */
static long tty_write(struct file *f, const char __user *buf, unsigned long count, loff_t *ppos)
{
	static char chunk[2048];
	struct tty_struct *tty = file_tty(f);
	unsigned long done = 0;
	long err = 0;

	(void)ppos;
	if (tty->termios.c_lflag & TOSTOP)
		err = tty_check_change(tty, SIGTTOU);
	while (!err && done < count) {
		unsigned long n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);

		err = wait_output_started(tty, f);
		if (err)
			break;
		if (copy_from_user(chunk, buf + done, n)) {
			err = -EFAULT;
			break;
		}
		n_tty_output(tty, chunk, n);
		done += n;
	}
	return done ? (long)done : err;
}

/* POLLIN when a read would not block; POLLOUT unless output is stopped. */
static unsigned int tty_poll(struct file *f, struct poll_table_struct *pt)
{
	struct tty_struct *tty = file_tty(f);
	unsigned int mask = 0;
	unsigned long flags;

	poll_wait(f, &tty->read_wait, pt);
	poll_wait(f, &tty->write_wait, pt);
	spin_lock_irqsave(&tty->ldisc_lock, flags);
	if (n_tty_input_available(tty, true))
		mask |= POLLIN | POLLRDNORM;
	if (!tty->stopped)
		mask |= POLLOUT | POLLWRNORM;
	spin_unlock_irqrestore(&tty->ldisc_lock, flags);
	return mask;
}

/* ------------------------------------------------------------------ settings */

/* TCSETS, and TCSETSW / TCSETSF (output is never queued: nothing to wait for). */
static long set_termios(struct tty_struct *tty, unsigned int cmd, const void __user *arg)
{
	struct termios new, old;
	long err = tty_check_change(tty, SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&new, arg, sizeof(new)))
		return -EFAULT;
	if (cmd == TCSETSF)
		n_tty_flush_input(tty);
	old = tty->termios;
	tty->termios = new;
	n_tty_set_termios(tty, &old);
	return 0;
}

/* A new size: the foreground group hears of it (SIGWINCH), if it changed. */
static long set_winsize(struct tty_struct *tty, const void __user *arg)
{
	struct winsize ws;

	if (copy_from_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	if (memcmp(&ws, &tty->winsize, sizeof(ws))) {
		tty->winsize = ws;
		if (tty->pgrp)
			kill_pgrp(tty->pgrp, SIGWINCH);
	}
	return 0;
}

static long flush(struct tty_struct *tty, unsigned long arg)
{
	long err = tty_check_change(tty, SIGTTOU);

	if (err)
		return err;
	if (arg > TCIOFLUSH)
		return -EINVAL;
	if (arg != TCOFLUSH) /* output is never queued: TCOFLUSH finds nothing */
		n_tty_flush_input(tty);
	return 0;
}

/*
 * TCXONC: TCOOFF and TCOON stop and restart output as ^S and ^Q do. TCIOFF and
 * TCION would ask the other end to stop sending; kspace's input ring never needs it.
 */
static long flow_control(struct tty_struct *tty, unsigned long arg)
{
	long err = tty_check_change(tty, SIGTTOU);

	if (err)
		return err;
	switch (arg) {
	case TCOOFF:
		tty->stopped = true;
		return 0;
	case TCOON:
		tty->stopped = false;
		wake_up(&tty->write_wait);
		return 0;
	case TCIOFF:
	case TCION:
		return 0;
	default:
		return -EINVAL;
	}
}

/* TIOCSTI: a byte taken as typed; only on one's own terminal, unless privileged. */
static long simulate_input(struct tty_struct *tty, const char __user *p)
{
	unsigned long flags;
	char c;

	if (current->tty != tty && !capable())
		return -EPERM;
	if (get_user(c, p))
		return -EFAULT;
	spin_lock_irqsave(&tty->ldisc_lock, flags);
	n_tty_receive_char(tty, c);
	spin_unlock_irqrestore(&tty->ldisc_lock, flags);
	return 0;
}

/* ------------------------------------------------------------------ controlling terminal */

static void set_ctty(struct tty_struct *tty)
{
	tty->session = current->sid;
	tty->pgrp = current->pgid;
	current->tty = tty;
}

/* Every task of the session loses its terminal, and the terminal its session. */
static void session_clear_tty(struct tty_struct *tty)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->sid == tty->session && p->tty == tty)
			p->tty = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	tty->session = tty->pgrp = 0;
}

/*
 * Linux's disassociate_ctty, for a session leader giving up its terminal: the
 * foreground group gets SIGHUP (and SIGCONT, when the leader lives on).
 */
static void disassociate_ctty(bool on_exit)
{
	struct tty_struct *tty = current->tty;

	if (!tty || !is_session_leader())
		return;
	if (tty->pgrp) {
		kill_pgrp(tty->pgrp, SIGHUP);
		if (!on_exit)
			kill_pgrp(tty->pgrp, SIGCONT);
	}
	if (tty->session == current->sid)
		session_clear_tty(tty);
	current->tty = NULL;
}

void tty_exit_session(void)
{
	if (is_session_leader())
		disassociate_ctty(true);
	current->tty = NULL;
}

/*
 * TIOCSCTTY: a session leader without a terminal takes this one, if no other
 * session has it; root may take it from another session with arg 1. The file must
 * be open for reading.
 */
static long set_controlling_tty(struct tty_struct *tty, struct file *f, unsigned long arg)
{
	if (is_session_leader() && tty->session == current->sid)
		return 0;
	if (!is_session_leader() || current->tty)
		return -EPERM;
	if (tty->session) {
		if (arg != 1 || !capable())
			return -EPERM;
		session_clear_tty(tty);
	}
	if ((f->f_flags & O_ACCMODE) == O_WRONLY && !capable())
		return -EPERM;
	set_ctty(tty);
	return 0;
}

/* TIOCNOTTY: a leader gives the terminal up for its whole session, others for themselves. */
static long give_up_tty(struct tty_struct *tty)
{
	if (current->tty != tty)
		return -ENOTTY;
	disassociate_ctty(false);
	current->tty = NULL;
	return 0;
}

/*
 * TIOCSPGRP: only on the caller's own terminal, for a group (or, as Linux allows,
 * a process) of the caller's session. The caller must be in the foreground itself,
 * unless it ignores SIGTTOU.
 */
static long set_pgrp(struct tty_struct *tty, const pid_t __user *arg)
{
	long err = tty_check_change(tty, SIGTTOU);
	struct task_struct *p, *found = NULL;
	unsigned long flags;
	pid_t pgrp, sid = 0;

	if (err == -EIO)
		return -ENOTTY;
	if (err)
		return err;
	if (get_user(pgrp, arg))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (current->tty != tty || tty->session != current->sid)
		return -ENOTTY;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (p->state == TASK_DEAD) /* a zombie's ids live on until it is reaped */
			continue;
		if (p->pgid == pgrp)
			found = p;
		else if (p->pid == pgrp && !found)
			found = p;
	}
	if (found)
		sid = found->sid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!pgrp || !found)
		return -ESRCH;
	if (sid != current->sid)
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

/* TIOCGPGRP and TIOCGSID: only for the caller's own terminal. */
static long get_id(struct tty_struct *tty, pid_t id, pid_t __user *arg)
{
	if (current->tty != tty)
		return -ENOTTY;
	return put_user(id, arg);
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file_tty(f);
	void __user *p = (void __user *)arg;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty->termios, sizeof(tty->termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, p);
	case TIOCGWINSZ:
		return copy_to_user(p, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return set_winsize(tty, p);
	case TIOCGPGRP:
		return get_id(tty, tty->pgrp, p);
	case TIOCSPGRP:
		return set_pgrp(tty, p);
	case TIOCGSID:
		return tty->session ? get_id(tty, tty->session, p) : -ENOTTY;
	case TIOCSCTTY:
		return set_controlling_tty(tty, f, arg);
	case TIOCNOTTY:
		return give_up_tty(tty);
	case FIONREAD:
		return put_user(n_tty_inq(tty), (int __user *)p);
	case TIOCOUTQ: /* output goes straight to the consoles: nothing is queued */
		return put_user(0, (int __user *)p);
	case TCFLSH:
		return flush(tty, arg);
	case TCXONC:
		return flow_control(tty, arg);
	case TCSBRK: /* tcdrain (and a break, which the consoles have no way to send) */
		return tty_check_change(tty, SIGTTOU);
	case TIOCSTI:
		return simulate_input(tty, p);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tty_ops = {
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
};

static struct file *open_tty_file(struct tty_struct *tty, unsigned int flags)
{
	(void)tty;
	return alloc_file(&tty_ops, flags, S_IFCHR | 0620);
}

/* /dev/console, as the kernel opens it for init: never a controlling terminal. */
struct file *tty_open(void)
{
	return open_tty_file(&console_tty, O_RDWR);
}

/*
 * Open a terminal device, rdev = (major << 8) | minor: /dev/tty (5, 0) is the
 * caller's controlling terminal (-ENXIO without one); /dev/console (5, 1) and the
 * serial line /dev/ttyS0 (4, 64) are the console. Opening ttyS0 for reading without
 * O_NOCTTY makes it the controlling terminal of a session leader that has none, if
 * no other session has it.
 */
int tty_open_dev(unsigned int rdev, unsigned int flags, struct file **filp)
{
	struct tty_struct *tty = &console_tty;

	if (rdev == (TTYAUX_MAJOR << 8)) {
		if (!current->tty)
			return -ENXIO;
		tty = current->tty;
	} else if (rdev != ((TTYAUX_MAJOR << 8) | 1) && rdev != ((TTY_MAJOR << 8) | 64)) {
		return -ENXIO;
	}
	*filp = open_tty_file(tty, flags);
	if (!*filp)
		return -ENOMEM;
	if (rdev == ((TTY_MAJOR << 8) | 64) && !(flags & O_NOCTTY) && is_session_leader() &&
	    !current->tty && !tty->session && (flags & O_ACCMODE) != O_WRONLY)
		set_ctty(tty);
	return 0;
}
