/*
 * The terminal (kernel/tty_io.c: the file and its ioctls, the controlling terminal;
 * kernel/n_tty.c: the line discipline). kspace has one terminal, the console: the
 * serial line and the VGA screen with the PS/2 keyboard show the same output and feed
 * the same input. Drivers hand each received character to tty_receive_char.
 */
#ifndef KSPACE_TTY_H
#define KSPACE_TTY_H

#include <kspace/types.h>
#include <kspace/wait.h>
#include <uapi/asm-generic/ioctls.h>
#include <uapi/asm-generic/termbits.h>

#ifndef KSPACE_PID_T
#define KSPACE_PID_T
typedef int pid_t;
#endif

#define N_TTY_BUF_SIZE 4096 /* a power of two: the input ring's indexes wrap freely */

struct file;
struct poll_table_struct;

/*
 * The line discipline's input ring: bytes [read_tail, canon_head) are readable in
 * canonical mode (complete lines), [canon_head, read_head) is the line being edited;
 * in non-canonical mode everything up to read_head is readable. line_end marks the
 * byte ending a line (newline, VEOL, VEOF); a VEOF byte itself is never read.
 */
struct n_tty_data {
	unsigned char buf[N_TTY_BUF_SIZE];
	unsigned char line_end[N_TTY_BUF_SIZE / 8];
	unsigned int read_head, canon_head, read_tail;
	unsigned int line_start;   /* where the line being read began: a VEOF there reads as 0 */
	unsigned int canon_column; /* the output column where the edited line started */
	bool push;                 /* the last line came from leaving raw mode: no VEOF at its end */
	bool lnext;                /* the next byte is literal (after VLNEXT) */
	bool erasing;              /* ECHOPRT: inside a \...\/ run of erased bytes */
};

struct tty_struct {
	struct termios termios;
	struct winsize winsize;
	pid_t pgrp;    /* the foreground process group; 0: none */
	pid_t session; /* the session this is the controlling terminal of; 0: none */
	bool stopped;  /* output stopped (VSTOP with IXON, TCXONC TCOOFF) */
	unsigned int column; /* where the cursor is, for erasing tabs and control chars */
	/*
	 * ldata, stopped and column: irqsave, the keyboard and serial interrupts feed the
	 * line discipline. Order: it, then a wait queue's lock, then the runqueue lock.
	 */
	spinlock_t ldisc_lock;
	struct n_tty_data ldata;
	wait_queue_head_t read_wait;  /* input arrived (or the mode changed) */
	wait_queue_head_t write_wait; /* output restarted */
};

void tty_receive_char(char c); /* from interrupt handlers */

/* kernel/n_tty.c; n_tty_receive_char and n_tty_input_available with ldisc_lock held */
void n_tty_receive_char(struct tty_struct *tty, unsigned char c);
long n_tty_read(struct tty_struct *tty, struct file *f, char __user *buf, unsigned long count);
void n_tty_output(struct tty_struct *tty, const char *s, unsigned long n); /* OPOST */
bool n_tty_input_available(struct tty_struct *tty, bool for_poll); /* a read would not block */
int n_tty_inq(struct tty_struct *tty);               /* FIONREAD: bytes a read could return */
void n_tty_flush_input(struct tty_struct *tty);
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);

/*
 * The controlling terminal (kernel/tty_io.c): a session leader's exit takes it from
 * the session, as Linux's disassociate_ctty does; setsid leaves the old one.
 */
void tty_exit_session(void);

#endif
