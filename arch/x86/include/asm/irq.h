/* Hardware interrupt lines (the two cascaded 8259 PICs) and their handlers. */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#include <asm/ptrace.h>

#define NR_IRQS 16
#define TIMER_IRQ 0
#define KEYBOARD_IRQ 1
#define COM1_IRQ 4

typedef void (*irq_handler_t)(int irq, struct pt_regs *regs);

/* Install handler for irq and unmask the line; -EBUSY if the line is taken. */
int request_irq(int irq, irq_handler_t handler, const char *name);

/* The 8259 pair: remapped to vectors 0x20-0x2f, all lines masked until requested. */
void init_8259A(void);
void enable_8259A_irq(int irq);
bool i8259A_irq_real(int irq); /* false for a spurious IRQ 7 or 15 */
void ack_8259A_irq(int irq);
void mask_8259A(void); /* every line off: the I/O APIC has taken over */

#endif
