/*
 * The IDT's vectors, as Linux/i386 numbers them: 0-31 CPU exceptions, 0x20-0x2f the
 * sixteen ISA interrupt lines (through the 8259 or the I/O APIC), 0x80 the system
 * call, and at the top the local APIC's own interrupts, which must outrank every
 * device: the APIC serves the highest vector first.
 */
#ifndef ASM_IRQ_VECTORS_H
#define ASM_IRQ_VECTORS_H

#define LOCAL_TIMER_VECTOR 0xec    /* this CPU's LAPIC timer */
#define CALL_FUNCTION_VECTOR 0xfc  /* another CPU asks this one to run a function */
#define RESCHEDULE_VECTOR 0xfd     /* another CPU made a task runnable here */
#define ERROR_APIC_VECTOR 0xfe     /* the LAPIC found an error (bad vector, lost message) */
#define SPURIOUS_APIC_VECTOR 0xff  /* an interrupt withdrawn before it was taken; low 4 bits set */

#endif
