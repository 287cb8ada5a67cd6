/*
 * kernel/printk.c: printk, the log ring buffer and the consoles.
 *
 * Every message goes into log_buf as "<level>[seconds.micro] text\n", the form dmesg
 * reads back. Lines below console_loglevel are also written, without the "<level>",
 * to every registered console. A console registered late first replays the buffer,
 * so nothing printed before the UART was ready is lost.
 *
 * logbuf_lock guards the log, the line state and the console list, and is held while
 * the consoles are written, so lines from two CPUs never interleave. It is irqsave:
 * interrupt handlers print too.
 */
#include <kspace/errno.h>
#include <kspace/init.h>
#include <kspace/jiffies.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/smp.h>
#include <kspace/spinlock.h>
#include <kspace/string.h>

int console_loglevel = DEFAULT_CONSOLE_LOGLEVEL;

static char log_buf[LOG_BUF_LEN];
static unsigned long log_start, log_end; /* free-running; index with & (LOG_BUF_LEN-1) */

static DEFINE_SPINLOCK(logbuf_lock);
static int logbuf_cpu = -1; /* the CPU inside vprintk, holding logbuf_lock */

static struct console *console_list;
static int line_level = -1; /* level of the line being printed; -1 at a line start */

#define MAX_CMDLINE_CONSOLES 4
static char wanted_consoles[MAX_CMDLINE_CONSOLES][16];
static int nr_wanted_consoles;

static void log_putc(char c)
{
	log_buf[log_end & (LOG_BUF_LEN - 1)] = c;
	log_end++;
	if (log_end - log_start > LOG_BUF_LEN)
		log_start = log_end - LOG_BUF_LEN;
}

static void console_write(const char *s, size_t n)
{
	for (struct console *con = console_list; con; con = con->next)
		con->write(con, s, n);
}

void console_output(const char *s, size_t n)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	for (struct console *con = console_list; con; con = con->next)
		con->write_tty(con, s, n);
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

/* Append text to the log and, if its level is shown, to the consoles. */
static void emit(const char *s, size_t n, int level)
{
	for (size_t i = 0; i < n; i++)
		log_putc(s[i]);
	if (level < console_loglevel)
		console_write(s, n);
}

static void emit_line_start(int level)
{
	unsigned long long ns = sched_clock();
	char stamp[24];
	char tag[4] = { '<', (char)('0' + level), '>', 0 };
	int n = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ", (unsigned long)(ns / 1000000000),
			 (unsigned long)(ns % 1000000000 / 1000));

	for (int i = 0; i < 3; i++)
		log_putc(tag[i]);
	emit(stamp, n, level);
}

/* Strip a leading "<N>" or "<c>"; returns the level, or -1 for a continuation. */
static const char *parse_level(const char *s, int *level)
{
	if (s[0] == '<' && s[2] == '>') {
		if (s[1] >= '0' && s[1] <= '7') {
			*level = s[1] - '0';
			return s + 3;
		}
		if (s[1] == 'c') {
			*level = -1;
			return s + 3;
		}
	}
	*level = DEFAULT_MESSAGE_LOGLEVEL;
	return s;
}

int vprintk(const char *fmt, va_list args)
{
	static char printk_buf[1024];
	unsigned long flags = local_irq_save();
	/*
	 * A printk from inside printk (an oops in a console driver, a lock report about
	 * logbuf_lock itself) finds the lock held by its own CPU: waiting would hang
	 * forever, so it writes on under the outer call's lock.
	 */
	bool nested = logbuf_cpu == smp_processor_id();
	int level, n;
	const char *p;

	if (!nested) {
		spin_lock(&logbuf_lock);
		logbuf_cpu = smp_processor_id();
	}
	n = vsnprintf(printk_buf, sizeof(printk_buf), fmt, args);
	p = parse_level(printk_buf, &level);

	/* A new message starts a new line even if the previous one did not end. */
	if (level >= 0 && line_level >= 0)
		emit("\n", 1, line_level), line_level = -1;
	if (level < 0)
		level = line_level >= 0 ? line_level : DEFAULT_MESSAGE_LOGLEVEL;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);

		if (line_level < 0)
			emit_line_start(level), line_level = level;
		emit(p, len, level);
		if (nl)
			line_level = -1;
		p += len;
	}
	if (!nested) {
		logbuf_cpu = -1;
		spin_unlock(&logbuf_lock);
	}
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

size_t log_buf_read(char *buf, size_t len)
{
	unsigned long flags;
	size_t n = 0;

	spin_lock_irqsave(&logbuf_lock, flags);
	for (unsigned long i = log_start; i != log_end && n < len; i++)
		buf[n++] = log_buf[i & (LOG_BUF_LEN - 1)];
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return n;
}

/* Write the whole log to one console, line by line, honouring console_loglevel. */
static void replay_log(struct console *con)
{
	int level = DEFAULT_MESSAGE_LOGLEVEL;
	bool line_start = true;

	for (unsigned long i = log_start; i != log_end; i++) {
		char c = log_buf[i & (LOG_BUF_LEN - 1)];

		if (line_start && c == '<' && log_end - i >= 3) {
			level = log_buf[(i + 1) & (LOG_BUF_LEN - 1)] - '0';
			i += 2;
			line_start = false;
			continue;
		}
		line_start = c == '\n';
		if (level < console_loglevel)
			con->write(con, &c, 1);
	}
}

void register_console(struct console *con)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	replay_log(con);
	con->next = console_list;
	console_list = con;
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

bool console_wanted(const char *name)
{
	if (!nr_wanted_consoles)
		return true;
	for (int i = 0; i < nr_wanted_consoles; i++)
		if (!strcmp(wanted_consoles[i], name))
			return true;
	return false;
}

/* console=ttyS0[,115200] or console=tty0; may be given more than once. */
static int console_setup(const char *value)
{
	char name[16];
	size_t n = 0;

	while (value[n] && value[n] != ',')
		n++;

	if (n == 0 || n >= sizeof(name))
		return -EINVAL;
	memcpy(name, value, n);
	name[n] = '\0';
	if (strcmp(name, "ttyS0") && strcmp(name, "tty0"))
		return -EINVAL;
	if (nr_wanted_consoles == MAX_CMDLINE_CONSOLES)
		return -ENOSPC;
	strlcpy(wanted_consoles[nr_wanted_consoles++], name, sizeof(name));
	return 0;
}
__setup("console=", console_setup);

static int loglevel_setup(const char *value)
{
	if (value[0] < '0' || value[0] > '8' || value[1])
		return -EINVAL;
	console_loglevel = value[0] - '0';
	return 0;
}
__setup("loglevel=", loglevel_setup);

static int quiet_setup(const char *value)
{
	(void)value;
	console_loglevel = 4; /* errors and warnings only, as on Linux */
	return 0;
}
__setup("quiet", quiet_setup);
