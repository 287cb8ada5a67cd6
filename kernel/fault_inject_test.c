/*
 * kernel/fault_inject_test.c: self-tests of the fault_attr rules: the boot syntax
 * (Linux's "<interval>,<probability>,<space>,<times>") and the order in which space,
 * interval, probability and times decide a failure.
 */
#include <kspace/errno.h>
#include <kspace/fault-inject.h>
#include <kspace/selftest.h>

SELFTEST(fault_attr_syntax)
{
	struct fault_attr a = { .name = "test" };
	static const char *const bad[] = { "", "1", "1,2,3", "1,2,3,4,5", "0,1,0,1", "1,101,0,1",
					   "1,1,0,-2", "1,1,0,2147483648", "1,,0,1", "a,1,0,1",
					   "1,1,99999999999999999999,1", "1,1,0,1x", "-1,1,0,1" };

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT(setup_fault_attr(&a, bad[i]) == -EINVAL && !a.enabled);
	EXPECT(setup_fault_attr(&a, "10,100,4096,-1") == 0 && a.enabled);
	EXPECT(a.interval == 10 && a.probability == 100 && a.space == 4096 && a.times == -1);
	EXPECT(setup_fault_attr(&a, "1,0,0,2147483647") == 0 && a.times == 2147483647);
	return 0;
}

SELFTEST(fault_attr_interval_space_times)
{
	struct fault_attr a = { .name = "test" };
	int fails = 0;

	EXPECT(setup_fault_attr(&a, "3,100,8192,2") == 0);
	/* Linux's rule: a call passes while space is larger than it, and uses it up. */
	EXPECT(!__should_fail(&a, 4096) && a.space == 4096);
	/* From then on every third call fails, twice only. */
	EXPECT(!__should_fail(&a, 4096) && !__should_fail(&a, 4096) && __should_fail(&a, 4096));
	for (int i = 0; i < 30; i++)
		fails += __should_fail(&a, 4096);
	EXPECT(fails == 1 && a.times == 0 && a.injected == 2);
	EXPECT(setup_fault_attr(&a, "1,0,0,-1") == 0 && !__should_fail(&a, 1));
	return 0;
}

SELFTEST(fault_attr_probability)
{
	struct fault_attr a = { .name = "test" };
	int fails = 0;

	EXPECT(setup_fault_attr(&a, "1,25,0,-1") == 0);
	for (int i = 0; i < 4000; i++)
		fails += __should_fail(&a, 64);
	EXPECT(fails > 800 && fails < 1200); /* about a quarter */
	return 0;
}
