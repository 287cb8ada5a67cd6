/* kernel/printk_test.c: self-tests for printk levels, continuation lines and the log buffer. */
#include <kspace/printk.h>
#include <kspace/selftest.h>
#include <kspace/string.h>

static char log_copy[LOG_BUF_LEN];

/* Whether the log's last len bytes contain needle. */
static bool log_tail_contains(const char *needle)
{
	size_t n = log_buf_read(log_copy, sizeof(log_copy) - 1);
	size_t len = strlen(needle);

	log_copy[n] = '\0';
	for (size_t i = 0; i + len <= n; i++)
		if (!memcmp(log_copy + i, needle, len))
			return true;
	return false;
}

SELFTEST(printk_levels_in_log)
{
	printk(KERN_DEBUG "printk-test debug line\n");
	EXPECT(log_tail_contains("<7>["));
	EXPECT(log_tail_contains("] printk-test debug line\n"));
	printk("printk-test default level\n");
	EXPECT(log_tail_contains("<4>["));
	return 0;
}

SELFTEST(printk_continuation)
{
	printk(KERN_INFO "printk-test a");
	pr_cont("b");
	pr_cont("c\n");
	EXPECT(log_tail_contains("] printk-test abc\n"));
	return 0;
}

SELFTEST(printk_returns_length)
{
	EXPECT(printk(KERN_DEBUG "%s-%d\n", "printk-test", 42) == 3 + 15);
	return 0;
}

SELFTEST(vsprintf_64bit_in_kernel)
{
	char buf[32];

	/* 64-bit division comes from libgcc: make sure it is linked and right. */
	snprintf(buf, sizeof(buf), "%llu", 18446744073709551615ULL);
	EXPECT(!strcmp(buf, "18446744073709551615"));
	snprintf(buf, sizeof(buf), "%lld|%08x", -9223372036854775807LL - 1, 0xbeefu);
	EXPECT(!strcmp(buf, "-9223372036854775808|0000beef"));
	return 0;
}
