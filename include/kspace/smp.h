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

/* Make cpu call schedule() soon: the reschedule IPI (it sets nothing; the sender set need_resched). */
void smp_send_reschedule(int cpu);

/* Mark this CPU (the boot CPU) possible, present and online, before anything asks. */
void boot_cpu_init(void);

#endif
