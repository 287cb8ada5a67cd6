/*
 * arch/x86/kernel/mp_config_test.c: what find_smp_config() left in mp_config on this
 * machine holds together: the boot CPU first, distinct ids, NR_CPUS respected, sane
 * controller addresses, and no early_memremap() window left mapped.
 */
#include <asm/early_ioremap.h>
#include <asm/mpspec.h>
#include <asm/processor.h>
#include <kspace/printk.h>
#include <kspace/selftest.h>

SELFTEST(firmware_mp_config_consistent)
{
	const struct mp_config *c = &mp_config;
	int kept = c->nr_cpus < NR_CPUS ? c->nr_cpus : NR_CPUS;
	u32 a, b, cx, d;

	pr_info("mp_config: %s, %d CPUs, %d IOAPICs\n", c->source ? c->source : "none",
		c->nr_cpus, c->nr_ioapics);
	EXPECT(early_memremap_in_use() == 0);
	EXPECT(c->nr_cpus >= 1);
	for (int i = 0; i < kept; i++)
		for (int j = 0; j < i; j++)
			EXPECT(c->cpu_apicid[i] != c->cpu_apicid[j]);
	if (c->source && cpu_has(X86_FEATURE_APIC)) {
		cpuid(1, &a, &b, &cx, &d);
		EXPECT(c->cpu_apicid[0] == b >> 24); /* the CPU running this: the boot CPU */
		EXPECT(c->lapic_addr && !(c->lapic_addr & 0xfff));
	}
	EXPECT(c->nr_ioapics <= MAX_IO_APICS);
	for (int i = 0; i < c->nr_ioapics; i++)
		EXPECT(c->ioapic[i].addr && !(c->ioapic[i].addr & 0x3ff));
	return 0;
}
