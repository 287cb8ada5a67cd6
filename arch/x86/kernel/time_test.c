/* arch/x86/kernel/time_test.c: the PIT really interrupts and jiffies really advance. */
#include <asm/irqflags.h>
#include <kspace/jiffies.h>
#include <kspace/selftest.h>

SELFTEST(jiffies_advance)
{
	unsigned long start = jiffies;

	/* Each hlt ends at the next interrupt; 20 of them must see at least 3 ticks. */
	for (int i = 0; i < 20 && jiffies - start < 3; i++)
		safe_halt();
	EXPECT(jiffies - start >= 3);
	EXPECT(sched_clock() >= (unsigned long long)jiffies * (1000000000ULL / HZ));
	return 0;
}
