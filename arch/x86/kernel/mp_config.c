/*
 * arch/x86/kernel/mp_config.c: mp_config, the list of CPUs and interrupt controllers
 * the firmware gives, and find_smp_config(), which fills it from the ACPI MADT
 * (acpi.c), else from the Intel MP table (mpparse.c), else as one CPU on the 8259.
 *
 * The parsers report what they read through the mp_register_*() calls, which treat
 * every value as hostile. CPUs are gathered in firmware order (at most 255 distinct
 * xAPIC ids) and mp_config_finish() puts the boot CPU first and keeps NR_CPUS.
 */
#include <asm/acpi.h>
#include <asm/mpspec.h>
#include <asm/processor.h>
#include <kspace/errno.h>
#include <kspace/printk.h>
#include <kspace/string.h>

struct mp_config mp_config;

static u8 listed_apicid[BAD_APICID]; /* enabled CPUs in table order, each id once */
static int nr_listed;
static u32 apicid_seen[256 / 32];

void mp_config_reset(struct mp_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	for (int irq = 0; irq < NR_ISA_IRQS; irq++)
		cfg->isa_irq_gsi[irq] = irq;
	memset(apicid_seen, 0, sizeof(apicid_seen));
	nr_listed = 0;
}

void mp_register_lapic(struct mp_config *cfg, u32 apicid, bool enabled)
{
	(void)cfg; /* the ids wait in listed_apicid[] until mp_config_finish() */
	if (!enabled)
		return; /* a socket the firmware lists but did not start: not a possible CPU */
	if (apicid >= BAD_APICID) {
		pr_warn("APIC: CPU with APIC id 0x%x ignored: not an xAPIC id\n", apicid);
		return;
	}
	if (apicid_seen[apicid / 32] & (1u << (apicid % 32))) {
		pr_warn("APIC: duplicate APIC id 0x%x ignored\n", apicid);
		return;
	}
	apicid_seen[apicid / 32] |= 1u << (apicid % 32);
	listed_apicid[nr_listed++] = apicid;
}

void mp_register_ioapic(struct mp_config *cfg, u8 id, u32 addr, u32 gsi_base)
{
	if (!addr) {
		pr_warn("IOAPIC: apic_id %d at address 0 ignored\n", id);
		return;
	}
	for (int i = 0; i < cfg->nr_ioapics; i++)
		if (cfg->ioapic[i].apic_id == id || cfg->ioapic[i].addr == addr) {
			pr_warn("IOAPIC: apic_id %d at 0x%08x ignored: id or address already in use\n",
				id, addr);
			return;
		}
	if (cfg->nr_ioapics == MAX_IO_APICS) {
		pr_warn("IOAPIC: more than %d IOAPICs: apic_id %d ignored\n", MAX_IO_APICS, id);
		return;
	}
	cfg->ioapic[cfg->nr_ioapics] = (struct mp_ioapic){ id, addr, gsi_base };
	pr_info("IOAPIC[%d]: apic_id %d, address 0x%08x, GSI %u\n", cfg->nr_ioapics, id, addr,
		gsi_base);
	cfg->nr_ioapics++;
}

void mp_override_isa_irq(struct mp_config *cfg, u32 irq, u32 gsi, u16 flags)
{
	if (irq >= NR_ISA_IRQS) {
		pr_warn("IOAPIC: ISA IRQ %u does not exist: routing ignored\n", irq);
		return;
	}
	cfg->isa_irq_gsi[irq] = gsi;
	cfg->isa_irq_flags[irq] = flags & (MP_IRQPOL_MASK | MP_IRQTRIG_MASK);
}

static bool apicid_listed(u32 apicid)
{
	return apicid < BAD_APICID && (apicid_seen[apicid / 32] & (1u << (apicid % 32)));
}

int mp_config_finish(struct mp_config *cfg, u32 boot_apicid)
{
	int n = 0;

	if (!nr_listed) {
		pr_warn("APIC: the table lists no usable CPU\n");
		return -EINVAL;
	}
	cfg->nr_cpus = nr_listed;
	if (boot_apicid < BAD_APICID) {
		cfg->cpu_apicid[n++] = boot_apicid;
		if (!apicid_listed(boot_apicid)) { /* it runs all the same */
			pr_warn("APIC: BIOS bug: the boot CPU (APIC id 0x%x) is not listed\n",
				boot_apicid);
			cfg->nr_cpus++;
		}
	}
	for (int i = 0; i < nr_listed; i++) {
		if (listed_apicid[i] == boot_apicid)
			continue;
		if (n == NR_CPUS) {
			pr_warn("APIC: NR_CPUS/possible_cpus limit of %d reached. Processor %d/0x%x ignored.\n",
				NR_CPUS, i, listed_apicid[i]);
			continue;
		}
		cfg->cpu_apicid[n++] = listed_apicid[i];
	}
	return 0;
}

void smp_read_config(struct mp_config *cfg, u32 boot_apicid)
{
	mp_config_reset(cfg);
	if (!acpi_disabled && !acpi_boot_init(cfg) && !mp_config_finish(cfg, boot_apicid)) {
		cfg->source = "ACPI MADT";
		pr_info("ACPI: Using ACPI (MADT) for SMP configuration information\n");
		return;
	}
	mp_config_reset(cfg);
	if (!mpparse_find(cfg) && !mp_config_finish(cfg, boot_apicid)) {
		cfg->source = "MP table";
		return;
	}
	mp_config_reset(cfg);
	cfg->nr_cpus = 1;
	cfg->cpu_apicid[0] = boot_apicid < BAD_APICID ? boot_apicid : 0;
	pr_info("smpboot: no MADT or MP table: one CPU, on the 8259 PIC\n");
}

/* The boot CPU's initial APIC id (CPUID leaf 1, EBX bits 31-24): only with a local APIC. */
static u32 boot_cpu_apicid(void)
{
	u32 max, a, b, c, d;

	if (!boot_cpu_data.has_cpuid || !cpu_has(X86_FEATURE_APIC))
		return BAD_APICID;
	cpuid(0, &max, &b, &c, &d);
	if (max < 1)
		return BAD_APICID;
	cpuid(1, &a, &b, &c, &d);
	return b >> 24;
}

void find_smp_config(void)
{
	struct mp_config *cfg = &mp_config;

	smp_read_config(cfg, boot_cpu_apicid());
	if (!cfg->source)
		return;
	pr_info("smpboot: %d CPU%s in the %s, local APIC at 0x%08x, %d IOAPIC%s; APIC ids:",
		cfg->nr_cpus, cfg->nr_cpus == 1 ? "" : "s", cfg->source, cfg->lapic_addr,
		cfg->nr_ioapics, cfg->nr_ioapics == 1 ? "" : "s");
	for (int i = 0; i < cfg->nr_cpus && i < NR_CPUS; i++)
		pr_cont(" %d", cfg->cpu_apicid[i]);
	pr_cont("\n");
}
