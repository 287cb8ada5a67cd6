/*
 * tests/fuzz/setup.c: the kernel's real __setup handlers on hostile values. The
 * handlers' own files are linked (kernel/printk.c, selftest.c, main.c, fault_inject.c,
 * bench.c, mm/slab_debug.c, mm/page_poison.c), their table gathered from the section
 * tests/fuzz/setup_section.h names.
 *
 * Input: a command line. Each space-separated word that a handler's name claims (as
 * parse_args() matches: "name=" a prefix, a flag the whole word) goes to that handler,
 * its value copied to a buffer of exactly its length, so that AddressSanitizer sees a
 * read past the NUL. Every setting starts from its boot-time value. Checked:
 *  - a handler returns 0 or a negative errno;
 *  - a refused value leaves every setting as it was;
 *  - an accepted one leaves the settings within the kernel's rules: loglevel 0..8,
 *    at most four consoles each ttyS0 or tty0, the init= path and the selftest= prefix
 *    are the value, shorter than their buffers, a crash= name is a crash test, the
 *    fault_attr ranges (interval >= 1, probability 0..100, times -1 or 0..INT_MAX),
 *    and fail_page_alloc= and failslab= set the four numbers given, fail_task= is the
 *    value, shorter than TASK_COMM_LEN, and fail_seed= is the PRNG's state, never 0.
 */
#include <string.h>

#include "../host/kapi.h"
#include "fuzz.h"

#include <kspace/fault-inject.h>
#include <kspace/page_poison.h>
#include <kspace/slab_debug.h>

#include "setup_kernel.h"

extern const struct kernel_param __start_fuzz_setup[], __stop_fuzz_setup[];

bool bench_requested(void);

/* Every setting the handlers keep, as one string: equal strings, equal settings. */
static void settings(char *buf, size_t size)
{
	const char(*cons)[16];
	int ncons = fuzz_wanted_consoles(&cons);
	const struct fault_attr *a = &fail_page_alloc, *s = &failslab;
	int n = snprintf(buf, size, "loglevel=%d consoles=%d", console_loglevel, ncons);

	for (int i = 0; i < ncons; i++)
		n += snprintf(buf + n, size - n, ",%s", cons[i]);
	snprintf(buf + n, size - n,
		 " selftest=%s crash=%s init=%s fail_page_alloc=%d:%lu,%u,%lu,%ld failslab=%d:%lu,%u,%lu,%ld"
		 " fail_task=%s highmem=%d seed=%u bench=%d slub_debug=%d page_poison=%d",
		 fuzz_selftest_filter() ? fuzz_selftest_filter() : "(none)",
		 fuzz_crash_kind() ? fuzz_crash_kind() : "(none)", fuzz_init_filename(), a->enabled,
		 a->interval, a->probability, a->space, a->times, s->enabled, s->interval,
		 s->probability, s->space, s->times, fuzz_fail_comm(), fail_page_alloc_highmem,
		 fuzz_prng_state(), bench_requested(), slub_debug, page_poisoning);
}

static void reset(void)
{
	fuzz_printk_reset();
	fuzz_selftest_reset();
	fuzz_main_reset();
	fuzz_fault_inject_reset();
	fuzz_bench_reset();
	slub_debug = false;
	page_poisoning = false;
}

static void check_attr(const struct fault_attr *attr)
{
	FUZZ_CHECK(!attr->enabled || (attr->interval >= 1 && attr->probability <= 100 &&
				      attr->times >= -1 && attr->times <= 0x7fffffffL),
		   "%s: interval %lu probability %u times %ld", attr->name, attr->interval,
		   attr->probability, attr->times);
}

/* What holds after any handler, accepted or not. */
static void check_settings(void)
{
	const char(*cons)[16];
	int ncons = fuzz_wanted_consoles(&cons);

	FUZZ_CHECK(console_loglevel >= 0 && console_loglevel <= 8, "loglevel %d", console_loglevel);
	FUZZ_CHECK(ncons >= 0 && ncons <= 4, "%d consoles", ncons);
	for (int i = 0; i < ncons; i++)
		FUZZ_CHECK(!strcmp(cons[i], "ttyS0") || !strcmp(cons[i], "tty0"), "console \"%.16s\"",
			   cons[i]);
	FUZZ_CHECK(*fuzz_init_filename() && strlen(fuzz_init_filename()) < 128, "init \"%s\"",
		   fuzz_init_filename());
	FUZZ_CHECK(!fuzz_selftest_filter() || strlen(fuzz_selftest_filter()) < 64, "selftest= too long");
	FUZZ_CHECK(!fuzz_crash_kind() || fuzz_crashtest_exists(fuzz_crash_kind()),
		   "crash=%s names no crash test", fuzz_crash_kind());
	check_attr(&fail_page_alloc);
	check_attr(&failslab);
	FUZZ_CHECK(strlen(fuzz_fail_comm()) < 16 /* TASK_COMM_LEN */, "fail_task too long");
	FUZZ_CHECK(fuzz_prng_state(), "the fault PRNG's state is 0: it stays 0 forever");
}

