/*
 * kernel/selftest.c: the self-test boot. "selftest" runs every test registered with
 * SELFTEST(); "selftest=NAME" runs the tests whose names start with NAME. Each test
 * prints one PASS or FAIL line, and the kernel then powers off with the number of
 * failures as its exit status, so QEMU's exit code tells the harness the result.
 *
 * "crash=NAME" runs the CRASHTEST() of that name: something fatal done on purpose,
 * to show (and test) the oops and BUG paths. The CPU exceptions live here; the
 * allocators' BUG checks have theirs beside the code they check.
 */
#include <kspace/errno.h>
#include <kspace/init.h>
#include <kspace/kernel.h>
#include <kspace/selftest.h>
#include <kspace/string.h>

extern const struct selftest __selftests_start[], __selftests_end[];
extern const struct crashtest __crashtests_start[], __crashtests_end[];

/* Handlers copy their values: the command line is not theirs to keep. */
static char selftest_prefix[64], crash_name[64];
static const char *selftest_filter; /* NULL: no self-test boot; "": all tests */
static const char *crash_kind;

/* Too long is refused before the copy: an earlier selftest= must stay as it was. */
static int selftest_setup(const char *value)
{
	if (strlen(value) >= sizeof(selftest_prefix))
		return -EINVAL;
	strlcpy(selftest_prefix, value, sizeof(selftest_prefix));
	selftest_filter = selftest_prefix;
	return 0;
}
__setup("selftest=", selftest_setup);

static int selftest_all_setup(const char *value)
{
	return selftest_setup(value); /* value is "": every name matches */
}
__setup("selftest", selftest_all_setup);

bool selftest_requested(void)
{
	return selftest_filter || crash_kind;
}

/* The number of failures, or 1 if the filter named no test: a run that checked nothing failed. */
int run_selftests(void)
{
	size_t filter_len = strlen(selftest_filter);
	int passed = 0, failed = 0, skipped = 0;

	for (const struct selftest *t = __selftests_start; t < __selftests_end; t++) {
		if (strncmp(t->name, selftest_filter, filter_len))
			continue;
		int r = t->fn();
		if (r == 0) {
			printk(KERN_INFO "selftest: PASS %s\n", t->name);
			passed++;
		} else if (r == SELFTEST_SKIPPED) {
			printk(KERN_INFO "selftest: SKIP %s\n", t->name);
			skipped++;
		} else {
			printk(KERN_ERR "selftest: FAIL %s\n", t->name);
			failed++;
		}
	}
	printk(KERN_INFO "selftest: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
	if (!passed && !failed && !skipped) {
		printk(KERN_ERR "selftest: FAIL no self-test name starts with \"%s\"\n", selftest_filter);
		return 1;
	}
	return failed;
}

CRASHTEST(page_fault)
{
	*(volatile int *)0x00001234 = 0x5a5a; /* user space, unmapped: a write fault from ring 0 */
}

CRASHTEST(divide_error)
{
	/* In asm: gcc may legally turn a C division by zero into anything at all. */
	__asm__ __volatile__("divl %0" ::"r"(0), "a"(1), "d"(0));
}

CRASHTEST(invalid_op)
{
	__asm__ __volatile__("ud2");
}

CRASHTEST(general_protection)
{
	/* Loading a selector beyond the GDT limit raises #GP with that selector as error code. */
	__asm__ __volatile__("movl %0, %%ds" ::"r"(0x1f8) : "memory");
}

static const struct crashtest *find_crashtest(const char *name)
{
	for (const struct crashtest *c = __crashtests_start; c < __crashtests_end; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* The table is a linker section, complete before any code runs: check the name now. */
static int crash_setup(const char *value)
{
	if (!find_crashtest(value)) {
		pr_warn("crashtest: no crash test named \"%s\"\n", value);
		return -EINVAL;
	}
	strlcpy(crash_name, value, sizeof(crash_name)); /* names are short C identifiers */
	crash_kind = crash_name;
	return 0;
}
__setup("crash=", crash_setup);

void run_crashtest(void)
{
	const struct crashtest *c;

	if (!crash_kind)
		return;
	c = find_crashtest(crash_kind);
	printk(KERN_INFO "crashtest: %s\n", c->name);
	c->fn();
	panic("crashtest: %s did not crash", c->name);
}
