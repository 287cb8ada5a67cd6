/*
 * kernel/n_tty.c: the line discipline (Linux's N_TTY): what the terminal does with
 * typed bytes before a program reads them, and with written bytes on their way out,
 * as the termios flags and control characters say.
 *
 * Input arrives one byte at a time from interrupt handlers (and TIOCSTI). c_iflag
 * maps CR and NL (ICRNL, INLCR, IGNCR); with ISIG, VINTR, VQUIT and VSUSP signal
 * the foreground process group; with IXON, VSTOP and VSTART stop and restart output.
 * In canonical mode (ICANON) bytes are collected into a line that VERASE, VWERASE
 * and VKILL edit, and a reader gets one complete line per read (VEOF ends a line
 * without a newline; alone at a line start it reads as end of file). Otherwise every
 * byte is readable at once and VMIN and VTIME decide when a read returns. ECHO and
 * its companions say what of all this is shown.
 *
 * The input ring is changed with interrupts off: a reader copies bytes out to a
 * kernel buffer first, then to user memory (where it may fault and sleep).
 */
#include <asm/irqflags.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/jiffies.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/timer.h>
#include <kspace/tty.h>

#define RING(i) ((i) & (N_TTY_BUF_SIZE - 1))
#define L_FLAG(tty, f) ((tty)->termios.c_lflag & (f))
#define I_FLAG(tty, f) ((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f) ((tty)->termios.c_oflag & (f))
#define EOF_MARK 0 /* what a VEOF leaves in the ring: a line end that is never read */

/* Linux's iscntrl: C0 controls, DEL, and the C1 range. */
static bool is_cntrl(unsigned char c)
{
	return c < 32 || c == 127 || (c >= 128 && c < 160);
}

/* Whether c is control character v; 0 in c_cc disables the slot (POSIX's VDISABLE). */
static bool is_cc(struct tty_struct *tty, unsigned char c, int v)
{
	return c && tty->termios.c_cc[v] == c;
}

static unsigned int read_cnt(const struct n_tty_data *ld)
{
	return ld->read_head - ld->read_tail;
}

static bool is_line_end(const struct n_tty_data *ld, unsigned int i)
{
	return ld->line_end[RING(i) / 8] & (1 << (i % 8));
}

static void mark_line_end(struct n_tty_data *ld, unsigned int i, bool end)
{
	if (end)
		ld->line_end[RING(i) / 8] |= 1 << (i % 8);
	else
		ld->line_end[RING(i) / 8] &= ~(1 << (i % 8));
}

/* ------------------------------------------------------------------ output */

/* One byte through OPOST into out (at most 8 bytes), tracking the cursor's column. */
static unsigned int opost_char(struct tty_struct *tty, unsigned char c, char *out)
{
	unsigned int spaces;

	switch (c) {
	case '\n':
		if (O_FLAG(tty, ONLRET | ONLCR))
			tty->column = 0;
		if (O_FLAG(tty, ONLCR)) {
			tty->ldata.canon_column = 0;
			out[0] = '\r', out[1] = '\n';
			return 2;
		}
		tty->ldata.canon_column = tty->column;
		break;
	case '\r':
		if (O_FLAG(tty, ONOCR) && tty->column == 0)
			return 0;
		if (O_FLAG(tty, OCRNL)) {
			c = '\n';
			if (O_FLAG(tty, ONLRET))
				tty->ldata.canon_column = tty->column = 0;
			break;
		}
		tty->ldata.canon_column = tty->column = 0;
		break;
	case '\t':
		spaces = 8 - (tty->column & 7);
		tty->column += spaces;
		if ((tty->termios.c_oflag & TABDLY) != XTABS)
			break;
		for (unsigned int i = 0; i < spaces; i++)
			out[i] = ' ';
		return spaces;
	case '\b':
		if (tty->column)
			tty->column--;
		break;
	default:
		if (is_cntrl(c))
			break;
		if (O_FLAG(tty, OLCUC) && c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		tty->column++;
	}
	out[0] = c;
	return 1;
}

/* Write bytes to the consoles, processed as c_oflag says. */
void n_tty_output(struct tty_struct *tty, const char *s, unsigned long n)
{
	char buf[128];
	unsigned long len = 0;

	if (!O_FLAG(tty, OPOST)) {
		console_output(s, n);
		return;
	}
	for (unsigned long i = 0; i < n; i++) {
		if (len > sizeof(buf) - 8) {
			console_output(buf, len);
			len = 0;
		}
		len += opost_char(tty, s[i], buf + len);
	}
	console_output(buf, len);
}

/* ------------------------------------------------------------------ echo */

static void echo_raw(struct tty_struct *tty, unsigned char c)
{
	n_tty_output(tty, (const char *)&c, 1);
}

/* With ECHOCTL a control character (but tab and newline) shows as ^X. */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (L_FLAG(tty, ECHOCTL) && is_cntrl(c) && c != '\t' && c != '\n') {
		char caret[2] = { '^', (char)(c ^ 0100) };

		n_tty_output(tty, caret, 2);
	} else {
		echo_raw(tty, c);
	}
}

