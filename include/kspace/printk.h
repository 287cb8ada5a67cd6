/*
 * printk() with Linux's KERN_* levels, the log ring buffer behind dmesg, and the
 * console list that printk feeds (kernel/printk.c, kernel/vsprintf.c).
 */
#ifndef KSPACE_PRINTK_H
#define KSPACE_PRINTK_H

#include <stdarg.h>
#include <kspace/compiler.h>
#include <kspace/types.h>

#define KERN_EMERG "<0>"   /* system is unusable */
#define KERN_ALERT "<1>"   /* action must be taken immediately */
#define KERN_CRIT "<2>"    /* critical conditions */
#define KERN_ERR "<3>"     /* error conditions */
#define KERN_WARNING "<4>" /* warning conditions */
#define KERN_NOTICE "<5>"  /* normal but significant condition */
#define KERN_INFO "<6>"    /* informational */
#define KERN_DEBUG "<7>"   /* debug-level messages */
#define KERN_CONT "<c>"    /* continues the previous line */

#define DEFAULT_MESSAGE_LOGLEVEL 4 /* a printk without a level is KERN_WARNING */
#define DEFAULT_CONSOLE_LOGLEVEL 7 /* console shows levels 0..6 */

#define LOG_BUF_LEN (1 << 15)

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(...) printk(KERN_EMERG __VA_ARGS__)
#define pr_err(...) printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...) printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...) printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...) printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...) printk(KERN_DEBUG __VA_ARGS__)
#define pr_cont(...) printk(KERN_CONT __VA_ARGS__)

extern int console_loglevel;

/* Copy up to len bytes of the log, oldest first; returns the number copied. */
size_t log_buf_read(char *buf, size_t len);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

/*
 * A console: somewhere printk's text goes (write: a newline starts a new line).
 * Registration replays the log so far. write_tty takes the bytes a terminal sends,
 * already processed by the line discipline: a newline only moves down (ONLCR adds
 * the carriage return), and escape sequences are for the terminal to act on.
 */
struct console {
	const char *name; /* "ttyS" or "tty" as in console= */
	void (*write)(struct console *con, const char *s, size_t n);
	void (*write_tty)(struct console *con, const char *s, size_t n);
	struct console *next;
};
void register_console(struct console *con);
/* Write to every console's write_tty without logging: what a program writes to the terminal. */
void console_output(const char *s, size_t n);

/* Whether console=NAME allows this console (true when no console= was given). */
bool console_wanted(const char *name);

#endif
