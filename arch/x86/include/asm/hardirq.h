/*
 * Per-CPU interrupt counters: what /proc/interrupts shows in one column per CPU
 * (the IRQ lines, LOC, RES, CAL, ERR, SPU). Each CPU counts only in its own copy,
 * from its own interrupt handlers.
 */
#ifndef ASM_HARDIRQ_H
#define ASM_HARDIRQ_H

#include <asm/irq.h>
#include <kspace/percpu.h>

typedef struct {
	unsigned int irqs[NR_IRQS];        /* ISA lines taken on this CPU */
	unsigned int apic_timer_irqs;      /* LOC: local timer interrupts */
	unsigned int irq_resched_count;    /* RES: rescheduling interrupts */
	unsigned int irq_call_count;       /* CAL: function call interrupts */
	unsigned int irq_error_count;      /* ERR: APIC errors */
	unsigned int irq_spurious_count;   /* SPU: spurious interrupts */
} irq_cpustat_t;

DECLARE_PER_CPU(irq_cpustat_t, irq_stat);

#define inc_irq_stat(member) this_cpu_inc(irq_stat.member)

#endif
