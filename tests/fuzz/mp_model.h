/*
 * tests/fuzz/mp_model.h: what the MADT and MP-table harnesses expect mp_config to
 * hold, built by each harness's own reading of its table, and the check of the
 * parser's result against it (shared: both tables fill the same mp_config).
 */
#ifndef FUZZ_MP_MODEL_H
#define FUZZ_MP_MODEL_H

#include <stdbool.h>
#include <string.h>

#include "../host/kapi.h"
#include "fuzz.h"

#include <asm/mpspec.h>

struct mp_model {
	bool ok;
	uint32_t lapic;
	int nr_cpus;
	uint8_t cpus[256];
	int nr_ioapics;
	struct mp_ioapic ioapic[MAX_IO_APICS];
	uint32_t gsi[NR_ISA_IRQS];
	uint16_t flags[NR_ISA_IRQS];
};

static inline uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

/* Nothing read yet: no CPUs, ISA IRQs identity-mapped. */
static inline void mp_model_init(struct mp_model *m)
{
	memset(m, 0, sizeof(*m));
	for (int i = 0; i < NR_ISA_IRQS; i++)
		m->gsi[i] = i;
}

/* An enabled CPU's APIC id, once (0xff is no CPU). */
static inline void mp_model_cpu(struct mp_model *m, bool enabled, uint8_t apicid)
{
	if (!enabled || apicid == 0xff)
		return;
	for (int i = 0; i < m->nr_cpus; i++)
		if (m->cpus[i] == apicid)
			return;
	m->cpus[m->nr_cpus++] = apicid;
}

static inline void mp_model_check(const struct mp_model *m, const struct mp_config *cfg)
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

/* Parse a copy of the table (exact size: ASan sees overreads) and hold it to the model. */
static inline void mp_model_run(int (*parse)(const void *t, u32 len, struct mp_config *cfg),
				const struct mp_model *m, const uint8_t *data, size_t size)
{
	static struct mp_config cfg;
	uint8_t *copy = malloc(size ? size : 1);
	int err;

	memcpy(copy, data, size);
	printk_clear();
	mp_config_reset(&cfg);
	err = parse(copy, size, &cfg);
	FUZZ_CHECK(!err == m->ok, "parse %d, model %s", err, m->ok ? "valid" : "invalid");
	if (!err && !mp_config_finish(&cfg, 0))
		mp_model_check(m, &cfg);
	free(copy);
}

#endif
