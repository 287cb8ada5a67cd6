/* kernel/seq_buf.c: formatted text into a bounded buffer (see seq_buf.h). */
#include <kspace/printk.h>
#include <kspace/seq_buf.h>
#include <kspace/string.h>

void seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	size_t room = s->size - s->len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->len, room, fmt, ap);
	va_end(ap);
	if ((size_t)n >= room) {
		s->overflow = true;
		s->len = s->size ? s->size - 1 : 0;
	} else {
		s->len += n;
	}
}

void seq_buf_putmem(struct seq_buf *s, const void *mem, size_t len)
{
	if (len >= s->size - s->len) { /* as printf: one byte stays free for a NUL */
		s->overflow = true;
		return;
	}
	memcpy(s->buf + s->len, mem, len);
	s->len += len;
}

void seq_buf_printk(const struct seq_buf *s, const char *level)
{
	size_t start = 0;

	for (size_t i = 0; i < s->len; i++)
		if (s->buf[i] == '\n') {
			printk("%s%.*s\n", level, (int)(i - start), s->buf + start);
			start = i + 1;
		}
	if (start < s->len)
		printk("%s%.*s\n", level, (int)(s->len - start), s->buf + start);
}