/* ECHOPRT shows erased bytes between \ and /: close the run. */
static void finish_erasing(struct tty_struct *tty)
{
	if (tty->ldata.erasing) {
		echo_raw(tty, '/');
		tty->ldata.erasing = false;
	}
}

/* The column a tab being erased started at: replay the line from where it began. */
static unsigned int column_before_tab(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;
	unsigned int col = ld->canon_column;

	for (unsigned int i = ld->canon_head; i != ld->read_head; i++) {
		unsigned char c = ld->buf[RING(i)];

		if (c == '\t')
			col = (col | 7) + 1;
		else if (is_cntrl(c))
			col += L_FLAG(tty, ECHOCTL) ? 2 : 0;
		else
			col++;
	}
	return col;
}

/* Take one erased byte c off the screen. */
static void echo_erase(struct tty_struct *tty, unsigned char c, bool plain_erase)
{
	if (L_FLAG(tty, ECHOPRT)) {
		if (!tty->ldata.erasing) {
			echo_raw(tty, '\\');
			tty->ldata.erasing = true;
		}
		echo_char(tty, c);
	} else if (plain_erase && !L_FLAG(tty, ECHOE)) {
		echo_char(tty, tty->termios.c_cc[VERASE]);
	} else if (c == '\t') {
		unsigned int col = column_before_tab(tty);

		while (tty->column > col)
			echo_raw(tty, '\b');
	} else {
		int cells = is_cntrl(c) ? (L_FLAG(tty, ECHOCTL) ? 2 : 0) : 1;

		while (cells--)
			n_tty_output(tty, "\b \b", 3);
	}
}

/* ------------------------------------------------------------------ input */

static void wake_readers(struct tty_struct *tty)
{
	wake_up(&tty->read_wait);
}

/*
 * Store a byte. A full ring drops it, except that a canonical line with nothing
 * complete before it overwrites its last byte, so that a newline can still end it.
 */
static bool put_char(struct n_tty_data *ld, unsigned char c, bool icanon)
{
	if (read_cnt(ld) >= N_TTY_BUF_SIZE - 1) {
		if (!icanon || ld->canon_head != ld->read_tail)
			return false;
		ld->read_head--;
	}
	mark_line_end(ld, ld->read_head, false);
	ld->buf[RING(ld->read_head++)] = c;
	return true;
}

/* A byte that ends a canonical line: the line becomes readable. */
static void put_line_end(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;

	if (!put_char(ld, c, true))
		return;
	mark_line_end(ld, ld->read_head - 1, true);
	ld->canon_head = ld->read_head;
	wake_readers(tty);
}

/* VERASE (one byte), VWERASE (a word and the blanks after it), VKILL (the line). */
static void eraser(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;
	bool erase = is_cc(tty, c, VERASE), werase = !erase && is_cc(tty, c, VWERASE);
	bool kill = !erase && !werase, seen_word = false;

	if (ld->read_head == ld->canon_head)
		return;
	if (kill && (!L_FLAG(tty, ECHO) || !L_FLAG(tty, ECHOK) || !L_FLAG(tty, ECHOKE) ||
		     !L_FLAG(tty, ECHOE))) {
		ld->read_head = ld->canon_head;
		if (L_FLAG(tty, ECHO)) {
			finish_erasing(tty);
			echo_char(tty, c);
			if (L_FLAG(tty, ECHOK))
				echo_raw(tty, '\n');
		}
		return;
	}
	while (ld->read_head != ld->canon_head) {
		unsigned char prev = ld->buf[RING(ld->read_head - 1)];
		bool word = (prev >= '0' && prev <= '9') || prev == '_' ||
			    ((prev | 0x20) >= 'a' && (prev | 0x20) <= 'z');

		if (werase && word)
			seen_word = true;
		else if (werase && seen_word)
			break;
		ld->read_head--;
		if (L_FLAG(tty, ECHO))
			echo_erase(tty, prev, erase);
		if (erase)
			break;
	}
	if (ld->read_head == ld->canon_head && L_FLAG(tty, ECHO))
		finish_erasing(tty);
}

