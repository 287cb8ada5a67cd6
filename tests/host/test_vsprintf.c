/*
 * tests/host/test_vsprintf.c: the kernel's vsnprintf family (kernel/vsprintf.c)
 * against the C library's: known answers, exhaustive matrices of flags, widths and
 * precisions, a seeded random differential run, and the truncation contract.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kapi.h"
#include "test.h"

#define BUF_SIZE 256
#define CANARY 0x5a /* fills buffers, so a byte written past size shows */

static char mismatch[768]; /* how the last like_libc() call differed */

/*
 * Format with the kernel and with libc into canary-filled buffers of which each may
 * use size bytes. True if the return values and all bytes agree, canaries included.
 */
__attribute__((format(printf, 2, 3))) static bool like_libc(size_t size, const char *fmt, ...)
{
	char kbuf[BUF_SIZE + 16], lbuf[BUF_SIZE + 16], where[40] = "";
	va_list ap, ap2;
	int kret, lret;
	size_t i = 0;

	memset(kbuf, CANARY, sizeof(kbuf));
	memset(lbuf, CANARY, sizeof(lbuf));
	va_start(ap, fmt);
	va_copy(ap2, ap);
	kret = kvsnprintf(kbuf, size, fmt, ap);
	lret = vsnprintf(lbuf, size, fmt, ap2);
	va_end(ap2);
	va_end(ap);
	if (kret == lret && !memcmp(kbuf, lbuf, sizeof(kbuf)))
		return true;
	while (i < sizeof(kbuf) && kbuf[i] == lbuf[i])
		i++;
	if (i < sizeof(kbuf))
		snprintf(where, sizeof(where), ", bytes differ from %zu on", i);
	snprintf(mismatch, sizeof(mismatch),
		 "\"%s\" size %zu: kernel \"%.*s\" returns %d, libc \"%.*s\" returns %d%s", fmt,
		 size, (int)strnlen(kbuf, size), kbuf, kret, (int)strnlen(lbuf, size), lbuf, lret,
		 where);
	return false;
}

/* The kernel must print expected, and libc must agree (so the expectation is right). */
#define EXPECT_FORMAT(expected, ...)                                                       \
	do {                                                                               \
		char buf_[BUF_SIZE];                                                       \
		int n_ = ksnprintf(buf_, sizeof(buf_), __VA_ARGS__);                       \
		EXPECT_MSG(n_ == (int)strlen(expected) && !strcmp(buf_, expected),         \
			   "%s: got \"%s\" (%d), expected \"%s\"", #__VA_ARGS__, buf_, n_, \
			   expected);                                                      \
		EXPECT_MSG(like_libc(BUF_SIZE, __VA_ARGS__), "%s", mismatch);              \
	} while (0)

/* Counts the cases of a matrix that differ from libc and keeps the first. */
struct tally {
	int total, bad;
	char first[1024];
};

static void tally(struct tally *t, bool ok, const char *context)
{
	t->total++;
	if (!ok && !t->bad++)
		snprintf(t->first, sizeof(t->first), "%s%s", mismatch, context);
}

#define EXPECT_TALLY_CLEAN(t)                                                                  \
	EXPECT_MSG(!(t).bad, "%d of %d cases differ from libc; first: %s", (t).bad, (t).total, \
		   (t).first)

