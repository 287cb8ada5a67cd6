/*
 * arch/x86/include/asm/switch_to.h: switch_to(), the x86 half of a context switch,
 * as Linux's asm/switch_to.h. Inline in schedule(): every switch runs it, and as a
 * function of its own it cost a frame and its registers' saves on top of
 * __switch_to_asm's (arch/x86/kernel/switch.asm), which swaps the stacks.
 */
#ifndef ASM_SWITCH_TO_H
#define ASM_SWITCH_TO_H

#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/mmu_context.h>
#include <asm/segment.h>
#include <kspace/percpu.h>
#include <kspace/sched.h>

struct rq; /* the scheduler's, opaque here */

/*
 * Save prev's registers, load next's; returns on next's stack, with the task that
 * ran last on this CPU (Linux's `last`). Interrupts are off; cpu is this CPU and rq
 * its run queue, which the caller has at hand. Once back here, next's own locals
 * say nothing of either: next may have called schedule() on another CPU. So rq
 * also comes through the swap, in ecx, as *rq_after: next needs this CPU's queue at
 * once, and finding it again from `current` is a chain of four loads.
 */
static __always_inline struct task_struct *switch_to(struct task_struct *prev,
						      struct task_struct *next, int cpu,
						      struct rq *rq, struct rq **rq_after)
{
	/* Ring 3 traps of the next task must land on its own kernel stack. */
	per_cpu(init_tss, cpu).esp0 = next->thread.esp0;
	fpu_switch(&prev->thread.fpu, &next->thread.fpu);
	if (next->mm)
		switch_mm_irqs_off(next->mm, cpu);
	else
		enter_lazy_tlb(); /* a kernel thread borrows whatever is loaded */
	/*
	 * The user's %fs and %gs are still loaded: keep prev's, install next's TLS
	 * entries, and reload next's selectors so they pick up next's descriptors. The
	 * GDT holds prev's entries: when neither task ever set one, they are already right.
	 */
	savesegment(fs, prev->thread.fs);
	savesegment(gs, prev->thread.gs);
	if (prev->thread.tls_in_use | next->thread.tls_in_use)
		load_TLS(&next->thread, cpu);
	loadsegment(fs, next->thread.fs);
	loadsegment(gs, next->thread.gs);
	/*
	 * Only ebp and the return address stay on prev's stack (__switch_to_asm in
	 * arch/x86/kernel/switch.asm); ebx, esi and edi are declared lost, so the
	 * compiler saves just what it needs after the switch, which is nothing beyond
	 * what schedule()'s own frame already holds.
	 */
	__asm__ __volatile__("push %%ebp\n\t"
			     "call __switch_to_asm\n\t"
			     "pop %%ebp"
			     : "+a"(prev), "+d"(next), "=c"(*rq_after)
			     : "2"(rq)
			     : "ebx", "esi", "edi", "memory", "cc");
	return prev;
}

#endif
