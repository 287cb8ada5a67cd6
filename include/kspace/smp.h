/*
 * Symmetric multiprocessing: which CPU this is, and asking other CPUs to run a
 * function (a cross call, carried by an inter-processor interrupt). Generic code
 * uses only this interface; arch/x86 sends the IPIs.
 */
#ifndef KSPACE_SMP_H
#define KSPACE_SMP_H

#include <asm/thread_info.h>
#include <kspace/cpumask.h>
#include <kspace/types.h>

/* The CPU the running task is on: each task's thread_info records it when it is switched in. */
#define smp_processor_id() (current_thread_info()->cpu)

typedef void (*smp_call_func_t)(void *info);

/*
 * Run func(info) on every online CPU in mask except this one, and with wait, return
 * only when all of them have finished. Interrupts must be enabled: two CPUs calling
 * each other with interrupts off would each wait for the other forever.
 */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    bool wait);
/* The same on every online CPU, this one included (here, with interrupts off). */
void on_each_cpu(smp_call_func_t func, void *info, bool wait);

/* Mark this CPU (the boot CPU) possible, present and online, before anything asks. */
void boot_cpu_init(void);

/* Ask cpu to look at its need_resched flag (the reschedule IPI). */
void smp_send_reschedule(int cpu);

/* The architecture's part: interrupt cpu with CALL_FUNCTION_VECTOR ... */
void arch_send_call_function_ipi(int cpu);
/* ... whose handler runs this on the target. */
void generic_smp_call_function_interrupt(void);

/* Start the other CPUs the firmware listed (up to maxcpus=; none with nosmp). */
void smp_init(void);
/* From the firmware's CPU list, before the per-CPU areas are made (setup_arch). */
void prefill_possible_map(void);

#endif