TEST(vsprintf, integer_limits)
{
	EXPECT_FORMAT("-2147483648", "%d", INT_MIN);
	EXPECT_FORMAT("2147483647", "%i", INT_MAX);
	EXPECT_FORMAT("4294967295", "%u", UINT_MAX);
	EXPECT_FORMAT("-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT_FORMAT("9223372036854775807", "%lld", LLONG_MAX);
	EXPECT_FORMAT("18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT_FORMAT("ffffffffffffffff", "%llx", ULLONG_MAX);
	EXPECT_FORMAT("FFFFFFFFFFFFFFFF", "%llX", ULLONG_MAX);
	EXPECT_FORMAT("1777777777777777777777", "%llo", ULLONG_MAX);
	EXPECT_FORMAT("01777777777777777777777", "%#llo", ULLONG_MAX);
	EXPECT_FORMAT("-9223372036854775808", "%ld", LONG_MIN);
	EXPECT_FORMAT("0", "%d", 0);
	EXPECT_FORMAT("0", "%x", 0);
	EXPECT_FORMAT("0", "%o", 0);
}

TEST(vsprintf, zero_with_precision_zero)
{
	EXPECT_FORMAT("", "%.0d", 0);
	EXPECT_FORMAT("", "%.d", 0);
	EXPECT_FORMAT("", "%.0u", 0);
	EXPECT_FORMAT("", "%.0x", 0);
	EXPECT_FORMAT("", "%#.0x", 0);
	EXPECT_FORMAT("0", "%#.0o", 0);
	EXPECT_FORMAT("", "%.0o", 0);
	EXPECT_FORMAT("     ", "%5.0d", 0);
	EXPECT_FORMAT("+", "%+.0d", 0);
	EXPECT_FORMAT(" ", "% .0d", 0);
	EXPECT_FORMAT("|   |", "|%-3.0d|", 0);
	EXPECT_FORMAT("1", "%.0d", 1);
}

TEST(vsprintf, width_and_padding)
{
	EXPECT_FORMAT("   42", "%5d", 42);
	EXPECT_FORMAT("42   |", "%-5d|", 42);
	EXPECT_FORMAT("00042", "%05d", 42);
	EXPECT_FORMAT("-0042", "%05d", -42);
	EXPECT_FORMAT("  -042", "%6.3d", -42);
	EXPECT_FORMAT("12345", "%3d", 12345);
	EXPECT_FORMAT("0x0001f", "%#07x", 31);
	EXPECT_FORMAT("   0x001f", "%#9.4x", 31);
	EXPECT_FORMAT("00000", "%#05x", 0);
}

/*
 * Flags that C says give way: '-' beats '0', '+' beats ' ', a precision turns '0' off
 * (a negative '*' precision does not), and signs mean nothing unsigned. gcc warns
 * about such literal formats, so they sit in a table. Each takes up to three ints.
 */
static const struct {
	const char *expected, *fmt;
	int args[3];
} overridden_flags[] = {
	{ "42   |", "%-05d|", { 42 } },
	{ "  042", "%05.3d", { 42 } },
	{ "  -042", "%06.3d", { -42 } },
	{ "+42", "%+ d", { 42 } },
	{ "+42", "% +d", { 42 } },
	{ "42", "%+u", { 42 } },
	{ "42", "% u", { 42 } },
	{ "00042", "%0*.*d", { 5, -1, 42 } },
	{ "  042", "%0*.*d", { 5, 3, 42 } },
	{ "42   |", "%0*d|", { -5, 42 } },
	{ "   0x001f", "%#09.4x", { 31 } },
	{ "0x1f      |", "%-#010x|", { 31 } },
};

TEST(vsprintf, overridden_flags)
{
	char buf[BUF_SIZE];

	for (size_t i = 0; i < ARRAY_SIZE(overridden_flags); i++) {
		const char *fmt = overridden_flags[i].fmt, *expected = overridden_flags[i].expected;
		const int *a = overridden_flags[i].args;

		ksnprintf(buf, sizeof(buf), fmt, a[0], a[1], a[2]);
		EXPECT_MSG(!strcmp(buf, expected), "\"%s\": got \"%s\", expected \"%s\"", fmt, buf,
			   expected);
		EXPECT_MSG(like_libc(BUF_SIZE, fmt, a[0], a[1], a[2]), "%s", mismatch);
	}
}

TEST(vsprintf, sign_and_alternate_flags)
{
	EXPECT_FORMAT("+42", "%+d", 42);
	EXPECT_FORMAT("-42", "%+d", -42);
	EXPECT_FORMAT(" 42", "% d", 42);
	EXPECT_FORMAT("+0042", "%+05d", 42);
	EXPECT_FORMAT(" 0042", "% 05d", 42);
	EXPECT_FORMAT("0x1f", "%#x", 31);
	EXPECT_FORMAT("0X1F", "%#X", 31);
	EXPECT_FORMAT("017", "%#o", 15);
	EXPECT_FORMAT("017", "%#.3o", 15);
	EXPECT_FORMAT("0017", "%#.4o", 15);
	EXPECT_FORMAT("0", "%#x", 0);
	EXPECT_FORMAT("0", "%#o", 0);
}

TEST(vsprintf, length_modifiers)
{
	EXPECT_FORMAT("-56", "%hhd", 200);
	EXPECT_FORMAT("44", "%hhu", 300);
	EXPECT_FORMAT("ff", "%hhx", -1);
	EXPECT_FORMAT("-32768", "%hd", 32768);
	EXPECT_FORMAT("65535", "%hu", -1);
	EXPECT_FORMAT("ffff", "%hx", 0x12ffff);
	EXPECT_FORMAT("-1", "%ld", -1L);
	EXPECT_FORMAT("ffffffffffffffff", "%lx", -1L);
	EXPECT_FORMAT("-5", "%zd", (ssize_t)-5);
	EXPECT_FORMAT("18446744073709551615", "%zu", SIZE_MAX);
	EXPECT_FORMAT("-7", "%td", (ptrdiff_t)-7);
	EXPECT_FORMAT("4294967296", "%lld", 1LL << 32);
}

TEST(vsprintf, star_width_and_precision)
{
	EXPECT_FORMAT("   42", "%*d", 5, 42);
	EXPECT_FORMAT("42   |", "%*d|", -5, 42);
	EXPECT_FORMAT("42   |", "%-*d|", 5, 42);
	EXPECT_FORMAT("00042", "%.*d", 5, 42);
	EXPECT_FORMAT("42", "%.*d", -5, 42);
	EXPECT_FORMAT("00042", "%0*d", 5, 42);
	EXPECT_FORMAT("42   |", "%0*d|", -5, 42);
	EXPECT_FORMAT("  042", "%*.*d", 5, 3, 42);
	EXPECT_FORMAT("hel", "%.*s", 3, "hello");
	EXPECT_FORMAT("hello", "%.*s", -1, "hello");
	EXPECT_FORMAT("  hel", "%*.*s", 5, 3, "hello");
	EXPECT_FORMAT("hel  |", "%*.*s|", -5, 3, "hello");
}

TEST(vsprintf, strings_and_chars)
{
	const char *volatile null = NULL; /* volatile: gcc rejects a known NULL for %s */

	EXPECT_FORMAT("hello", "%s", "hello");
	EXPECT_FORMAT("", "%s", "");
	EXPECT_FORMAT("   hi", "%5s", "hi");
	EXPECT_FORMAT("hi   |", "%-5s|", "hi");
	EXPECT_FORMAT("he", "%.2s", "hello");
	EXPECT_FORMAT("", "%.0s", "hello");
	EXPECT_FORMAT("   he", "%5.2s", "hello");
	EXPECT_FORMAT("(null)", "%s", null);
	EXPECT_FORMAT("  (null)", "%8s", null);
	EXPECT_FORMAT("x", "%c", 'x');
	EXPECT_FORMAT("   x", "%4c", 'x');
	EXPECT_FORMAT("x   |", "%-4c|", 'x');
	EXPECT_FORMAT("\xe9", "%c", 0xe9);
	EXPECT_FORMAT("a b", "%c%c%c", 'a', ' ', 'b');
}

/* %c of NUL writes a NUL byte that still counts; EXPECT_FORMAT's strcmp can't see it. */
TEST(vsprintf, nul_char)
{
	char buf[8];

	memset(buf, CANARY, sizeof(buf));
	EXPECT_EQ_INT(ksnprintf(buf, sizeof(buf), "a%cb", 0), 3);
	EXPECT(!memcmp(buf, "a\0b\0", 4));
	EXPECT_MSG(like_libc(BUF_SIZE, "a%cb", 0), "%s", mismatch);
	EXPECT_MSG(like_libc(BUF_SIZE, "[%3c]", 0), "%s", mismatch);
	EXPECT_MSG(like_libc(BUF_SIZE, "[%-3c]", 0), "%s", mismatch);
}

TEST(vsprintf, pointers)
{
	EXPECT_FORMAT("(nil)", "%p", NULL);
	EXPECT_FORMAT("  (nil)", "%7p", NULL);
	EXPECT_FORMAT("(nil)  |", "%-7p|", NULL);
	EXPECT_FORMAT("0x1234", "%p", (void *)0x1234);
	EXPECT_FORMAT("0xc0100000", "%p", (void *)0xc0100000);
	EXPECT_FORMAT("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	EXPECT_FORMAT("    0x1234", "%10p", (void *)0x1234);
	EXPECT_FORMAT("0x1234    |", "%-10p|", (void *)0x1234);
	EXPECT_FORMAT("0x1", "%p", (void *)1);
}

TEST(vsprintf, percent_and_plain_text)
{
	EXPECT_FORMAT("%", "%%");
	EXPECT_FORMAT("a%b", "a%%b");
	EXPECT_FORMAT("100% 7%", "100%% %d%%", 7);
	EXPECT_FORMAT("plain text", "plain text");
	EXPECT_FORMAT("tab\there\n", "tab\there\n");
	EXPECT_FORMAT("1 two 0x3 4", "%d %s %#x %c", 1, "two", 3, '4');
}

/* Argument types that length modifiers read, and how to pass a value as each. */
enum arg_type { ARG_INT, ARG_LONG, ARG_LLONG };

static const struct {
	const char *mod;
	enum arg_type type;
} lengths[] = {
	{ "", ARG_INT },     { "hh", ARG_INT }, { "h", ARG_INT },  { "l", ARG_LONG },
	{ "ll", ARG_LLONG }, { "z", ARG_LONG }, { "t", ARG_LONG },
};

static bool integer_like_libc(const char *fmt, enum arg_type type, bool is_signed, long long v)
{
	switch (type) {
	case ARG_INT:
		return is_signed ? like_libc(BUF_SIZE, fmt, (int)v)
				 : like_libc(BUF_SIZE, fmt, (unsigned int)v);
	case ARG_LONG:
		return is_signed ? like_libc(BUF_SIZE, fmt, (long)v)
				 : like_libc(BUF_SIZE, fmt, (unsigned long)v);
	default:
		return is_signed ? like_libc(BUF_SIZE, fmt, v)
				 : like_libc(BUF_SIZE, fmt, (unsigned long long)v);
	}
}

/* Around each boundary that a conversion, a length modifier or a base can trip on. */
static const long long edge_values[] = {
	0, 1, -1, 7, 8, 9, 10, 15, 16, 42, -42, 999999,
	127, 128, -128, -129, 255, 256,
	32767, 32768, -32768, 65535, 65536,
	INT_MAX, INT_MIN, UINT_MAX, 1LL << 32,
	LLONG_MAX, LLONG_MIN, -1000000007LL, 0x123456789abcdefLL,
};

static bool is_signed_conversion(char conv)
{
	return conv == 'd' || conv == 'i';
}

/* "%<flags><width><precision><length><conv>" for a few widths and precisions, every edge value. */
static void integer_matrix_row(struct tally *t, const char *flags, size_t l, char conv)
{
	static const char *const widths[] = { "", "1", "7", "25" };
	static const char *const precisions[] = { "", ".", ".0", ".1", ".5", ".25" };
	char fmt[32], context[64];

	for (size_t w = 0; w < ARRAY_SIZE(widths); w++) {
		for (size_t p = 0; p < ARRAY_SIZE(precisions); p++) {
			snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flags, widths[w],
				 precisions[p], lengths[l].mod, conv);
			for (size_t v = 0; v < ARRAY_SIZE(edge_values); v++) {
				bool ok = integer_like_libc(fmt, lengths[l].type,
							    is_signed_conversion(conv),
							    edge_values[v]);

				snprintf(context, sizeof(context), " (value %lld)", edge_values[v]);
				tally(t, ok, context);
			}
		}
	}
}

/* Every combination of flags with every length modifier and integer conversion. */
TEST(vsprintf, integer_matrix)
{
	static const char flag_chars[] = "-0+ #";
	struct tally t = { 0 };

	for (size_t l = 0; l < ARRAY_SIZE(lengths); l++) {
		for (const char *conv = "diuxXo"; *conv; conv++) {
			for (int mask = 0; mask < 32; mask++) {
				char flags[6], *f = flags;

				if ((mask & 16) && !strchr("xXo", *conv))
					continue; /* '#' is undefined for decimal */
				for (int b = 0; b < 5; b++)
					if (mask & (1 << b))
						*f++ = flag_chars[b];
				*f = '\0';
				integer_matrix_row(&t, flags, l, *conv);
			}
		}
	}
	EXPECT_TALLY_CLEAN(t);
}

static const char *const strings[] = {
	"",
	"a",
	"hello",
	"hello, world",
	"a string longer than every width tried here",
	"\xc3\xa9t\xc3\xa9",
};

/* One width and one precision, through '*', on integer formats and on strings. */
static void star_matrix_cell(struct tally *t, int w, int p)
{
	static const char *const formats[] = { "[%*.*d]", "[%-*.*x]", "[%0*.*d]", "[%+*.*i]",
					       "[%#*.*o]" };
	char context[64];

	snprintf(context, sizeof(context), " (width %d, precision %d)", w, p);
	for (size_t f = 0; f < ARRAY_SIZE(formats); f++) {
		for (size_t v = 0; v < ARRAY_SIZE(edge_values); v++) {
			int value = (int)edge_values[v];

			tally(t, like_libc(BUF_SIZE, formats[f], w, p, value), context);
		}
	}
	for (size_t s = 0; s < ARRAY_SIZE(strings); s++) {
		tally(t, like_libc(BUF_SIZE, "[%*.*s]", w, p, strings[s]), context);
		tally(t, like_libc(BUF_SIZE, "[%-*.*s]", w, p, strings[s]), context);
	}
}

/* Widths from -12 to 12 and precisions from -3 to 12, negative ones included. */
TEST(vsprintf, star_matrix)
{
	struct tally t = { 0 };

	for (int w = -12; w <= 12; w++)
		for (int p = -3; p <= 12; p++)
			star_matrix_cell(&t, w, p);
	EXPECT_TALLY_CLEAN(t);
}

/* A small, seeded xorshift generator: the same cases on every host. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned int pick(unsigned int n)
{
	return (unsigned int)(rng() % n);
}

static long long random_value(void)
{
	if (pick(2))
		return edge_values[pick(ARRAY_SIZE(edge_values))];
	return (long long)(rng() >> pick(64));
}

/* Append "[flags][width][.precision]" to p, choosing literal digits or '*'. */
static char *random_spec(char *p, const char *allowed_flags, bool precision_allowed, int stars[2],
			 int *nstars)
{
	for (const char *f = allowed_flags; *f; f++)
		if (!pick(3))
			*p++ = *f;
	switch (pick(3)) {
	case 1:
		p += sprintf(p, "%u", pick(26));
		break;
	case 2:
		*p++ = '*';
		stars[(*nstars)++] = (int)pick(51) - 25;
		break;
	}
	if (!precision_allowed)
		return p;
	switch (pick(4)) {
	case 1:
		p += sprintf(p, ".");
		break;
	case 2:
		p += sprintf(p, ".%u", pick(26));
		break;
	case 3:
		p += sprintf(p, ".*");
		stars[(*nstars)++] = (int)pick(31) - 5;
		break;
	}
	return p;
}

/* Passes the '*' arguments, then the value; all variadic, so no cast can be skipped. */
#define LIKE_LIBC_WITH_STARS(value)                            \
	(nstars == 0   ? like_libc(size, fmt, value)           \
	 : nstars == 1 ? like_libc(size, fmt, stars[0], value) \
		       : like_libc(size, fmt, stars[0], stars[1], value))

/* A format with one random conversion between random text; returns how many '*' it has. */
static int random_format(char *fmt, char conv, const char *length, int stars[2])
{
	static const char *const texts[] = { "", "x", "ab ", "%%", " %% " };
	bool integer = strchr("diuxXo", conv);
	char *p = fmt + sprintf(fmt, "%s%%", texts[pick(ARRAY_SIZE(texts))]);
	int nstars = 0;

	if (integer)
		p = random_spec(p, strchr("xXo", conv) ? "-0+ #" : "-0+ ", true, stars, &nstars);
	else
		p = random_spec(p, "-", conv == 's', stars, &nstars);
	sprintf(p, "%s%c%s", integer ? length : "", conv, texts[pick(ARRAY_SIZE(texts))]);
	return nstars;
}

static bool random_integer_case(size_t size, const char *fmt, const int *stars, int nstars,
				enum arg_type type, bool is_signed, long long v)
{
	switch (type) {
	case ARG_INT:
		return is_signed ? LIKE_LIBC_WITH_STARS((int)v)
				 : LIKE_LIBC_WITH_STARS((unsigned int)v);
	case ARG_LONG:
		return is_signed ? LIKE_LIBC_WITH_STARS((long)v)
				 : LIKE_LIBC_WITH_STARS((unsigned long)v);
	default:
		return is_signed ? LIKE_LIBC_WITH_STARS(v)
				 : LIKE_LIBC_WITH_STARS((unsigned long long)v);
	}
}

/* One random format and argument at a random size; context describes the arguments. */
static bool random_case(char *context, size_t context_size)
{
	static const char *const pointers[] = { NULL, (char *)1, (char *)0xc0100000,
						(char *)0x7fffdeadbeefULL, (char *)UINTPTR_MAX };
	const char conv = "diuxXocsp"[pick(9)];
	const size_t size = pick(3) ? BUF_SIZE : pick(24), l = pick(ARRAY_SIZE(lengths));
	int stars[2] = { 0, 0 };
	char fmt[64];
	int nstars = random_format(fmt, conv, lengths[l].mod, stars);
	long long v = random_value();
	unsigned long long u = (unsigned long long)v;
	int c = (int)(u & 0xff);
	const char *str = strings[u % ARRAY_SIZE(strings)];
	void *ptr = (void *)pointers[u % ARRAY_SIZE(pointers)];

	/* NULL only without a precision: below 6, glibc prints "" and the kernel "(nu..." */
	if (u % 8 >= ARRAY_SIZE(strings) && !strchr(fmt, '.'))
		str = NULL;
	switch (conv) {
	case 'c':
		snprintf(context, context_size, " (stars %d %d, char %d)", stars[0], stars[1], c);
		return LIKE_LIBC_WITH_STARS(c);
	case 's':
		snprintf(context, context_size, " (stars %d %d, string \"%s\")", stars[0], stars[1],
			 str ? str : "NULL");
		return LIKE_LIBC_WITH_STARS(str);
	case 'p':
		snprintf(context, context_size, " (stars %d %d, pointer %p)", stars[0], stars[1],
			 ptr);
		return LIKE_LIBC_WITH_STARS(ptr);
	}
	snprintf(context, context_size, " (stars %d %d, value %lld)", stars[0], stars[1], v);
	return random_integer_case(size, fmt, stars, nstars, lengths[l].type,
				   is_signed_conversion(conv), v);
}

TEST(vsprintf, random_vs_libc)
{
	struct tally t = { 0 };
	char context[128];

	for (int i = 0; i < 20000; i++) {
		bool ok = random_case(context, sizeof(context));

		tally(&t, ok, context);
	}
	EXPECT_TALLY_CLEAN(t);
}

/* The return value is the untruncated length; what fits is always NUL-terminated. */
TEST(vsprintf, truncation)
{
	const char *full = "value 12345 end";
	char buf[32];
	int n;

	for (size_t size = 0; size <= strlen(full) + 2; size++) {
		memset(buf, CANARY, sizeof(buf));
		n = ksnprintf(buf, size, "value %d %s", 12345, "end");
		EXPECT_EQ_INT(n, strlen(full));
		if (size == 0) {
			EXPECT_EQ_INT(buf[0], CANARY);
			continue;
		}
		size_t kept = size - 1 < strlen(full) ? size - 1 : strlen(full);
		EXPECT(!memcmp(buf, full, kept));
		EXPECT_EQ_INT(buf[kept], '\0');
		for (size_t i = kept + 1; i < sizeof(buf); i++)
			EXPECT_MSG(buf[i] == CANARY, "size %zu: byte %zu written", size, i);
	}
	EXPECT_EQ_INT(ksnprintf(NULL, 0, "%d", 12345), 5);
	memset(buf, CANARY, sizeof(buf));
	EXPECT_EQ_INT(ksnprintf(buf, 1, "%s", "abc"), 3);
	EXPECT_EQ_INT(buf[0], '\0');
	EXPECT_EQ_INT(buf[1], CANARY);
}

TEST(vsprintf, truncation_vs_libc)
{
	static const char *const formats[] = { "%d|%s|%c", "%-10d|%5s|%c", "%08x%s%c" };
	struct tally t = { 0 };
	char context[32];

	for (size_t f = 0; f < ARRAY_SIZE(formats); f++)
		for (size_t size = 0; size < 32; size++) {
			snprintf(context, sizeof(context), " (size %zu)", size);
			tally(&t, like_libc(size, formats[f], -12345, "abc", 'z'), context);
		}
	EXPECT_TALLY_CLEAN(t);
}

/* scnprintf returns what it really wrote: never more than size - 1. */
TEST(vsprintf, scnprintf_returns_bytes_written)
{
	char buf[16];

	memset(buf, CANARY, sizeof(buf));
	EXPECT_EQ_INT(kscnprintf(buf, 0, "hello"), 0);
	EXPECT_EQ_INT(buf[0], CANARY);
	EXPECT_EQ_INT(kscnprintf(buf, 1, "hello"), 0);
	EXPECT_EQ_INT(buf[0], '\0');
	EXPECT_EQ_INT(kscnprintf(buf, 4, "hello"), 3);
	EXPECT_STREQ(buf, "hel");
	EXPECT_EQ_INT(kscnprintf(buf, 5, "hello"), 4);
	EXPECT_EQ_INT(kscnprintf(buf, 6, "hello"), 5);
	EXPECT_STREQ(buf, "hello");
	EXPECT_EQ_INT(kscnprintf(buf, sizeof(buf), "%d-%d", 12, 34), 5);
	EXPECT_STREQ(buf, "12-34");
	EXPECT_EQ_INT(kscnprintf(buf, sizeof(buf), "%s", ""), 0);
}

/*
 * Found by tests/fuzz/vsprintf.c: "%2147483648d" overflowed the int the width's digits
 * were summed in (UBSan), and "%*d" with INT_MIN negated it. As on Linux, a width is
 * clamped to 2^23 - 1 and a precision to 2^15 - 1; padding past the buffer only counts.
 */
/* ksnprintf without the compiler's view of the format: these formats are meant to be absurd. */
static int format_into(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

TEST(vsprintf, huge_width_and_precision_are_clamped)
{
	char buf[8];

	EXPECT_EQ_INT(format_into(NULL, 0, "%2147483648d", 1), (1 << 23) - 1);
	EXPECT_EQ_INT(format_into(NULL, 0, "%99999999999999999999d|", 1), 1 << 23);
	EXPECT_EQ_INT(format_into(buf, sizeof(buf), "%*d|", INT_MIN, 7), 1 << 23);
	EXPECT_STREQ(buf, "7      ");
	EXPECT_EQ_INT(format_into(buf, sizeof(buf), "%*d", INT_MAX, 7), (1 << 23) - 1);
	EXPECT_STREQ(buf, "       ");
	EXPECT_EQ_INT(format_into(NULL, 0, "%.99999999999d", 1), (1 << 15) - 1);
	EXPECT_EQ_INT(format_into(NULL, 0, "%.*d", INT_MAX, 1), (1 << 15) - 1);
	EXPECT_EQ_INT(format_into(buf, sizeof(buf), "%.*d", INT_MIN, 42), 2);
	EXPECT_STREQ(buf, "42");
}
