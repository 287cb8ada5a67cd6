/*
 * arch/x86/kernel/irq.c: hardware interrupt dispatch. The IDT's vectors 0x20-0x2f
 * lead through entry.asm to do_IRQ(), which finds the line's handler, runs it and
 * acknowledges the PIC.
 */
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <kspace/arch.h>
#include <kspace/errno.h>
#include <kspace/hardirq.h>
#include <kspace/kernel_stat.h>
#include <kspace/printk.h>

extern void (*const irq_stubs[NR_IRQS])(void);

static struct irq_action {
	irq_handler_t handler;
	const char *name;
} irq_actions[NR_IRQS];

void init_IRQ(void)
{
	init_8259A();
	for (int irq = 0; irq < NR_IRQS; irq++)
		set_idt_gate(FIRST_EXTERNAL_VECTOR + irq, irq_stubs[irq], GATE_INTERRUPT, 0);
	serial_input_init();
	keyboard_init();
}

int request_irq(int irq, irq_handler_t handler, const char *name)
{
	if (irq < 0 || irq >= NR_IRQS)
		return -EINVAL;
	if (irq_actions[irq].handler)
		return -EBUSY;
	irq_actions[irq] = (struct irq_action){ handler, name };
	enable_8259A_irq(irq);
	return 0;
}

u64 kstat_irqs[NR_IRQS]; /* for /proc/stat */

void do_IRQ(struct pt_regs *regs);
void do_IRQ(struct pt_regs *regs)
{
	int irq = ~regs->orig_eax;

	if (!i8259A_irq_real(irq))
		return;
	kstat_irqs[irq]++;
	irq_enter();
	if (irq_actions[irq].handler)
		irq_actions[irq].handler(irq, regs);
	irq_exit();
	ack_8259A_irq(irq);
}