/* VREPRINT: show the line being edited again, on a new line. */
static void reprint(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;

	finish_erasing(tty);
	echo_char(tty, c);
	echo_raw(tty, '\n');
	for (unsigned int i = ld->canon_head; i != ld->read_head; i++)
		echo_char(tty, ld->buf[RING(i)]);
}

/*
 * ISIG's characters: unless NOFLSH, unread input goes, then the signal goes to
 * the foreground group; the character is echoed (^C) and output restarts.
 */
static void __n_tty_flush_input(struct tty_struct *tty);

static void receive_signal_char(struct tty_struct *tty, int sig, unsigned char c)
{
	if (!L_FLAG(tty, NOFLSH))
		__n_tty_flush_input(tty);
	kill_pgrp(tty->pgrp, sig);
	if (I_FLAG(tty, IXON) && tty->stopped) {
		tty->stopped = false;
		wake_up(&tty->write_wait);
	}
	if (L_FLAG(tty, ECHO))
		echo_char(tty, c);
}

/* An ordinary byte: echoed if asked, stored; readable now unless canonical. */
static void receive_plain(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;
	bool icanon = L_FLAG(tty, ICANON);

	if (L_FLAG(tty, ECHO)) {
		finish_erasing(tty);
		if (icanon && ld->read_head == ld->canon_head)
			ld->canon_column = tty->column;
		if (c == '\n')
			echo_raw(tty, c);
		else
			echo_char(tty, c);
	}
	if (put_char(ld, c, icanon) && !icanon) {
		ld->canon_head = ld->read_head;
		wake_readers(tty);
	}
}

/* Flow control and signals; true if c was consumed. */
static bool receive_flow_or_signal(struct tty_struct *tty, unsigned char c)
{
	if (I_FLAG(tty, IXON)) {
		if (is_cc(tty, c, VSTART)) {
			tty->stopped = false;
			wake_up(&tty->write_wait);
			return true;
		}
		if (is_cc(tty, c, VSTOP)) {
			tty->stopped = true;
			return true;
		}
	}
	if (L_FLAG(tty, ISIG)) {
		int sig = is_cc(tty, c, VINTR) ? SIGINT : is_cc(tty, c, VQUIT) ? SIGQUIT :
			  is_cc(tty, c, VSUSP) ? SIGTSTP : 0;

		if (sig) {
			receive_signal_char(tty, sig, c);
			return true;
		}
	}
	return false;
}

/* Canonical mode's editing and line-ending characters; true if c was consumed. */
static bool receive_canon_special(struct tty_struct *tty, unsigned char c)
{
	bool iexten = L_FLAG(tty, IEXTEN);

	if (is_cc(tty, c, VERASE) || is_cc(tty, c, VKILL) || (iexten && is_cc(tty, c, VWERASE))) {
		eraser(tty, c);
		return true;
	}
	if (iexten && is_cc(tty, c, VLNEXT)) {
		tty->ldata.lnext = true;
		if (L_FLAG(tty, ECHO)) {
			finish_erasing(tty);
			if (L_FLAG(tty, ECHOCTL))
				n_tty_output(tty, "^\b", 2);
		}
		return true;
	}
	if (iexten && is_cc(tty, c, VREPRINT) && L_FLAG(tty, ECHO)) {
		reprint(tty, c);
		return true;
	}
	if (c == '\n') {
		if (L_FLAG(tty, ECHO | ECHONL))
			echo_raw(tty, c);
		put_line_end(tty, c);
		return true;
	}
	if (is_cc(tty, c, VEOF)) {
		put_line_end(tty, EOF_MARK);
		return true;
	}
	if (is_cc(tty, c, VEOL) || (iexten && is_cc(tty, c, VEOL2))) {
		if (L_FLAG(tty, ECHO))
			echo_char(tty, c);
		put_line_end(tty, c);
		return true;
	}
	return false;
}

