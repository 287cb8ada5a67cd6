/*
 * tests/fuzz/madt.c: the ACPI MADT parser (arch/x86/kernel/acpi.c) and what it
 * registers in mp_config (mp_config.c), then mp_config_finish() for boot CPU 0.
 *
 * Input: the table's bytes, header included (its checksum is the caller's check, so
 * it is not required). The parser gets an exact-size heap copy: ASan sees any read
 * past it. Seeds: SeaBIOS's MADT under QEMU -smp 1, 4 and 8 (see madt.README).
 *
 * Checked against the harness's own reading of the table: accepted exactly when the
 * header length is sane and every entry has a length of at least 2, fits in the table
 * and is as long as its type needs; then the CPUs (enabled, distinct, below 0xff, in
 * table order, boot CPU first, NR_CPUS kept and all counted), the LAPIC address
 * (0 means 0xfee00000; a later override below 4 GiB wins), the IOAPICs (non-zero
 * address, no repeated id or address, at most MAX_IO_APICS) and the ISA IRQ routes.
 */
#include "mp_model.h"

#include <asm/acpi.h>

static const uint8_t min_len[10] = { 8, 12, 10, 0, 6, 12 };

static void model_ioapic(struct mp_model *m, const uint8_t *e)
{
	uint32_t addr = rd32(e + 4);

	if (!addr)
		return;
	for (int i = 0; i < m->nr_ioapics; i++)
		if (m->ioapic[i].apic_id == e[2] || m->ioapic[i].addr == addr)
			return;
	if (m->nr_ioapics < MAX_IO_APICS)
		m->ioapic[m->nr_ioapics++] = (struct mp_ioapic){ e[2], addr, rd32(e + 8) };
}

static void model_entry(struct mp_model *m, const uint8_t *e)
{
	uint64_t a;

	switch (e[0]) {
	case 0:
		mp_model_cpu(m, rd32(e + 4) & 1, e[3]);
		break;
	case 1:
		model_ioapic(m, e);
		break;
	case 2:
		if (e[2] == 0 && e[3] < NR_ISA_IRQS) {
			m->gsi[e[3]] = rd32(e + 4);
			m->flags[e[3]] = (e[8] | e[9] << 8) & 0xf;
		}
		break;
	case 5:
		memcpy(&a, e + 4, 8);
		if (!(a >> 32))
			m->lapic = a;
		break;
	}
}

static void model_read(struct mp_model *m, const uint8_t *t, size_t size)
{
	uint32_t len = size >= 8 ? rd32(t + 4) : 0;

	mp_model_init(m);
	if (size < 44 || len < 44 || len > size)
		return;
	m->lapic = rd32(t + 36) ? rd32(t + 36) : 0xfee00000;
	for (uint32_t off = 44; off < len; off += t[off + 1]) {
		if (len - off < 2 || t[off + 1] < 2 || t[off + 1] > len - off)
			return;
		if (t[off] < sizeof(min_len) && t[off + 1] < min_len[t[off]])
			return;
		model_entry(m, t + off);
	}
	m->ok = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mp_model m;

	model_read(&m, data, size);
	mp_model_run(acpi_parse_madt, &m, data, size);
	return 0;
}
