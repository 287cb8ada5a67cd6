/*
 * Self-tests of the cross calls and IPIs (kernel/smp.c, arch/x86/kernel/smp.c) and
 * of the per-CPU LAPIC tick. They hold at any CPU count: at one CPU the calls reach
 * only this CPU and the IPI tests have no other CPU to aim at.
 */
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/processor.h>
#include <kspace/cpumask.h>
#include <kspace/jiffies.h>
#include <kspace/percpu.h>
#include <kspace/selftest.h>
#include <kspace/smp.h>

#define WAIT_TICKS 20 /* how long an IPI may take to show: 200 ms */

static struct cpumask reached, finished;

static bool before_jiffies(unsigned long end) { return (long)(jiffies - end) < 0; }

static void note_cpu(void *info)
{
	cpumask_set_cpu(smp_processor_id(), info);
}

SELFTEST(on_each_cpu_reaches_every_online_cpu)
{
	reached = CPU_MASK_NONE;
	on_each_cpu(note_cpu, &reached, true);
	EXPECT(reached.bits == cpu_online_mask->bits);
	return 0;
}

/* Finishes late on purpose (the boot CPU's tick moves jiffies): a caller that waits must not return before. */
static void slow_note_cpu(void *info)
{
	unsigned long end = jiffies + 2;

	while (before_jiffies(end))
		cpu_relax();
	cpumask_set_cpu(smp_processor_id(), info);
}

SELFTEST(smp_call_function_many_waits)
{
	struct cpumask others;
	unsigned int calls[NR_CPUS];
	int cpu;

	cpumask_andnot(&others, cpu_online_mask, cpumask_of(smp_processor_id()));
	for_each_cpu(cpu, &others)
		calls[cpu] = per_cpu(irq_stat, cpu).irq_call_count;
	finished = CPU_MASK_NONE;
	smp_call_function_many(cpu_online_mask, slow_note_cpu, &finished, true);
	EXPECT(finished.bits == others.bits); /* every other CPU, not this one, all done */
	for_each_cpu(cpu, &others)
		EXPECT(per_cpu(irq_stat, cpu).irq_call_count == calls[cpu] + 1);
	return 0;
}

SELFTEST(smp_call_function_many_without_wait_still_runs)
{
	struct cpumask others;
	unsigned long end = jiffies + WAIT_TICKS;

	cpumask_andnot(&others, cpu_online_mask, cpumask_of(smp_processor_id()));
	reached = CPU_MASK_NONE;
	smp_call_function_many(&others, note_cpu, &reached, false);
	while (reached.bits != others.bits && before_jiffies(end))
		cpu_relax();
	EXPECT(reached.bits == others.bits);
	return 0;
}

SELFTEST(reschedule_ipi_delivered_and_counted)
{
	int self = smp_processor_id(), cpu;

	if (!lapic_in_use)
		SKIP("no local APIC");
	for_each_online_cpu(cpu) {
		unsigned int before = per_cpu(irq_stat, cpu).irq_resched_count;
		unsigned long end = jiffies + WAIT_TICKS;

		if (cpu == self)
			continue;
		smp_send_reschedule(cpu);
		while (per_cpu(irq_stat, cpu).irq_resched_count == before && before_jiffies(end))
			cpu_relax();
		EXPECT(per_cpu(irq_stat, cpu).irq_resched_count == before + 1);
	}
	return 0;
}

/* Three ticks on each CPU; a CPU QEMU runs rarely (-smp 8 on two host cores) may take longer. */
static bool every_cpu_ticked(const unsigned int *before)
{
	int cpu;

	for_each_online_cpu(cpu)
		if (per_cpu(irq_stat, cpu).apic_timer_irqs < before[cpu] + 3)
			return false;
	return true;
}

SELFTEST(lapic_timer_ticks_on_every_cpu)
{
	unsigned int before[NR_CPUS];
	unsigned long end = jiffies + 10 * WAIT_TICKS;
	int cpu;

	if (!using_apic_timer)
		SKIP("no LAPIC timer: the PIT charges the ticks");
	for_each_online_cpu(cpu)
		before[cpu] = per_cpu(irq_stat, cpu).apic_timer_irqs;
	while (!every_cpu_ticked(before) && before_jiffies(end))
		cpu_relax();
	EXPECT(every_cpu_ticked(before));
	return 0;
}
