/*
 * tests/fuzz/vsprintf.c: the kernel's vsnprintf (kernel/vsprintf.c) with hostile
 * formats, arguments and buffer sizes.
 *
 * Input: a byte choosing the buffer size, then the format (up to a NUL), then the
 * bytes the arguments are taken from. The harness reads the format the way the
 * kernel does (flags, width or '*', precision or '.*', length, conversion) to know
 * which argument each conversion takes: %s gets one of a few strings (NULL among
 * them), anything else a number from the input, INT_MIN and friends included.
 *
 * Checked for every input:
 *  - nothing is written outside buf[0, size) (the buffer is exactly size bytes, so
 *    ASan sees any overrun), and size 0 writes nothing at all;
 *  - the result is NUL-terminated at min(len, size - 1), and is the first bytes of
 *    what a large enough buffer gets;
 *  - the return value is the would-be length: the same for every size;
 *  - where the format is in the subset glibc defines the same way (conversions
 *    diuxXo with their flags, %c, %s and %p without flags or precision), the bytes
 *    are glibc's.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list args);

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX_FMT 256
#define MAX_ARGS 24 /* a conversion takes at most three: width, precision, value */
#define MAX_COMPARED_WIDTH 4096 /* glibc and the kernel both pad; beyond, only the length */

static const char *const strings[] = { "", "a", "hello, world", NULL, "\xff\x01 tail" };
static const int32_t edge[] = { 0, 1, -1, INT_MIN, INT_MAX, 9, 10, 99, 4095, -4096 };

/* What '*' takes: an edge value (INT_MIN among them), a byte or any int. */
static int32_t take_int(struct fuzz_input *in)
{
	uint8_t sel = fuzz_take(in, 1);

	if (sel < 0x40)
		return edge[sel % (sizeof(edge) / sizeof(edge[0]))];
	return (int32_t)fuzz_take(in, sel & 1 ? 4 : 1);
}

/*
 * Walk fmt as the kernel's vsnprintf does, filling args[] for each conversion.
 * Returns the number of argument slots used; *like_libc says whether glibc must agree.
 */
static int plan_args(const char *fmt, struct fuzz_input *in, uint64_t *args, bool *like_libc)
{
	int n = 0;

	*like_libc = true;
	for (; *fmt; fmt++) {
		const char *flags, *conv;
		bool has_prec = false, has_len, left = false;
		long long width = 0;

		if (*fmt != '%')
			continue;
		for (flags = ++fmt; strchr("-0+ #", *fmt) && *fmt; fmt++)
			left |= *fmt == '-';
		size_t nflags = fmt - flags;
		if (*fmt == '*') {
			int32_t w = take_int(in);
			args[n++] = (uint64_t)(int64_t)w;
			width = w < 0 ? -(long long)w : w;
			fmt++;
		} else {
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				width = width < INT_MAX ? width * 10 + (*fmt - '0') : width;
		}
		if (*fmt == '.') {
			has_prec = true;
			fmt++;
			if (*fmt == '*') {
				int32_t p = take_int(in);
				args[n++] = (uint64_t)(int64_t)p;
				width = p > width ? p : width;
				fmt++;
			} else {
				long long p = 0;
				for (; *fmt >= '0' && *fmt <= '9'; fmt++)
					p = p < INT_MAX ? p * 10 + (*fmt - '0') : p;
				width = p > width ? p : width;
			}
		}
		const char *len = fmt;
		if ((fmt[0] == 'h' && fmt[1] == 'h') || (fmt[0] == 'l' && fmt[1] == 'l'))
			fmt += 2;
		else if (strchr("hlzt", *fmt) && *fmt)
			fmt++;
		has_len = fmt != len;
		conv = fmt;
		if (width > MAX_COMPARED_WIDTH)
			*like_libc = false;
		switch (*conv) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
			args[n++] = fuzz_take(in, 8);
			if (memchr(flags, '#', nflags) && !strchr("xXo", *conv))
				*like_libc = false;
			break;
		case 'c':
			args[n++] = fuzz_take(in, 1);
			*like_libc &= !has_len && !has_prec && nflags == (size_t)left;
			break;
		case 's':
			args[n++] = (uintptr_t)strings[fuzz_take(in, 1) % 5];
			*like_libc &= !has_len && nflags == (size_t)left && args[n - 1];
			break;
		case 'p':
			args[n++] = fuzz_take(in, 8);
			*like_libc &= !has_len && !has_prec && !nflags && width == 0;
			break;
		case '%':
			*like_libc &= conv == flags; /* "%5%": glibc's business, not the kernel's */
			break;
		case '\0':
			*like_libc = false;
			fmt--;
			break;
		default:
			*like_libc = false; /* the kernel prints it back; C leaves it undefined */
			break;
		}
		FUZZ_CHECK(n <= MAX_ARGS, "argument slots overflow");
	}
	return n;
}

