/*
 * kernel/smp.c: the boot CPU's masks and cross calls (kspace/smp.h).
 *
 * Until the application processors are started, the boot CPU is the only one
 * online, so a cross call has no other CPU to reach and only this CPU's own share of
 * on_each_cpu() runs. Asking for an offline CPU is the caller's bug.
 */
#include <asm/irqflags.h>
#include <kspace/bug.h>
#include <kspace/cpumask.h>
#include <kspace/smp.h>

struct cpumask __cpu_possible_mask, __cpu_present_mask, __cpu_online_mask;

void boot_cpu_init(void)
{
	int cpu = smp_processor_id();

	set_cpu_possible(cpu, true);
	set_cpu_present(cpu, true);
	set_cpu_online(cpu, true);
}

void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    bool wait)
{
	struct cpumask others;

	(void)func, (void)info, (void)wait;
	cpumask_and(&others, mask, cpu_online_mask);
	cpumask_clear_cpu(smp_processor_id(), &others);
	BUG_ON(!cpumask_empty(&others)); /* no other CPU is online yet */
}

void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	unsigned long flags;

	smp_call_function_many(cpu_online_mask, func, info, wait);
	flags = local_irq_save();
	func(info);
	local_irq_restore(flags);
}

void smp_send_reschedule(int cpu)
{
	BUG_ON(cpu != smp_processor_id()); /* no other CPU is online yet */
}
