/*
 * mm/oom_kill_test.c: the OOM killer's race with a victim on another CPU. A fault
 * whose allocation failed before a victim's memory came back must retry, not choose
 * again (at worst itself, as test-oom's parent was at -smp 4 on a loaded host).
 */
#include <kspace/oom.h>
#include <kspace/selftest.h>

SELFTEST(oom_retry_when_a_victim_was_reaped_since_the_allocation)
{
	/* No user process exists yet: choosing would find nobody and tell the caller to die. */
	EXPECT(!out_of_memory(oom_reaped()));
	EXPECT(out_of_memory(oom_reaped() - 1)); /* a victim's memory came back meanwhile */
	return 0;
}
