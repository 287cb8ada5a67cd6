/*
 * arch/x86/kernel/smp.c: the inter-processor interrupts. A CPU interrupts another by
 * writing the target's APIC id and a vector into its own local APIC's ICR:
 * CALL_FUNCTION_VECTOR carries the cross calls of kernel/smp.c, RESCHEDULE_VECTOR
 * tells a CPU to look at need_resched. Each handler counts itself per CPU (CAL, RES
 * in /proc/interrupts).
 */
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/thread_info.h>
#include <kspace/bug.h>
#include <kspace/hardirq.h>
#include <kspace/smp.h>

void arch_send_call_function_ipi(int cpu)
{
	apic_send_IPI(x86_cpu_to_apicid[cpu], CALL_FUNCTION_VECTOR);
}

void smp_send_reschedule(int cpu)
{
	if (WARN_ON(!cpu_online(cpu)))
		return;
	apic_send_IPI(x86_cpu_to_apicid[cpu], RESCHEDULE_VECTOR);
}

/* Nothing but the flag: the way out of the interrupt (or the idle loop) acts on it. */
void smp_reschedule_interrupt(struct pt_regs *regs);
void smp_reschedule_interrupt(struct pt_regs *regs)
{
	(void)regs;
	ack_APIC_irq();
	inc_irq_stat(irq_resched_count);
	/* Locked: another CPU may be setting TIF_SIGPENDING in the same word. */
	__atomic_or_fetch(&current_thread_info()->flags, 1UL << TIF_NEED_RESCHED, __ATOMIC_SEQ_CST);
}

void smp_call_function_interrupt(struct pt_regs *regs);
void smp_call_function_interrupt(struct pt_regs *regs)
{
	(void)regs;
	ack_APIC_irq();
	inc_irq_stat(irq_call_count);
	irq_enter();
	generic_smp_call_function_interrupt();
	irq_exit();
}
