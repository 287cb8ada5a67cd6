/*
 * tests/fuzz/mptable.c: the Intel MP configuration-table parser (arch/x86/kernel/
 * mpparse.c) and what it registers in mp_config, then mp_config_finish() for boot
 * CPU 0.
 *
 * Input: the "PCMP" table's bytes (its checksum is the caller's check, so it is not
 * required), as an exact-size heap copy. Seeds: SeaBIOS's table under QEMU
 * -machine acpi=off at -smp 1, 4 and 8 (see mptable.README).
 *
 * Checked against the harness's own reading: accepted exactly when the signature,
 * the length (44 up to the input's size) and the version (1 or 4) are right and every
 * entry has a known type and fits; then the CPUs (enabled, distinct, below 0xff, boot
 * CPU first), the LAPIC address, the usable IOAPICs (24 GSIs each) and the routes of
 * vectored interrupts from buses named ISA to existing IOAPIC pins below 24.
 */
#include <stdbool.h>
#include <string.h>

#include "../host/kapi.h"
#include "fuzz.h"

#include <asm/mpspec.h>

static const uint8_t entry_len[5] = { 20, 8, 8, 8, 8 };

struct model {
	bool ok;
	uint32_t lapic;
	int nr_cpus;
	uint8_t cpus[256];
	bool isa[256];
	int nr_ioapics;
	struct mp_ioapic ioapic[MAX_IO_APICS];
	uint32_t gsi[NR_ISA_IRQS];
	uint16_t flags[NR_ISA_IRQS];
};

static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

static void model_ioapic(struct model *m, const uint8_t *e)
{
	uint32_t addr = rd32(e + 4);

	if (!(e[3] & 1) || !addr)
		return;
	for (int i = 0; i < m->nr_ioapics; i++)
		if (m->ioapic[i].apic_id == e[1] || m->ioapic[i].addr == addr)
			return;
	if (m->nr_ioapics < MAX_IO_APICS) {
		m->ioapic[m->nr_ioapics] = (struct mp_ioapic){ e[1], addr, 24 * m->nr_ioapics };
		m->nr_ioapics++;
	}
}

static void model_intsrc(struct model *m, const uint8_t *e)
{
	if (e[1] != 0 || !m->isa[e[4]])
		return;
	for (int i = 0; i < m->nr_ioapics; i++) {
		if (e[6] != 0xff && e[6] != m->ioapic[i].apic_id)
			continue;
		if (e[7] < 24 && e[5] < NR_ISA_IRQS) {
			m->gsi[e[5]] = m->ioapic[i].gsi_base + e[7];
			m->flags[e[5]] = e[2] & 0xf;
		}
		return;
	}
}

static void model_entry(struct model *m, const uint8_t *e)
{
	switch (e[0]) {
	case 0:
		if (!(e[3] & 1) || e[1] == 0xff)
			break;
		for (int i = 0; i < m->nr_cpus; i++)
			if (m->cpus[i] == e[1])
				return;
		m->cpus[m->nr_cpus++] = e[1];
		break;
	case 1:
		if (!memcmp(e + 2, "ISA", 3))
			m->isa[e[1]] = true;
		break;
	case 2:
		model_ioapic(m, e);
		break;
	case 3:
		model_intsrc(m, e);
		break;
	}
}

static void model_read(struct model *m, const uint8_t *t, size_t size)
{
	uint32_t len = size >= 6 ? t[4] | t[5] << 8 : 0;

	memset(m, 0, sizeof(*m));
	for (int i = 0; i < NR_ISA_IRQS; i++)
		m->gsi[i] = i;
	if (size < 44 || memcmp(t, "PCMP", 4) || len < 44 || len > size || (t[6] != 1 && t[6] != 4))
		return;
	m->lapic = rd32(t + 36);
	for (uint32_t off = 44; off < len; off += entry_len[t[off]]) {
		if (t[off] >= sizeof(entry_len) || len - off < entry_len[t[off]])
			return;
		model_entry(m, t + off);
	}
	m->ok = true;
}

static void check(const struct model *m, const struct mp_config *cfg)
{
	int boot_listed = 0, n = 1;

	FUZZ_CHECK(cfg->lapic_addr == m->lapic, "lapic 0x%x, model 0x%x", cfg->lapic_addr, m->lapic);
	for (int i = 0; i < m->nr_cpus; i++)
		boot_listed |= m->cpus[i] == 0;
	FUZZ_CHECK(cfg->nr_cpus == m->nr_cpus + !boot_listed, "%d CPUs, model %d", cfg->nr_cpus,
		   m->nr_cpus);
	FUZZ_CHECK(cfg->cpu_apicid[0] == 0, "boot CPU not first");
	for (int i = 0; i < m->nr_cpus && n < NR_CPUS; i++)
		if (m->cpus[i]) {
			FUZZ_CHECK(cfg->cpu_apicid[n] == m->cpus[i], "CPU %d: %d, model %d", n,
				   cfg->cpu_apicid[n], m->cpus[i]);
			n++;
		}
	FUZZ_CHECK(cfg->nr_ioapics == m->nr_ioapics, "%d IOAPICs, model %d", cfg->nr_ioapics,
		   m->nr_ioapics);
	FUZZ_CHECK(!memcmp(cfg->ioapic, m->ioapic, m->nr_ioapics * sizeof(m->ioapic[0])),
		   "IOAPIC list");
	for (int i = 0; i < NR_ISA_IRQS; i++)
		FUZZ_CHECK(cfg->isa_irq_gsi[i] == m->gsi[i] && cfg->isa_irq_flags[i] == m->flags[i],
			   "IRQ %d -> %u/%x, model %u/%x", i, cfg->isa_irq_gsi[i],
			   cfg->isa_irq_flags[i], m->gsi[i], m->flags[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mp_config cfg;
	static struct model m;
	uint8_t *copy = malloc(size ? size : 1);
	int err;

	memcpy(copy, data, size);
	printk_clear();
	mp_config_reset(&cfg);
	err = mp_parse_config_table(copy, size, &cfg);
	model_read(&m, data, size);
	FUZZ_CHECK(!err == m.ok, "parse %d, model %s", err, m.ok ? "valid" : "invalid");
	if (!err && !mp_config_finish(&cfg, 0))
		check(&m, &cfg);
	free(copy);
	return 0;
}
