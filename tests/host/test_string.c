/*
 * tests/host/test_string.c: the kernel's memory and string functions
 * (kernel/string.c) against libc, for every size from 0 to 67 at every alignment,
 * with guard bytes around each destination and a guard page after each source.
 */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kapi.h"
#include "test.h"

#define MAX_LEN 67 /* past 64, so every word-and-tail split of a copy is tried */
#define ALIGNS 8
#define GUARD 16
#define BUF_LEN (GUARD + ALIGNS + MAX_LEN + GUARD)

/* A pattern that differs from byte to byte and, by seed, from buffer to buffer. */
static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + seed * 13 + 1);
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

TEST(string, memcpy_sizes_and_alignments)
{
	_Alignas(16) unsigned char src[ALIGNS + MAX_LEN], dst[BUF_LEN], ref[BUF_LEN];

	fill(src, sizeof(src), 1);
	for (size_t n = 0; n <= MAX_LEN; n++) {
		for (size_t s = 0; s < ALIGNS; s++) {
			for (size_t d = 0; d < ALIGNS; d++) {
				unsigned char *to = dst + GUARD + d;

				fill(dst, sizeof(dst), 2);
				fill(ref, sizeof(ref), 2);
				memcpy(ref + GUARD + d, src + s, n);
				EXPECT(kmemcpy(to, src + s, n) == to);
				EXPECT_MSG(!memcmp(dst, ref, sizeof(dst)),
					   "n %zu, src +%zu, dst +%zu: bytes differ", n, s, d);
			}
		}
	}
}

/* Source and destination in one buffer: overlapping both ways, and apart. */
TEST(string, memmove_overlaps)
{
	_Alignas(16) unsigned char buf[BUF_LEN + 2 * ALIGNS], ref[BUF_LEN + 2 * ALIGNS];

	for (size_t n = 0; n <= MAX_LEN; n++) {
		for (size_t s = 0; s < 2 * ALIGNS; s++) {
			for (size_t d = 0; d < 2 * ALIGNS; d++) {
				unsigned char *to = buf + GUARD + d;

				fill(buf, sizeof(buf), 3);
				fill(ref, sizeof(ref), 3);
				memmove(ref + GUARD + d, ref + GUARD + s, n);
				EXPECT(kmemmove(to, buf + GUARD + s, n) == to);
				EXPECT_MSG(!memcmp(buf, ref, sizeof(buf)),
					   "n %zu, src +%zu, dst +%zu: bytes differ", n, s, d);
			}
		}
	}
}

TEST(string, memset_values_sizes_and_alignments)
{
	/* Only the low byte of the value counts: -1 fills 0xff, 0x100 fills 0. */
	static const int values[] = { 0, 0x5a, 0xff, -1, 0x100, 0x1a5 };
	_Alignas(16) unsigned char buf[BUF_LEN], ref[BUF_LEN];

	for (size_t v = 0; v < ARRAY_SIZE(values); v++) {
		for (size_t n = 0; n <= MAX_LEN; n++) {
			for (size_t d = 0; d < ALIGNS; d++) {
				unsigned char *to = buf + GUARD + d;

				fill(buf, sizeof(buf), 4);
				fill(ref, sizeof(ref), 4);
				memset(ref + GUARD + d, values[v], n);
				EXPECT(kmemset(to, values[v], n) == to);
				EXPECT_MSG(!memcmp(buf, ref, sizeof(buf)),
					   "value %#x, n %zu, dst +%zu: bytes differ", values[v], n,
					   d);
			}
		}
	}
}

/* Bytes compare as unsigned: 0x80 is greater than 0x01. */
TEST(string, memcmp_sign)
{
	static const unsigned char pairs[][2] = {
		{ 0x01, 0x80 }, { 0x80, 0x01 }, { 0x00, 0xff }, { 0x41, 0x42 }, { 0x7f, 0x80 }
	};
	unsigned char a[MAX_LEN], b[MAX_LEN];

	fill(a, sizeof(a), 5);
	EXPECT_EQ_INT(kmemcmp(a, a, MAX_LEN), 0);
	for (size_t n = 0; n <= MAX_LEN; n++) {
		for (size_t at = 0; at < n; at++) {
			for (size_t p = 0; p < ARRAY_SIZE(pairs); p++) {
				fill(a, n, 5);
				fill(b, n, 5);
				a[at] = pairs[p][0];
				b[at] = pairs[p][1];
				EXPECT_MSG(sign(kmemcmp(a, b, n)) == sign(memcmp(a, b, n)),
					   "n %zu, %#x vs %#x at %zu: wrong sign", n, a[at], b[at],
					   at);
				EXPECT_MSG(kmemcmp(a, b, at) == 0, "n %zu: saw the byte at %zu", at,
					   at);
			}
		}
	}
}

TEST(string, strlen_lengths_and_alignments)
{
	_Alignas(16) char buf[ALIGNS + MAX_LEN + 1];

	for (size_t len = 0; len <= MAX_LEN; len++) {
		for (size_t off = 0; off < ALIGNS; off++) {
			memset(buf, 0xa5, sizeof(buf)); /* a negative char, still not NUL */
			buf[off + len] = '\0';
			EXPECT_EQ_INT(kstrlen(buf + off), len);
		}
	}
}

