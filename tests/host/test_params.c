/*
 * tests/host/test_params.c: command-line parsing (kernel/params.c) over a table of
 * params defined here: which words reach which handler with which value, the
 * warnings for unknown words and bad values, and a command line left as it was.
 */
#include <stdio.h>
#include <string.h>

#include "kapi.h"
#include "test.h"

static char calls[512]; /* "name(value) " for each handler call, in order */

static int record(const char *name, const char *value)
{
	size_t n = strlen(calls);

	snprintf(calls + n, sizeof(calls) - n, "%s(%s) ", name, value);
	return 0;
}

static int quiet_setup(const char *value)
{
	return record("quiet", value);
}

static int loglevel_setup(const char *value)
{
	return record("loglevel", value);
}

static int console_setup(const char *value)
{
	return record("console", value);
}

static int bad_setup(const char *value)
{
	record("bad", value);
	return -EINVAL;
}

static const struct kernel_param params[] = {
	{ "quiet", quiet_setup },
	{ "loglevel=", loglevel_setup },
	{ "console=", console_setup },
	{ "bad=", bad_setup },
};

/* Parse a copy of cmdline with params; false if the copy does not come back unchanged. */
static bool parse(const char *cmdline)
{
	char buf[256];

	strcpy(buf, cmdline);
	calls[0] = '\0';
	printk_clear();
	parse_args(buf, params, params + ARRAY_SIZE(params), NULL);
	return !strcmp(buf, cmdline);
}

TEST(params, values_passed_exactly)
{
	EXPECT(parse("loglevel=7 console=ttyS0,115200"));
	EXPECT_STREQ(calls, "loglevel(7) console(ttyS0,115200) ");
	EXPECT_STREQ(printk_output(), "");
}

TEST(params, value_may_be_empty_or_hold_equals)
{
	EXPECT(parse("console= console=a=b loglevel=="));
	EXPECT_STREQ(calls, "console() console(a=b) loglevel(=) ");
	EXPECT_STREQ(printk_output(), "");
}

TEST(params, flag_matches_only_exactly)
{
	EXPECT(parse("quiet"));
	EXPECT_STREQ(calls, "quiet() ");
	EXPECT(parse("quietx quiet=1 Quiet"));
	EXPECT_STREQ(calls, "");
	EXPECT_STREQ(printk_output(), "<4>Unknown kernel command line parameter \"quietx\"\n"
				      "<4>Unknown kernel command line parameter \"quiet=1\"\n"
				      "<4>Unknown kernel command line parameter \"Quiet\"\n");
}

/* A value param's name includes its '=': without it, or with more letters, it is unknown. */
TEST(params, value_name_needs_its_equals)
{
	EXPECT(parse("loglevel loglevelx=3 xloglevel=3"));
	EXPECT_STREQ(calls, "");
	EXPECT_STREQ(printk_output(), "<4>Unknown kernel command line parameter \"loglevel\"\n"
				      "<4>Unknown kernel command line parameter \"loglevelx=3\"\n"
				      "<4>Unknown kernel command line parameter \"xloglevel=3\"\n");
}

TEST(params, extra_spaces_are_ignored)
{
	EXPECT(parse("   quiet    loglevel=3  "));
	EXPECT_STREQ(calls, "quiet() loglevel(3) ");
	EXPECT_STREQ(printk_output(), "");
	EXPECT(parse(" console=tty0"));
	EXPECT_STREQ(calls, "console(tty0) ");
}

TEST(params, empty_command_line)
{
	EXPECT(parse(""));
	EXPECT(parse("     "));
	EXPECT_STREQ(calls, "");
	EXPECT_STREQ(printk_output(), "");
}

/* A handler's error is reported with the whole word, and parsing goes on. */
TEST(params, bad_value_warns)
{
	EXPECT(parse("bad=3 quiet bad="));
	EXPECT_STREQ(calls, "bad(3) quiet() bad() ");
	EXPECT_STREQ(printk_output(), "<4>Bad value in kernel command line parameter \"bad=3\"\n"
				      "<4>Bad value in kernel command line parameter \"bad=\"\n");
}

TEST(params, unknown_words_warn_in_order)
{
	EXPECT(parse("nosuch quiet foo=bar loglevel=1 ="));
	EXPECT_STREQ(calls, "quiet() loglevel(1) ");
	EXPECT_STREQ(printk_output(), "<4>Unknown kernel command line parameter \"nosuch\"\n"
				      "<4>Unknown kernel command line parameter \"foo=bar\"\n"
				      "<4>Unknown kernel command line parameter \"=\"\n");
}

/* Words are cut only while their handler runs: afterwards the line reads as before. */
TEST(params, command_line_unchanged)
{
	static const char *const lines[] = {
		"quiet loglevel=7 console=ttyS0 bad=1 unknown",
		"  spaced   out  ",
		"selftest=kallsyms quiet",
		"x",
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		EXPECT_MSG(parse(lines[i]), "\"%s\" changed by parsing", lines[i]);
}

/* An empty table claims nothing: every word is reported. */
TEST(params, empty_table)
{
	char buf[] = "quiet loglevel=3";

	printk_clear();
	parse_args(buf, params, params, NULL);
	EXPECT_STREQ(buf, "quiet loglevel=3");
	EXPECT_STREQ(printk_output(), "<4>Unknown kernel command line parameter \"quiet\"\n"
				      "<4>Unknown kernel command line parameter \"loglevel=3\"\n");
}
