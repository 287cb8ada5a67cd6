/*
 * kernel/selftest.c: the self-test boot. "selftest" runs every test registered with
 * SELFTEST(); "selftest=NAME" runs the tests whose names start with NAME. Each test
 * prints one PASS or FAIL line, and the kernel then powers off with the number of
 * failures as its exit status, so QEMU's exit code tells the harness the result.
 *
 * "crash=KIND" deliberately takes a CPU exception in kernel mode, to show (and test)
 * the oops path: page_fault, divide_error, invalid_op, general_protection.
 */
#include <kspace/errno.h>
#include <kspace/init.h>
#include <kspace/kernel.h>
#include <kspace/selftest.h>
#include <kspace/string.h>

extern const struct selftest __selftests_start[], __selftests_end[];

static const char *selftest_filter; /* NULL: no self-test boot; "": all tests */
static const char *crash_kind;

static int selftest_setup(const char *value)
{
	selftest_filter = value;
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

int run_selftests(void)
{
	size_t filter_len = strlen(selftest_filter);
	int passed = 0, failed = 0;

	for (const struct selftest *t = __selftests_start; t < __selftests_end; t++) {
		if (strncmp(t->name, selftest_filter, filter_len))
			continue;
		if (t->fn() == 0) {
			printk(KERN_INFO "selftest: PASS %s\n", t->name);
			passed++;
		} else {
			printk(KERN_ERR "selftest: FAIL %s\n", t->name);
			failed++;
		}
	}
	printk(KERN_INFO "selftest: %d passed, %d failed\n", passed, failed);
	return failed;
}

/* Each crash is its own function so the oops names it as the faulting symbol. */
static __noinline void crash_page_fault(void)
{
	*(volatile int *)0x00001234 = 0x5a5a; /* user space, unmapped: a write fault from ring 0 */
}

static __noinline void crash_divide_error(void)
{
	/* In asm: gcc may legally turn a C division by zero into anything at all. */
	__asm__ __volatile__("divl %0" ::"r"(0), "a"(1), "d"(0));
}

static __noinline void crash_invalid_op(void)
{
	__asm__ __volatile__("ud2");
}

static __noinline void crash_general_protection(void)
{
	/* Loading a selector beyond the GDT limit raises #GP with that selector as error code. */
	__asm__ __volatile__("movl %0, %%ds" ::"r"(0x1f8) : "memory");
}

static const struct {
	const char *name;
	void (*fn)(void);
} crashes[] = {
	{ "page_fault", crash_page_fault },
	{ "divide_error", crash_divide_error },
	{ "invalid_op", crash_invalid_op },
	{ "general_protection", crash_general_protection },
};

static int crash_setup(const char *value)
{
	for (size_t i = 0; i < ARRAY_SIZE(crashes); i++)
		if (!strcmp(value, crashes[i].name)) {
			crash_kind = crashes[i].name;
			return 0;
		}
	return -EINVAL;
}
__setup("crash=", crash_setup);

void run_crashtest(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(crashes); i++)
		if (crash_kind == crashes[i].name) {
			printk(KERN_INFO "crashtest: %s\n", crash_kind);
			crashes[i].fn();
			panic("crashtest: %s did not crash", crash_kind);
		}
}
