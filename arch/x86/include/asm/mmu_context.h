/*
 * arch/x86/include/asm/mmu_context.h: switching address spaces. On i386 an address
 * space is a page directory, and loading its physical address into CR3 is the switch
 * (and flushes the TLB's non-global entries). Which mm each CPU has loaded, and the
 * lazy mode of kernel threads, are arch/x86/mm/tlb.c's (asm/tlbflush.h).
 */
#ifndef ASM_MMU_CONTEXT_H
#define ASM_MMU_CONTEXT_H

#include <asm/irqflags.h>
#include <asm/tlbflush.h>
#include <kspace/mm_types.h>

/*
 * Load next's page directory on this CPU (cpu, which the caller has at hand),
 * interrupts off (every context switch: kept inline). It joins mm_cpumask(next)
 * before CR3 points there, so no flush sent meanwhile misses it, and leaves the old
 * mm's mask only after. Coming back to the
 * mm it holds lazily needs nothing: had the mm been flushed meanwhile, it would have
 * left it.
 */
static inline void switch_mm_irqs_off(struct mm_struct *next, int cpu)
{
	struct tlb_state *ts = per_cpu_ptr(&cpu_tlbstate, cpu);
	struct mm_struct *prev = ts->loaded_mm;

	ts->is_lazy = false;
	if (prev == next)
		return;
	cpumask_set_cpu(cpu, mm_cpumask(next));
	write_cr3(__pa(next->pgd));
	if (prev)
		cpumask_clear_cpu(cpu, mm_cpumask(prev));
	ts->loaded_mm = next;
}

/*
 * This CPU now runs in next (NULL: in no user address space, on swapper_pg_dir, as
 * exit does before the mm goes). prev is what the caller had; the CPU's own record,
 * cpu_tlbstate.loaded_mm, is what counts, as a kernel thread may have run between.
 * The scheduler does not come here for a task without an mm: enter_lazy_tlb().
 */
static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	unsigned long flags = local_irq_save();

	(void)prev;
	if (next)
		switch_mm_irqs_off(next, smp_processor_id());
	else
		leave_mm();
	local_irq_restore(flags);
}

#endif
