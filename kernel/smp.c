/*
 * kernel/smp.c: the CPU masks and cross calls (kspace/smp.h).
 *
 * A cross call puts one struct call_function_data on the caller's stack, publishes
 * it in call_data under call_lock (one call in flight at a time), and sends
 * CALL_FUNCTION_VECTOR to every target. Each target reads func and info, clears its
 * bit in started (the caller may now return and free the frame, unless it waits),
 * runs func, and with wait clears its bit in unfinished. The caller spins with
 * interrupts on, so a call aimed at it while it waits for call_lock still lands.
 */
#include <asm/irqflags.h>
#include <kspace/bug.h>
#include <kspace/compiler.h>
#include <kspace/cpumask.h>
#include <kspace/smp.h>
#include <kspace/spinlock.h>
#include <asm/processor.h>

struct cpumask __cpu_possible_mask, __cpu_present_mask, __cpu_online_mask;

struct call_function_data {
	smp_call_func_t func;
	void *info;
	bool wait;
	struct cpumask started;    /* targets that have not yet read func and info */
	struct cpumask unfinished; /* with wait: targets whose func has not returned */
};

static spinlock_t call_lock;
static struct call_function_data *volatile call_data;

void boot_cpu_init(void)
{
	int cpu = smp_processor_id();

	spin_lock_init(&call_lock);
	set_cpu_possible(cpu, true);
	set_cpu_present(cpu, true);
	set_cpu_online(cpu, true);
}

void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    bool wait)
{
	struct call_function_data data = { .func = func, .info = info, .wait = wait };
	struct cpumask others;
	int cpu;

	cpumask_and(&others, mask, cpu_online_mask);
	cpumask_clear_cpu(smp_processor_id(), &others);
	if (cpumask_empty(&others))
		return;
	WARN_ON(irqs_disabled()); /* the other CPU may be calling us: both would wait forever */
	data.started = others;
	data.unfinished = wait ? others : CPU_MASK_NONE;
	spin_lock(&call_lock);
	call_data = &data;
	barrier(); /* x86 keeps stores in order: the IPI cannot overtake data */
	for_each_cpu(cpu, &others)
		arch_send_call_function_ipi(cpu);
	while (!cpumask_empty(&data.started))
		cpu_relax();
	while (!cpumask_empty(&data.unfinished))
		cpu_relax();
	spin_unlock(&call_lock);
}

void generic_smp_call_function_interrupt(void)
{
	struct call_function_data *data = call_data;
	smp_call_func_t func = data->func;
	void *info = data->info;
	bool wait = data->wait;
	int cpu = smp_processor_id();

	barrier();
	cpumask_clear_cpu(cpu, &data->started); /* without wait, data is gone after this */
	func(info);
	if (wait)
		cpumask_clear_cpu(cpu, &data->unfinished);
}

void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	unsigned long flags;

	smp_call_function_many(cpu_online_mask, func, info, wait);
	flags = local_irq_save();
	func(info);
	local_irq_restore(flags);
}

