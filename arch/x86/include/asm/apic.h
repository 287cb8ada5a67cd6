/*
 * The local APIC: one per CPU, at the same physical address on every CPU (each sees
 * its own). It takes interrupts from the I/O APIC and from other CPUs (IPIs), has a
 * timer of its own, and is acknowledged by writing its EOI register.
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <asm/fixmap.h>
#include <asm/irq_vectors.h>
#include <asm/ptrace.h>
#include <kspace/threads.h>
#include <kspace/types.h>

#define APIC_DEFAULT_PHYS_BASE 0xfee00000

/* Register offsets (Intel SDM vol. 3, "Local APIC Register Address Map"). */
#define APIC_ID 0x20      /* bits 24-31: this CPU's APIC id */
#define APIC_LVR 0x30     /* version; bits 16-23: the highest LVT entry */
#define APIC_TASKPRI 0x80 /* task priority: 0 lets every vector through */
#define APIC_EOI 0xb0
#define APIC_LDR 0xd0
#define APIC_DFR 0xe0
#define APIC_SPIV 0xf0    /* spurious vector, and the software enable bit */
#define APIC_ESR 0x280    /* error status */
#define APIC_ICR 0x300    /* interrupt command, low half: writing it sends */
#define APIC_ICR2 0x310   /* interrupt command, high half: the destination */
#define APIC_LVTT 0x320   /* timer */
#define APIC_LVT0 0x350   /* LINT0 pin: the 8259's output on the boot CPU */
#define APIC_LVT1 0x360   /* LINT1 pin: NMI */
#define APIC_LVTERR 0x370
#define APIC_TMICT 0x380  /* timer initial count */
#define APIC_TMCCT 0x390  /* timer current count */
#define APIC_TDCR 0x3e0   /* timer divide configuration */

#define APIC_SPIV_APIC_ENABLED (1 << 8)
#define APIC_LVT_MASKED (1 << 16)
#define APIC_LVT_TIMER_PERIODIC (1 << 17)
#define APIC_DM_FIXED 0x000
#define APIC_DM_NMI 0x400
#define APIC_DM_INIT 0x500
#define APIC_DM_STARTUP 0x600
#define APIC_DM_EXTINT 0x700
#define APIC_ICR_BUSY (1 << 12) /* delivery status: the last IPI is still on its way */
#define APIC_INT_LEVELTRIG (1 << 15)
#define APIC_INT_ASSERT (1 << 14)
#define APIC_TDR_DIV_16 0x3

static inline u32 apic_read(u32 reg)
{
	return *(volatile u32 *)(__fix_to_virt(FIX_APIC_BASE) + reg);
}

static inline void apic_write(u32 reg, u32 v)
{
	*(volatile u32 *)(__fix_to_virt(FIX_APIC_BASE) + reg) = v;
}

static inline void ack_APIC_irq(void) { apic_write(APIC_EOI, 0); }
static inline u8 read_apic_id(void) { return apic_read(APIC_ID) >> 24; }

/* True once the boot CPU's local APIC is mapped and enabled: IPIs and the LAPIC timer work. */
extern bool lapic_in_use;
/* True once the LAPIC timer charges the boot CPU's ticks: the PIT then only keeps jiffies. */
extern bool using_apic_timer;
/* The APIC id of each logical CPU (0 is the boot CPU); filled from the firmware's list. */
extern u8 x86_cpu_to_apicid[NR_CPUS];

/* The boot CPU: map the local APIC, enable it (virtual wire or I/O APIC mode). */
void init_bsp_APIC(bool virtual_wire);
/* Every CPU, the boot CPU included: spurious vector, error vector, task priority. */
void setup_local_APIC(void);
/* Measure the LAPIC timer against the PIT once, then start this CPU's periodic tick. */
void setup_boot_APIC_clock(void);
void setup_secondary_APIC_clock(void);
/* Send vector to the CPU with APIC id apicid (waits until the previous IPI is gone). */
void apic_send_IPI(u8 apicid, u32 vector);
/* INIT and STARTUP IPIs: the wake-up sequence of an application processor. */
void apic_send_init(u8 apicid, bool assert);
void apic_send_startup(u8 apicid, u32 page);
/* Busy-wait against PIT channel 2 (interrupts may be off); one CPU at a time: the boot CPU's. */
void udelay(unsigned long usecs);

#endif
