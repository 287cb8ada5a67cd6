/* tests/fuzz/setup_selftest_kernel.c: kernel/selftest.c, with selftest= and crash= read and reset. */
#include "../../kernel/selftest.c"
#include "setup_kernel.h"

void fuzz_selftest_reset(void)
{
	memset(selftest_prefix, 0, sizeof(selftest_prefix));
	memset(crash_name, 0, sizeof(crash_name));
	selftest_filter = NULL;
	crash_kind = NULL;
}

const char *fuzz_selftest_filter(void)
{
	return selftest_filter;
}

const char *fuzz_crash_kind(void)
{
	return crash_kind;
}

bool fuzz_crashtest_exists(const char *name)
{
	return find_crashtest(name);
}