#define A(i) args[i]
#define ALL_ARGS A(0), A(1), A(2), A(3), A(4), A(5), A(6), A(7), A(8), A(9), A(10), A(11), \
	A(12), A(13), A(14), A(15), A(16), A(17), A(18), A(19), A(20), A(21), A(22), A(23)

static int kernel_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int libc_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	static const size_t sizes[] = { 0, 1, 2, 3, 7, 16, 64, 4096 };
	char fmt[MAX_FMT + 1];
	uint64_t args[MAX_ARGS] = { 0 };
	size_t fmt_len = 0, bufsize = sizes[fuzz_take(&in, 1) % 8];
	bool like_libc;
	int percent = 0;

	while (in.size && fmt_len < MAX_FMT) {
		char c = (char)fuzz_take(&in, 1);
		if (!c)
			break;
		percent += c == '%';
		fmt[fmt_len++] = c;
	}
	fmt[fmt_len] = '\0';
	if (percent > MAX_ARGS / 3)
		return 0; /* more conversions than the argument slots passed */
	plan_args(fmt, &in, args, &like_libc);

	int full_len = kernel_fmt(NULL, 0, fmt, ALL_ARGS);
	FUZZ_CHECK(full_len >= 0, "negative length %d for \"%s\"", full_len, fmt);
	/* Enough of it for the comparisons: all of it when glibc's must match. */
	size_t full_size = like_libc ? (size_t)full_len + 1 : MIN((size_t)full_len + 1, 8192);
	char *full = malloc(full_size);
	FUZZ_CHECK(kernel_fmt(full, full_size, fmt, ALL_ARGS) == full_len, "length changed");
	FUZZ_CHECK(full[full_size - 1] == '\0', "not terminated");

	char *buf = bufsize ? malloc(bufsize) : NULL; /* exactly size bytes: ASan sees overruns */
	int n = kernel_fmt(buf, bufsize, fmt, ALL_ARGS);
	FUZZ_CHECK(n == full_len, "size %zu: returned %d, would-be length %d", bufsize, n, full_len);
	if (bufsize) {
		size_t kept = (size_t)n < bufsize ? (size_t)n : bufsize - 1;
		FUZZ_CHECK(!memcmp(buf, full, kept) && buf[kept] == '\0',
			   "size %zu: not the first %zu bytes of the full output", bufsize, kept);
	}

	if (like_libc) {
		int libc_len = libc_fmt(NULL, 0, fmt, ALL_ARGS);
		char *libc = malloc((size_t)libc_len + 1);

		libc_fmt(libc, libc_len + 1, fmt, ALL_ARGS);
		FUZZ_CHECK(libc_len == full_len && !memcmp(libc, full, full_len),
			   "\"%s\": kernel \"%s\" (%d), glibc \"%s\" (%d)", fmt, full, full_len, libc,
			   libc_len);
		free(libc);
	}
	free(buf);
	free(full);
	return 0;
}
