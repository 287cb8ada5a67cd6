/*
 * What the firmware says about the CPUs and interrupt controllers: filled by
 * find_smp_config() from the ACPI MADT (arch/x86/kernel/acpi.c) or else the Intel MP
 * table (arch/x86/kernel/mpparse.c), read by the APIC and SMP boot code. Neither
 * found: one CPU on the 8259 PIC.
 */
#ifndef ASM_MPSPEC_H
#define ASM_MPSPEC_H

#include <kspace/threads.h>
#include <kspace/types.h>

#define MAX_IO_APICS 4
#define NR_ISA_IRQS 16

/* An interrupt line's polarity and trigger, as both tables encode them (MPS INTI flags). */
#define MP_IRQPOL_MASK 0x3
#define MP_IRQPOL_ACTIVE_HIGH 0x1
#define MP_IRQPOL_ACTIVE_LOW 0x3
#define MP_IRQTRIG_MASK 0xc
#define MP_IRQTRIG_EDGE 0x4
#define MP_IRQTRIG_LEVEL 0xc

struct mp_ioapic {
	u8 apic_id;
	u32 addr;     /* physical address of its registers */
	u32 gsi_base; /* the global system interrupt of its pin 0 */
};

struct mp_config {
	const char *source;       /* "ACPI MADT", "MP table", or NULL: none found */
	u32 lapic_addr;           /* physical address of every CPU's local APIC */
	int nr_cpus;              /* enabled CPUs listed, the boot CPU included (may exceed NR_CPUS) */
	u8 cpu_apicid[NR_CPUS];   /* their APIC ids; [0] is the boot CPU's */
	int nr_ioapics;
	struct mp_ioapic ioapic[MAX_IO_APICS];
	u32 isa_irq_gsi[NR_ISA_IRQS];   /* where each ISA IRQ arrives: itself unless overridden */
	u16 isa_irq_flags[NR_ISA_IRQS]; /* MP_IRQPOL_* | MP_IRQTRIG_*; 0: the ISA default */
	bool pic_mode;                  /* MP table: IMCR present, the PIC is wired to the BSP */
};

extern struct mp_config mp_config;

/* Look for the tables (acpi=off skips the MADT) and fill mp_config; called by setup_arch(). */
void find_smp_config(void);

/*
 * How the table parsers fill a struct mp_config (arch/x86/kernel/mp_config.c). Each
 * registration checks what a hostile table could say: duplicate or broadcast ids,
 * more CPUs than NR_CPUS (counted, not stored), too many IOAPICs, bad IRQ numbers.
 */
#define BAD_APICID 0xff /* the xAPIC broadcast id: no CPU has it */
void mp_config_reset(struct mp_config *cfg);
void mp_register_lapic(struct mp_config *cfg, u32 apicid, bool enabled);
void mp_register_ioapic(struct mp_config *cfg, u8 id, u32 addr, u32 gsi_base);
void mp_override_isa_irq(struct mp_config *cfg, u32 irq, u32 gsi, u16 flags);
/* The boot CPU (BAD_APICID: unknown) becomes cpu_apicid[0]; -EINVAL if no CPU is listed. */
int mp_config_finish(struct mp_config *cfg, u32 boot_apicid);
/* What find_smp_config() does, for a given boot CPU: MADT, else MP table, else one CPU. */
void smp_read_config(struct mp_config *cfg, u32 boot_apicid);

/* The Intel MP table (arch/x86/kernel/mpparse.c). */
int mpparse_find(struct mp_config *cfg);
/* Parse an MP configuration table of len readable bytes (checksum already checked). */
int mp_parse_config_table(const void *table, u32 len, struct mp_config *cfg);

#endif