/* An accepted "interval,probability,space,times" (digits, times also -1) is what was set. */
static void check_attr_value(const struct fault_attr *attr, const char *value)
{
	char *end;
	unsigned long interval = strtoul(value, &end, 10);
	unsigned long probability = strtoul(end + 1, &end, 10);
	unsigned long space = strtoul(end + 1, &end, 10);
	long times = strtol(end + 1, NULL, 10);

	FUZZ_CHECK(attr->enabled && attr->interval == interval && attr->probability == probability &&
			   attr->space == space && attr->times == times,
		   "%s=%s set %d:%lu,%u,%lu,%ld", attr->name, value, attr->enabled, attr->interval,
		   attr->probability, attr->space, attr->times);
}

/* What an accepted value must have set. */
static void check_accepted(const char *name, const char *value)
{
	if (!strcmp(name, "init="))
		FUZZ_CHECK(!strcmp(fuzz_init_filename(), value), "init=%s took \"%s\"", value,
			   fuzz_init_filename());
	else if (!strcmp(name, "selftest=") || !strcmp(name, "selftest"))
		FUZZ_CHECK(!strcmp(fuzz_selftest_filter(), value), "selftest=%s", value);
	else if (!strcmp(name, "crash="))
		FUZZ_CHECK(!strcmp(fuzz_crash_kind(), value), "crash=%s", value);
	else if (!strcmp(name, "fail_task="))
		FUZZ_CHECK(!strcmp(fuzz_fail_comm(), value), "fail_task=%s took \"%s\"", value,
			   fuzz_fail_comm());
	else if (!strcmp(name, "loglevel="))
		FUZZ_CHECK(console_loglevel == value[0] - '0' && !value[1], "loglevel=%s", value);
	else if (!strcmp(name, "fail_page_alloc="))
		check_attr_value(&fail_page_alloc, value);
	else if (!strcmp(name, "failslab="))
		check_attr_value(&failslab, value);
	else if (!strcmp(name, "fail_seed="))
		FUZZ_CHECK(fuzz_prng_state() == strtoul(value, NULL, 10), "fail_seed=%s gave %u", value,
			   fuzz_prng_state());
	else if (!strcmp(name, "page_poison="))
		FUZZ_CHECK(page_poisoning == (!strcmp(value, "1") || !strcmp(value, "on") ||
					      !strcmp(value, "y")),
			   "page_poison=%s gave %d", value, page_poisoning);
}

static const struct kernel_param *claimer(const char *word, size_t len)
{
	for (const struct kernel_param *p = __start_fuzz_setup; p < __stop_fuzz_setup; p++) {
		size_t n = strlen(p->name);

		if (p->name[n - 1] == '=' ? len >= n && !memcmp(word, p->name, n)
					  : len == n && !memcmp(word, p->name, n))
			return p;
	}
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char before[2048], after[2048];
	size_t len = size < COMMAND_LINE_SIZE - 1 ? size : COMMAND_LINE_SIZE - 1;
	const char *line = (const char *)data;

	FUZZ_CHECK(__stop_fuzz_setup - __start_fuzz_setup == 15, "%zd handlers linked, not 15",
		   __stop_fuzz_setup - __start_fuzz_setup);
	reset();
	for (size_t i = 0; i < len;) {
		size_t n = 0;

		while (i + n < len && line[i + n] && line[i + n] != ' ')
			n++;
		if (i + n < len && !line[i + n])
			len = i + n; /* the line ends at its first NUL, as the copied one does */
		const struct kernel_param *p = claimer(line + i, n);
		if (p) {
			size_t name_len = strlen(p->name);
			size_t vlen = n - name_len;
			char *value = malloc(vlen + 1); /* exactly the value and its NUL */

			memcpy(value, line + i + name_len, vlen);
			value[vlen] = '\0';
			settings(before, sizeof(before));
			int rc = p->setup(value);
			settings(after, sizeof(after));
			FUZZ_CHECK(rc == 0 || (rc < 0 && rc >= -4095), "%s%s returned %d", p->name,
				   value, rc);
			if (rc)
				FUZZ_CHECK(!strcmp(before, after),
					   "%s%s refused (%d) but changed the settings:\n%s\n%s", p->name,
					   value, rc, before, after);
			else
				check_accepted(p->name, value);
			check_settings();
			free(value);
		}
		i += n + 1;
	}
	return 0;
}
