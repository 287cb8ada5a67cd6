/*
 * arch/x86/kernel/irq.c: hardware interrupt dispatch. The IDT's vectors 0x20-0x2f
 * lead through entry.asm to do_IRQ(), which finds the line's handler, runs it and
 * acknowledges the controller the line came through: the 8259 pair, or (when the
 * firmware lists one and noapic is not given) the I/O APIC, acknowledged at the
 * local APIC. The local APIC's own vectors (timer, IPIs, error, spurious) have
 * their own stubs and handlers (apic.c, smp.c). /proc/interrupts counts them all.
 */
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/hardirq.h>
#include <asm/io_apic.h>
#include <asm/irq.h>
#include <asm/mpspec.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include <kspace/arch.h>
#include <kspace/errno.h>
#include <kspace/hardirq.h>
#include <kspace/init.h>
#include <kspace/kernel_stat.h>
#include <kspace/printk.h>
#include <kspace/seq_buf.h>
#include <kspace/smp.h>

extern void (*const irq_stubs[NR_IRQS])(void);
void apic_timer_interrupt(void), error_interrupt(void), spurious_interrupt(void);
void reschedule_interrupt(void), call_function_interrupt(void);

static struct irq_action {
	irq_handler_t handler;
	const char *name;
} irq_actions[NR_IRQS];

static bool noapic, nolapic;

/* Linux's noapic: the 8259 keeps the ISA lines (the local APICs, and SMP, stay). */
static int noapic_setup(const char *value)
{
	(void)value;
	noapic = true;
	return 0;
}
__setup("noapic", noapic_setup);

/* Linux's nolapic: no local APIC either, so one CPU on the 8259, as on a 486. */
static int nolapic_setup(const char *value)
{
	(void)value;
	nolapic = true;
	return 0;
}
__setup("nolapic", nolapic_setup);

static void apic_intr_init(void)
{
	set_idt_gate(LOCAL_TIMER_VECTOR, apic_timer_interrupt, GATE_INTERRUPT, 0);
	set_idt_gate(CALL_FUNCTION_VECTOR, call_function_interrupt, GATE_INTERRUPT, 0);
	set_idt_gate(RESCHEDULE_VECTOR, reschedule_interrupt, GATE_INTERRUPT, 0);
	set_idt_gate(ERROR_APIC_VECTOR, error_interrupt, GATE_INTERRUPT, 0);
	set_idt_gate(SPURIOUS_APIC_VECTOR, spurious_interrupt, GATE_INTERRUPT, 0);
}

/* A local APIC needs the CPU to have one and the firmware to say where the rest is. */
static bool apic_usable(void)
{
	if (nolapic || !cpu_has(X86_FEATURE_APIC))
		return false;
	if (!mp_config.source) {
		pr_info("APIC: no MP table or MADT: the 8259 only\n");
		return false;
	}
	return true;
}

void init_IRQ(void)
{
	init_8259A();
	for (int irq = 0; irq < NR_IRQS; irq++)
		set_idt_gate(FIRST_EXTERNAL_VECTOR + irq, irq_stubs[irq], GATE_INTERRUPT, 0);
	if (apic_usable()) {
		bool use_io_apic = !noapic && mp_config.nr_ioapics > 0;

		apic_intr_init();
		init_bsp_APIC(!use_io_apic);
		if (use_io_apic)
			setup_IO_APIC();
	}
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
	if (io_apic_irqs)
		io_apic_enable_irq(irq);
	else
		enable_8259A_irq(irq);
	return 0;
}

u64 kstat_irqs[NR_IRQS]; /* for /proc/stat */

void do_IRQ(struct pt_regs *regs);
void do_IRQ(struct pt_regs *regs)
{
	int irq = ~regs->orig_eax;

	if (!io_apic_irqs && !i8259A_irq_real(irq)) {
		inc_irq_stat(irq_spurious_count);
		return;
	}
	kstat_irqs[irq]++;
	inc_irq_stat(irqs[irq]);
	irq_enter();
	if (irq_actions[irq].handler)
		irq_actions[irq].handler(irq, regs);
	irq_exit();
	if (io_apic_irqs)
		ack_APIC_irq();
	else
		ack_8259A_irq(irq);
}

/* One row of per-CPU counts, as Linux's arch_show_interrupts prints it. */
#define IRQ_STAT_ROW(s, label, member, text)                                       \
	do {                                                                       \
		int __cpu;                                                         \
		seq_buf_printf(s, "%3s: ", label);                                 \
		for_each_online_cpu(__cpu)                                         \
			seq_buf_printf(s, "%10u ", per_cpu(irq_stat, __cpu).member); \
		seq_buf_printf(s, "  %s\n", text);                                 \
	} while (0)

static void show_irq_line(struct seq_buf *s, int irq)
{
	const char *trigger;
	int cpu, pin;

	seq_buf_printf(s, "%3d: ", irq);
	for_each_online_cpu(cpu)
		seq_buf_printf(s, "%10u ", per_cpu(irq_stat, cpu).irqs[irq]);
	if (io_apic_irqs && (pin = io_apic_irq_pin(irq, &trigger)) >= 0)
		seq_buf_printf(s, "  IO-APIC %3d-%-8s  %s\n", pin, trigger, irq_actions[irq].name);
	else
		seq_buf_printf(s, "   XT-PIC    %-8s  %s\n", "", irq_actions[irq].name);
}

/* /proc/interrupts: Linux's layout, one column per online CPU. */
void interrupts_render(struct seq_buf *s)
{
	unsigned int err = 0;
	int cpu;

	seq_buf_printf(s, "%*s", 3 + 8, "");
	for_each_online_cpu(cpu)
		seq_buf_printf(s, "CPU%-8d", cpu);
	seq_buf_printf(s, "\n");
	for (int irq = 0; irq < NR_IRQS; irq++)
		if (irq_actions[irq].handler)
			show_irq_line(s, irq);
	if (lapic_in_use) {
		IRQ_STAT_ROW(s, "LOC", apic_timer_irqs, "Local timer interrupts");
		IRQ_STAT_ROW(s, "SPU", irq_spurious_count, "Spurious interrupts");
		IRQ_STAT_ROW(s, "RES", irq_resched_count, "Rescheduling interrupts");
		IRQ_STAT_ROW(s, "CAL", irq_call_count, "Function call interrupts");
		seq_buf_printf(s, "%3s: ", "TLB");
		for_each_online_cpu(cpu) /* arch/x86/mm/tlb.c counts them */
			seq_buf_printf(s, "%10lu ", tlb_irq_count(cpu));
		seq_buf_printf(s, "  TLB shootdowns\n");
	} else {
		IRQ_STAT_ROW(s, "SPU", irq_spurious_count, "Spurious interrupts");
	}
	for_each_online_cpu(cpu)
		err += per_cpu(irq_stat, cpu).irq_error_count;
	seq_buf_printf(s, "%3s: %10u\n", "ERR", err);
}