TEST(string, strnlen_bounds)
{
	char buf[MAX_LEN + 1];

	for (size_t len = 0; len <= MAX_LEN; len++) {
		memset(buf, 'x', len);
		buf[len] = '\0';
		for (size_t max = 0; max <= MAX_LEN + 1; max++)
			EXPECT_MSG(kstrnlen(buf, max) == (len < max ? len : max),
				   "len %zu, max %zu: got %zu", len, max, kstrnlen(buf, max));
	}
}

static const char *const compared[] = {
	"", "a", "b", "abc", "abd", "abcd", "ab", "\x80", "\x01", "a\xff", "a\x01", "ABC",
};

/* Signs as libc's (which compares unsigned chars) for every pair and bound. */
TEST(string, strcmp_and_strncmp_sign)
{
	for (size_t i = 0; i < ARRAY_SIZE(compared); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(compared); j++) {
			const char *a = compared[i], *b = compared[j];

			EXPECT_MSG(sign(kstrcmp(a, b)) == sign(strcmp(a, b)),
				   "strcmp(\"%s\", \"%s\") = %d", a, b, kstrcmp(a, b));
			for (size_t n = 0; n <= 6; n++)
				EXPECT_MSG(sign(kstrncmp(a, b, n)) == sign(strncmp(a, b, n)),
					   "strncmp(\"%s\", \"%s\", %zu) = %d", a, b, n,
					   kstrncmp(a, b, n));
		}
	}
}

/* strncmp stops at n and at the first NUL, whatever lies beyond. */
TEST(string, strncmp_bounds)
{
	EXPECT_EQ_INT(kstrncmp("abcX", "abcY", 3), 0);
	EXPECT(kstrncmp("abcX", "abcY", 4) < 0);
	EXPECT_EQ_INT(kstrncmp("ab\0X", "ab\0Y", 4), 0);
	EXPECT_EQ_INT(kstrncmp("x", "y", 0), 0);
	EXPECT(kstrncmp("ab", "abc", 3) < 0);
	EXPECT_EQ_INT(kstrcmp("ab\0X", "ab\0Y"), 0);
}

TEST(string, strchr_every_byte)
{
	static const char s[] = "hello, w\xe9rld\x7f";

	for (int c = -256; c < 512; c++)
		EXPECT_MSG(kstrchr(s, c) == strchr(s, c), "c %d: got offset %td, libc %td", c,
			   kstrchr(s, c) ? kstrchr(s, c) - s : -1,
			   strchr(s, c) ? strchr(s, c) - s : -1);
	EXPECT(kstrchr(s, '\0') == s + strlen(s));
	EXPECT(kstrchr("", 'a') == NULL);
}

TEST(string, strlcpy_truncation)
{
	static const char *const sources[] = { "", "a", "hello", "exactly8" };
	char dst[16];

	for (size_t i = 0; i < ARRAY_SIZE(sources); i++) {
		const char *src = sources[i];
		size_t len = strlen(src);

		for (size_t size = 0; size <= len + 2; size++) {
			size_t kept = size ? size - 1 : 0;

			if (kept > len)
				kept = len;
			memset(dst, '#', sizeof(dst));
			EXPECT_EQ_INT(kstrlcpy(dst, src, size), len);
			EXPECT_MSG(!memcmp(dst, src, kept), "\"%s\" size %zu: wrong bytes", src,
				   size);
			if (size)
				EXPECT_MSG(dst[kept] == '\0', "\"%s\" size %zu: not terminated",
					   src, size);
			/* the copy and its NUL, nothing more; with size 0, not even the NUL */
			for (size_t b = size ? kept + 1 : 0; b < sizeof(dst); b++)
				EXPECT_MSG(dst[b] == '#', "\"%s\" size %zu: byte %zu written", src,
					   size, b);
		}
	}
}

/* The end of a readable page, followed by an inaccessible one: reading past it faults. */
static unsigned char *page_end(void)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned char *p =
		mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p + page, page, PROT_NONE))
		return NULL;
	return p + page;
}

/* Bounded functions read only what they are allowed to: a stray read kills the test. */
TEST(string, no_reads_past_the_bound)
{
	unsigned char *end = page_end(), other[MAX_LEN], dst[MAX_LEN];

	EXPECT(end != NULL);
	memset(end - MAX_LEN, 'z', MAX_LEN);
	memset(other, 'z', sizeof(other));
	for (size_t n = 0; n <= MAX_LEN; n++) {
		const unsigned char *src = end - n;

		EXPECT_EQ_INT(kstrnlen((const char *)src, n), n);
		EXPECT_EQ_INT(kmemcmp(src, other, n), 0);
		EXPECT_EQ_INT(kstrncmp((const char *)src, (const char *)other, n), 0);
		kmemcpy(dst, src, n);
		kmemmove(dst, src, n);
		EXPECT(!memcmp(dst, src, n));
	}
}

TEST(string, strstr_matches_libc)
{
	static const char *const hay[] = { "", "a", "abc", "aaab", "abcabcabd", "kspace-box" };
	static const char *const needle[] = { "", "a", "b", "ab", "abd", "aab", "x", "box", "kspace-box!" };

	for (size_t h = 0; h < sizeof(hay) / sizeof(hay[0]); h++)
		for (size_t n = 0; n < sizeof(needle) / sizeof(needle[0]); n++)
			EXPECT_MSG(kstrstr(hay[h], needle[n]) == strstr(hay[h], needle[n]),
				   "strstr(\"%s\", \"%s\")", hay[h], needle[n]);
}
