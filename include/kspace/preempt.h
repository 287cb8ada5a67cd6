/*
 * Preemption control: code between preempt_disable() and preempt_enable() runs
 * without being switched away from, though interrupts still arrive. kmap_atomic
 * relies on it: its fixmap slot belongs to this CPU until kunmap_atomic.
 */
#ifndef KSPACE_PREEMPT_H
#define KSPACE_PREEMPT_H

#include <asm/thread_info.h>
#include <kspace/compiler.h>

#define preempt_count() (current_thread_info()->preempt_count)

static inline void preempt_disable(void)
{
	current_thread_info()->preempt_count++;
	barrier();
}

static inline void preempt_enable_no_resched(void)
{
	barrier();
	current_thread_info()->preempt_count--;
}

/*
 * The kernel is not preemptible (kernel/sched.c), so there is no switch to make up
 * for here: a reschedule asked for meanwhile happens at the next schedule() call.
 */
#define preempt_enable() preempt_enable_no_resched()

#define in_atomic() (preempt_count() != 0)

#endif
