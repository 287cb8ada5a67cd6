/*
 * The I/O APIC: routes the ISA interrupt lines to a CPU's local APIC, each through a
 * redirection entry (vector, trigger, polarity, mask, destination). kspace sends
 * ISA line n to the boot CPU on vector FIRST_EXTERNAL_VECTOR + n, as the 8259 did.
 */
#ifndef ASM_IO_APIC_H
#define ASM_IO_APIC_H

#include <kspace/types.h>

/* The ISA lines go through an I/O APIC (set by setup_IO_APIC) rather than the 8259. */
extern bool io_apic_irqs;

/* Map the I/O APICs mp_config lists, mask every pin, and the 8259 too. */
void setup_IO_APIC(void);
/* Route ISA line irq to the boot CPU and unmask it. */
void io_apic_enable_irq(int irq);
/* The pin an ISA line arrives at, as "pin-edge" / "pin-level" for /proc/interrupts. */
int io_apic_irq_pin(int irq, const char **trigger);

#endif