/* One received byte; interrupts are off. */
void n_tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	if (I_FLAG(tty, ISTRIP))
		c &= 0x7f;
	if (I_FLAG(tty, IUCLC) && L_FLAG(tty, IEXTEN) && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (tty->ldata.lnext) { /* after VLNEXT: literal, no special meaning */
		tty->ldata.lnext = false;
		receive_plain(tty, c);
		return;
	}
	if (tty->stopped && I_FLAG(tty, IXON) && I_FLAG(tty, IXANY) && !is_cc(tty, c, VSTOP)) {
		tty->stopped = false;
		wake_up(&tty->write_wait);
	}
	if (c == '\r') {
		if (I_FLAG(tty, IGNCR))
			return;
		if (I_FLAG(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(tty, INLCR)) {
		c = '\r';
	}
	if (receive_flow_or_signal(tty, c))
		return;
	if (L_FLAG(tty, ICANON) && receive_canon_special(tty, c))
		return;
	receive_plain(tty, c);
}

/* ------------------------------------------------------------------ reading */

/*
 * Whether a read would find something: a complete line in canonical mode, else a
 * byte; for poll, VMIN bytes when VMIN is set and VTIME is not (Linux's rule).
 */
bool n_tty_input_available(struct tty_struct *tty, bool for_poll)
{
	struct n_tty_data *ld = &tty->ldata;
	unsigned int amt = 1;

	if (L_FLAG(tty, ICANON))
		return ld->canon_head != ld->read_tail;
	if (for_poll && !tty->termios.c_cc[VTIME] && tty->termios.c_cc[VMIN])
		amt = tty->termios.c_cc[VMIN];
	return read_cnt(ld) >= amt;
}

/* FIONREAD: in canonical mode the complete lines' bytes (an EOF is none), else all. */
int n_tty_inq(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;
	unsigned long flags;
	int n;

	spin_lock_irqsave(&tty->ldisc_lock, flags);
	if (!L_FLAG(tty, ICANON)) {
		n = read_cnt(ld);
	} else {
		n = ld->canon_head - ld->read_tail;
		for (unsigned int i = ld->read_tail; i != ld->canon_head; i++)
			n -= is_line_end(ld, i) && ld->buf[RING(i)] == EOF_MARK;
	}
	spin_unlock_irqrestore(&tty->ldisc_lock, flags);
	return n;
}

/* With ldisc_lock held. */
static void __n_tty_flush_input(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	ld->read_head = ld->canon_head = ld->read_tail = ld->line_start = 0;
	ld->lnext = ld->erasing = ld->push = false;
	memset(ld->line_end, 0, sizeof(ld->line_end));
}

void n_tty_flush_input(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->ldisc_lock, flags);
	__n_tty_flush_input(tty);
	spin_unlock_irqrestore(&tty->ldisc_lock, flags);
}

/*
 * Up to the end of one canonical line; ldisc_lock is held. A VEOF byte is not
 * copied: alone at a line's start it makes the read return 0 (*eof), after part
 * of a line already read it is simply dropped, as Linux does.
 */
static unsigned int canon_copy(struct n_tty_data *ld, char *kbuf, unsigned int n, bool *eof)
{
	unsigned int i = 0, tail = ld->read_tail;

	while (tail != ld->canon_head && i < n) {
		unsigned char c = ld->buf[RING(tail)];
		bool end = is_line_end(ld, tail);

		tail++;
		if (end) {
			mark_line_end(ld, tail - 1, false);
			if (c == EOF_MARK && !ld->push)
				*eof = i == 0 && ld->read_tail == ld->line_start;
			else
				kbuf[i++] = c;
			ld->read_tail = tail;
			if (ld->push)
				ld->push = false;
			else
				ld->line_start = tail;
			return i;
		}
		kbuf[i++] = c;
	}
	ld->read_tail = tail;
	return i;
}

static unsigned int raw_copy(struct n_tty_data *ld, char *kbuf, unsigned int n)
{
	unsigned int i = 0;

	while (ld->read_tail != ld->read_head && i < n) {
		mark_line_end(ld, ld->read_tail, false);
		kbuf[i++] = ld->buf[RING(ld->read_tail++)];
	}
	ld->canon_head = ld->line_start = ld->read_tail;
	return i;
}

/*
 * Wait for input (as long as *timeout allows) and take what there is into kbuf:
 * bytes taken, or -EAGAIN / -ERESTARTSYS when the wait ended without any, and 0 at
 * a timeout or an end of file.
 */
static long take_input(struct tty_struct *tty, struct file *f, char *kbuf, unsigned int n,
		       long *timeout, bool *eof)
{
	DEFINE_WAIT(wait);
	unsigned long flags;
	long got;

	for (;;) {
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		spin_lock_irqsave(&tty->ldisc_lock, flags);
		if (n_tty_input_available(tty, false))
			break;
		spin_unlock_irqrestore(&tty->ldisc_lock, flags);
		got = !*timeout ? 0 : (f->f_flags & O_NONBLOCK) ? -EAGAIN :
		      signal_pending(current) ? -ERESTARTSYS : 1;
		if (got != 1) {
			finish_wait(&tty->read_wait, &wait);
			return got;
		}
		*timeout = schedule_timeout(*timeout);
	}
	got = L_FLAG(tty, ICANON) ? canon_copy(&tty->ldata, kbuf, n, eof) :
				    raw_copy(&tty->ldata, kbuf, n);
	spin_unlock_irqrestore(&tty->ldisc_lock, flags);
	finish_wait(&tty->read_wait, &wait);
	return got;
}

/*
 * A read. Canonical: one line (or its first count bytes). Non-canonical, with
 * MIN = c_cc[VMIN] and TIME = c_cc[VTIME] tenths of a second:
 *   MIN 0, TIME 0: what is there now, maybe nothing;
 *   MIN 0, TIME t: the first bytes to come within t, or 0 after t;
 *   MIN m, TIME 0: wait for m bytes (or count, if fewer);
 *   MIN m, TIME t: wait for a first byte, then return at m bytes or once t passes
 *                  with no further byte (an inter-byte timer).
 * Bytes read always win over an error; a read past a fault returns -EFAULT.
 */
long n_tty_read(struct tty_struct *tty, struct file *f, char __user *buf, unsigned long count)
{
	unsigned int n = count < N_TTY_BUF_SIZE ? count : N_TTY_BUF_SIZE;
	unsigned int minimum = 0, copied = 0;
	long timeout = MAX_SCHEDULE_TIMEOUT, interbyte = 0, got = 0;
	char *kbuf;

	if (!count)
		return 0;
	kbuf = kmalloc(n, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (!L_FLAG(tty, ICANON)) {
		minimum = tty->termios.c_cc[VMIN];
		if (minimum) {
			interbyte = HZ / 10 * tty->termios.c_cc[VTIME];
		} else {
			timeout = HZ / 10 * tty->termios.c_cc[VTIME];
			minimum = 1;
		}
	}
	while (copied < n) {
		bool eof = false;

		got = take_input(tty, f, kbuf + copied, n - copied, &timeout, &eof);
		if (got <= 0 && !L_FLAG(tty, ICANON))
			break;
		if (got < 0 || (got == 0 && eof))
			break;
		copied += got;
		if (L_FLAG(tty, ICANON)) {
			if (got)
				break;
			continue; /* a dropped VEOF after a partial line: wait for more */
		}
		if (copied >= minimum)
			break;
		if (interbyte)
			timeout = interbyte;
	}
	if (copied && copy_to_user(buf, kbuf, copied))
		got = -EFAULT, copied = 0;
	kfree(kbuf);
	return copied ? (long)copied : got < 0 ? got : 0;
}

/* ------------------------------------------------------------------ modes */

/*
 * Turning ICANON on makes what is pending one line (without a newline), as Linux
 * does; turning it off makes everything readable. Turning IXON off restarts output.
 */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old)
{
	struct n_tty_data *ld = &tty->ldata;
	unsigned long flags;

	spin_lock_irqsave(&tty->ldisc_lock, flags);
	if ((old->c_lflag ^ tty->termios.c_lflag) & ICANON) {
		memset(ld->line_end, 0, sizeof(ld->line_end));
		ld->line_start = ld->read_tail;
		ld->canon_head = ld->read_tail;
		ld->push = false;
		if (L_FLAG(tty, ICANON) && read_cnt(ld)) {
			mark_line_end(ld, ld->read_head - 1, true);
			ld->canon_head = ld->read_head;
			ld->push = true;
		} else if (!L_FLAG(tty, ICANON)) {
			ld->canon_head = ld->read_head;
		}
		ld->erasing = ld->lnext = false;
	}
	if (!I_FLAG(tty, IXON) && (old->c_iflag & IXON))
		tty->stopped = false;
	spin_unlock_irqrestore(&tty->ldisc_lock, flags);
	wake_up(&tty->write_wait);
	wake_up(&tty->read_wait);
}
