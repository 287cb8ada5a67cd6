/*
 * tests/host/test_seq_buf.c: seq_buf (kernel/seq_buf.c): appends, truncation and the
 * sticky overflow flag, checked against a model over random appends; and
 * seq_buf_printk's line splitting, read back through the printk stub.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kapi.h"
#include "test.h"

#define CANARY '#'

/* len stays below size, the text is NUL-terminated, and nothing past size is touched. */
static bool consistent(const struct seq_buf *s, const char *mem, size_t mem_size)
{
	if (s->len >= s->size || s->buf[s->len] != '\0' || strlen(s->buf) != s->len)
		return false;
	for (size_t i = s->size; i < mem_size; i++)
		if (mem[i] != CANARY)
			return false;
	return true;
}

TEST(seq_buf, printf_appends)
{
	char mem[32];
	struct seq_buf s;

	seq_buf_init(&s, mem, sizeof(mem));
	EXPECT_EQ_INT(s.len, 0);
	EXPECT_STREQ(mem, "");
	seq_buf_printf(&s, "abc");
	seq_buf_printf(&s, "%d", 42);
	seq_buf_printf(&s, "%s", "");
	seq_buf_printf(&s, "-%x-", 255);
	EXPECT_STREQ(mem, "abc42-ff-");
	EXPECT_EQ_INT(s.len, 9);
	EXPECT(!s.overflow);
}

TEST(seq_buf, overflow_truncates_and_sticks)
{
	char mem[12];
	struct seq_buf s;

	memset(mem, CANARY, sizeof(mem));
	seq_buf_init(&s, mem, 8);
	seq_buf_printf(&s, "hello");
	EXPECT(!s.overflow);
	seq_buf_printf(&s, " world");
	EXPECT(s.overflow);
	EXPECT_STREQ(mem, "hello w");
	EXPECT_EQ_INT(s.len, 7);
	EXPECT(consistent(&s, mem, sizeof(mem)));
	seq_buf_printf(&s, "more");
	EXPECT(s.overflow);
	EXPECT_STREQ(mem, "hello w");
	EXPECT(consistent(&s, mem, sizeof(mem)));
}

/* Filling to size - 1 exactly is not an overflow; one byte more is. */
TEST(seq_buf, exact_fit_is_not_overflow)
{
	char mem[8];
	struct seq_buf s;

	memset(mem, CANARY, sizeof(mem));
	seq_buf_init(&s, mem, 6);
	seq_buf_printf(&s, "hel");
	seq_buf_printf(&s, "lo");
	EXPECT(!s.overflow);
	EXPECT_EQ_INT(s.len, 5);
	seq_buf_printf(&s, "%s", "");
	EXPECT(!s.overflow);
	seq_buf_printf(&s, "!");
	EXPECT(s.overflow);
	EXPECT_STREQ(mem, "hello");
	EXPECT(consistent(&s, mem, sizeof(mem)));
}

TEST(seq_buf, size_zero_writes_nothing)
{
	char mem[4];
	struct seq_buf s;

	memset(mem, CANARY, sizeof(mem));
	seq_buf_init(&s, mem, 0);
	seq_buf_printf(&s, "x");
	EXPECT(s.overflow);
	EXPECT_EQ_INT(s.len, 0);
	for (size_t i = 0; i < sizeof(mem); i++)
		EXPECT_EQ_INT(mem[i], CANARY);
}

static uint64_t rng_state = 0x243f6a8885a308d3ULL;

static unsigned int pick(unsigned int n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned int)(rng_state % n);
}

/* Random appends into random sizes: the buffer is always the model's first size - 1 bytes. */
TEST(seq_buf, random_appends_match_model)
{
	char mem[64], model[1024];

	for (int round = 0; round < 2000; round++) {
		size_t size = 1 + pick(48), total = 0;
		struct seq_buf s;

		memset(mem, CANARY, sizeof(mem));
		seq_buf_init(&s, mem, size);
		for (int i = 0; i < 8; i++) {
			int letters = (int)pick(7), v = (int)pick(100000) - 50000;

			seq_buf_printf(&s, "%.*s%d", letters, "abcdef", v);
			total += (size_t)snprintf(model + total, sizeof(model) - total, "%.*s%d",
						  letters, "abcdef", v);

			size_t kept = total < size - 1 ? total : size - 1;
			EXPECT_MSG(s.len == kept && !memcmp(mem, model, kept),
				   "size %zu after \"%.*s\": \"%s\"", size, (int)total, model, mem);
			EXPECT_MSG(s.overflow == (total > size - 1),
				   "size %zu, %zu bytes: overflow %d", size, total, s.overflow);
			EXPECT(consistent(&s, mem, sizeof(mem)));
		}
	}
}

/* Each line goes out as one printk at the given level; a last partial line too. */
TEST(seq_buf, printk_splits_lines)
{
	char mem[64];
	struct seq_buf s;

	seq_buf_init(&s, mem, sizeof(mem));
	seq_buf_printf(&s, "line %d\nline %d\n", 1, 2);
	printk_clear();
	seq_buf_printk(&s, KERN_INFO);
	EXPECT_STREQ(printk_output(), "<6>line 1\n<6>line 2\n");

	seq_buf_printf(&s, "tail");
	printk_clear();
	seq_buf_printk(&s, KERN_ERR);
	EXPECT_STREQ(printk_output(), "<3>line 1\n<3>line 2\n<3>tail\n");
}

TEST(seq_buf, printk_empty_blank_and_percent)
{
	char mem[32];
	struct seq_buf s;

	seq_buf_init(&s, mem, sizeof(mem));
	printk_clear();
	seq_buf_printk(&s, KERN_INFO);
	EXPECT_STREQ(printk_output(), "");

	seq_buf_printf(&s, "\n\n100%%\n");
	seq_buf_printk(&s, KERN_WARNING);
	EXPECT_STREQ(printk_output(), "<4>\n<4>\n<4>100%\n");
}

/* An overflowed buffer prints what it kept, ending with the cut-off line. */
TEST(seq_buf, printk_after_overflow)
{
	char mem[10];
	struct seq_buf s;

	seq_buf_init(&s, mem, sizeof(mem));
	seq_buf_printf(&s, "one\ntwo three\n");
	EXPECT(s.overflow);
	printk_clear();
	seq_buf_printk(&s, KERN_INFO);
	EXPECT_STREQ(printk_output(), "<6>one\n<6>two t\n");
}
