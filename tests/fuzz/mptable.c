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
#include "mp_model.h"

static const uint8_t entry_len[5] = { 20, 8, 8, 8, 8 };

struct model {
	struct mp_model mp;
	bool isa[256]; /* bus ids named ISA */
};

static void model_ioapic(struct mp_model *m, const uint8_t *e)
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

static void model_intsrc(struct mp_model *m, const bool *isa, const uint8_t *e)
{
	if (e[1] != 0 || !isa[e[4]])
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
		mp_model_cpu(&m->mp, e[3] & 1, e[1]);
		break;
	case 1:
		if (!memcmp(e + 2, "ISA", 3))
			m->isa[e[1]] = true;
		break;
	case 2:
		model_ioapic(&m->mp, e);
		break;
	case 3:
		model_intsrc(&m->mp, m->isa, e);
		break;
	}
}

static void model_read(struct model *m, const uint8_t *t, size_t size)
{
	uint32_t len = size >= 6 ? t[4] | t[5] << 8 : 0;

	memset(m->isa, 0, sizeof(m->isa));
	mp_model_init(&m->mp);
	if (size < 44 || memcmp(t, "PCMP", 4) || len < 44 || len > size || (t[6] != 1 && t[6] != 4))
		return;
	m->mp.lapic = rd32(t + 36);
	for (uint32_t off = 44; off < len; off += entry_len[t[off]]) {
		if (t[off] >= sizeof(entry_len) || len - off < entry_len[t[off]])
			return;
		model_entry(m, t + off);
	}
	m->mp.ok = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct model m;

	model_read(&m, data, size);
	mp_model_run(mp_parse_config_table, &m.mp, data, size);
	return 0;
}
