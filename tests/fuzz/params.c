/*
 * tests/fuzz/params.c: the kernel command-line parser (kernel/params.c) on hostile
 * command lines, with a table of handlers under the kernel's own parameter names
 * (flags and name= forms, a name that is a prefix of another) that accept or refuse
 * values as the input decides.
 *
 * Input: the command line (at most COMMAND_LINE_SIZE - 1 bytes, as multiboot.c
 * copies it). Checked against the harness's own split of the line at spaces:
 *  - each word goes to the first handler whose name claims it, with the value that
 *    follows the name, NUL-terminated at the word's end and pointing into the line;
 *    no handler sees anything else;
 *  - every other word gets one "Unknown" warning and reaches init, in order: with
 *    '=' in its environment after the three defaults, else in argv[1...], until
 *    MAX_INIT_ARGS or the copy buffer is full, each dropped word with one warning;
 *    the vectors stay NULL-terminated;
 *  - a refused value gets one "Bad value" warning;
 *  - the line reads the same afterwards.
 */
#include <string.h>

#include "../host/kapi.h"
#include "fuzz.h"

#include <kspace/init.h>

void fuzz_params_reset(void);
void fuzz_parse_args(char *cmdline, const struct kernel_param *start,
		     const struct kernel_param *end);

#define MAX_WORDS COMMAND_LINE_SIZE

static char line[COMMAND_LINE_SIZE], copy[COMMAND_LINE_SIZE]; /* the line, and as it was */
static const char *line_start, *line_end;
static int calls;
static struct {
	int param;
	const char *value;
} seen[MAX_WORDS];

static int handle(int param, const char *value)
{
	FUZZ_CHECK(value >= line_start && value <= line_end, "value outside the command line");
	FUZZ_CHECK(calls < MAX_WORDS, "more handler calls than words");
	size_t end = value - line + strlen(value);
	FUZZ_CHECK(!strchr(value, ' ') && (copy[end] == ' ' || !copy[end]),
		   "the value does not end where its word does");
	seen[calls].param = param;
	seen[calls++].value = value;
	return value[0] == '!' ? -EINVAL : 0; /* a refused value */
}

#define HANDLER(i) static int handler_##i(const char *value) { return handle(i, value); }
HANDLER(0) HANDLER(1) HANDLER(2) HANDLER(3) HANDLER(4) HANDLER(5) HANDLER(6) HANDLER(7)

/* The kernel's __setup names; "selftest" before "selftest=" would never see a value. */
static const struct kernel_param params[] = {
	{ "console=", handler_0 }, { "loglevel=", handler_1 }, { "quiet", handler_2 },
	{ "selftest=", handler_3 }, { "selftest", handler_4 }, { "crash=", handler_5 },
	{ "init=", handler_6 },	   { "bench", handler_7 },
};
#define NR_PARAMS (int)(sizeof(params) / sizeof(params[0]))

static int claimer(const char *word, size_t len)
{
	for (int i = 0; i < NR_PARAMS; i++) {
		size_t n = strlen(params[i].name);
		bool takes_value = params[i].name[n - 1] == '=';

		if (takes_value ? len >= n && !memcmp(word, params[i].name, n)
				: len == n && !memcmp(word, params[i].name, n))
			return i;
	}
	return -1;
}

/* The warnings expected so far, in order, as the kernel's printk words them. */
static char expected[1 << 17];
static size_t expected_len;

static void expect_warning(const char *what, const char *word, size_t n, const char *tail)
{
	expected_len += snprintf(expected + expected_len, sizeof(expected) - expected_len,
				 "<4>%s \"%.*s\"%s\n", what, (int)n, word, tail);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size < COMMAND_LINE_SIZE - 1 ? size : COMMAND_LINE_SIZE - 1;
	int handled = 0, nargv = 0, nenvp = 3;
	size_t room = COMMAND_LINE_SIZE;

	memcpy(line, data, len);
	line[len] = '\0';
	len = strlen(line); /* the line ends at its first NUL, as the copied one does */
	memcpy(copy, line, len + 1);
	line_start = line;
	line_end = line + len;
	calls = 0;
	expected_len = 0;
	fuzz_params_reset();
	printk_clear();
	fuzz_parse_args(line, params, params + NR_PARAMS);
	FUZZ_CHECK(!memcmp(line, copy, len + 1), "the command line changed");

	for (const char *w = copy; *w;) {
		size_t n = strcspn(w, " ");
		if (!n) {
			w++;
			continue;
		}
		int p = claimer(w, n);
		if (p >= 0) {
			const char *value = line + (w - copy) + strlen(params[p].name);
			FUZZ_CHECK(handled < calls && seen[handled].param == p &&
					   seen[handled].value == value,
				   "word %zu: handler %d with value at %zd, expected %d at %zd",
				   (size_t)(w - copy), handled < calls ? seen[handled].param : -1,
				   handled < calls ? seen[handled].value - line : -1, p, value - line);
			if (value[0] == '!')
				expect_warning("Bad value in kernel command line parameter", w, n, "");
			handled++;
		} else {
			const char **vec = memchr(w, '=', n) ? envp_init : argv_init;
			int *i = vec == envp_init ? &nenvp : &nargv;
			int full = vec == envp_init ? *i >= MAX_INIT_ARGS : *i + 1 > MAX_INIT_ARGS;

			expect_warning("Unknown kernel command line parameter", w, n, "");
			if (full || n + 1 > room) {
				expect_warning("Too many kernel command line parameters for init:", w, n,
					       " dropped");
			} else {
				const char *got = vec == envp_init ? vec[*i] : vec[*i + 1];
				FUZZ_CHECK(got && strlen(got) == n && !memcmp(got, w, n),
					   "word %zu did not reach init", (size_t)(w - copy));
				room -= n + 1;
				(*i)++;
			}
		}
		w += n;
	}
	FUZZ_CHECK(handled == calls, "%d handler calls, %d claimed words", calls, handled);
	FUZZ_CHECK(!argv_init[nargv + 1] && !envp_init[nenvp], "init's vectors: %d and %d words",
		   nargv, nenvp);
	/* The log keeps its first 64 KiB: compare what it kept. */
	const char *log = printk_output();
	size_t kept = strlen(log);
	FUZZ_CHECK(kept <= expected_len && !memcmp(log, expected, kept) &&
			   (kept == expected_len || kept > (1 << 16) - 256),
		   "the warnings differ: expected\n%s\ngot\n%s", expected, log);
	return 0;
}
