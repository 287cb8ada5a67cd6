/*
 * seq_buf: text rendered into a fixed buffer. The /proc-style renderers (layout,
 * buddyinfo, meminfo...) write through it, so the same text can go to the boot log,
 * a /proc file or a test. Output past the end is dropped and remembered.
 */
#ifndef KSPACE_SEQ_BUF_H
#define KSPACE_SEQ_BUF_H

#include <kspace/compiler.h>
#include <kspace/types.h>

struct seq_buf {
	char *buf;
	size_t size, len;
	bool overflow;
};

static inline void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	s->buf = buf;
	s->size = size;
	s->len = 0;
	s->overflow = false;
	if (size)
		buf[0] = '\0';
}

__printf(2, 3) void seq_buf_printf(struct seq_buf *s, const char *fmt, ...);
void seq_buf_putmem(struct seq_buf *s, const void *mem, size_t len); /* bytes, NULs too */

/* printk each line of the buffer at the given KERN_ level. */
void seq_buf_printk(const struct seq_buf *s, const char *level);

#endif
