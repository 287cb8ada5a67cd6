/*
 * libc/stdio.c: formatted output. vsnprintf is the kernel's own (kernel/vsprintf.c,
 * compiled into libc), so printk and printf format alike.
 *
 * stdout collects output in a buffer written out at each newline, when full and at
 * exit(): each line reaches the terminal whole, and fork() never duplicates a
 * half-written line as long as lines end before forking. glibc buffers stdout fully
 * when it is not a terminal; flushing at newlines always is simpler and loses nothing
 * here. stderr is unbuffered.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct __file {
	int fd;
	char *buf; /* NULL: unbuffered */
	size_t len, size;
};

static char stdout_buf[BUFSIZ];
static struct __file stdout_file = { STDOUT_FILENO, stdout_buf, 0, sizeof(stdout_buf) };
static struct __file stderr_file = { STDERR_FILENO, NULL, 0, 0 };
FILE *const stdout = &stdout_file;
FILE *const stderr = &stderr_file;

/* Write all n bytes, retrying short writes; false if the descriptor fails. */
static bool write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= w;
	}
	return true;
}

int fflush(FILE *f)
{
	bool ok = write_all(f->fd, f->buf, f->len);

	f->len = 0;
	return ok ? 0 : EOF;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	const char *s = p;
	size_t total = size * n;

	if (!f->buf)
		return write_all(f->fd, s, total) ? n : 0;
	for (size_t i = 0; i < total; i++) {
		f->buf[f->len++] = s[i];
		if ((s[i] == '\n' || f->len == f->size) && fflush(f))
			return 0;
	}
	return n;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return fwrite(&ch, 1, 1, f) ? (unsigned char)ch : EOF;
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

int puts(const char *s)
{
	return fputs(s, stdout) || fputc('\n', stdout) == EOF ? EOF : 0;
}

/* Format into a stack buffer, or into the heap when the text is longer. */
int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	char small[256];
	char *text = small;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small)) {
		text = malloc(n + 1);
		if (text)
			vsnprintf(text, n + 1, fmt, again);
	}
	va_end(again);
	if (!text)
		return -1;
	if (fwrite(text, 1, n, f) != (size_t)n)
		n = -1;
	if (text != small)
		free(text);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, (size_t)-1, fmt, ap);
	va_end(ap);
	return n;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
