/* libc/stdlib.c: the environment, number parsing, sorting, exit() and abort(). */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char **environ; /* set by _start */

char *getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

struct number {
	unsigned long value;
	bool negative; /* a '-' came first; value is the magnitude */
	bool overflow; /* the digits went past ULONG_MAX */
};

/*
 * The part strtol and strtoul share: skip blanks, read a sign and a base prefix (base
 * 0 means C's rules: 0x is hex, 0 octal, else decimal), and accumulate digits. *end
 * gets the first character not used, or s if there was no number.
 */
static struct number parse(const char *s, char **end, int base)
{
	struct number n = { 0, false, false };
	const char *p = s;
	bool any = false;

	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	n.negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (int d; (d = digit_value(*p)) < base; p++, any = true) {
		if (n.value > (ULONG_MAX - d) / base)
			n.overflow = true;
		else
			n.value = n.value * base + d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return n;
}

long strtol(const char *s, char **end, int base)
{
	struct number n = parse(s, end, base);

	if (!n.negative && (n.overflow || n.value > LONG_MAX)) {
		errno = ERANGE;
		return LONG_MAX;
	}
	if (n.negative && (n.overflow || n.value > (unsigned long)LONG_MAX + 1)) {
		errno = ERANGE;
		return LONG_MIN;
	}
	return n.negative ? (long)-n.value : (long)n.value;
}

/* As in C, a leading '-' negates the value in unsigned arithmetic. */
unsigned long strtoul(const char *s, char **end, int base)
{
	struct number n = parse(s, end, base);

	if (n.overflow) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return n.negative ? -n.value : n.value;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

static void swap_bytes(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/*
 * Insertion sort: each element sinks left past the larger ones before it. Quadratic,
 * but plain, stable, and quick enough for the few hundred names of a directory.
 */
void qsort(void *base, size_t n, size_t size, int (*compar)(const void *, const void *))
{
	char *a = base;

	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && compar(a + (j - 1) * size, a + j * size) > 0; j--)
			swap_bytes(a + (j - 1) * size, a + j * size, size);
}

void exit(int status)
{
	fflush(stdout);
	_exit(status);
}

/* If SIGABRT is caught or ignored, abort still must not return. */
void abort(void)
{
	raise(SIGABRT);
	_exit(127);
}
