/*
 * arch/x86/include/asm/tlbflush.h: keeping every CPU's TLB in step with the page
 * tables (arch/x86/mm/tlb.c).
 *
 * A CPU caches translations in its TLB, and nothing tells another CPU that a PTE
 * changed: the CPU that changes a mapping must make every CPU that may hold it drop
 * it, with an IPI (a "shootdown"). For a user address space those are the CPUs in
 * mm_cpumask(mm), the ones that have its page directory loaded. Kernel mappings
 * outside the direct map (vmalloc, the pkmap window) are in every page directory,
 * so their flushes go to every online CPU.
 *
 * Lazy TLB: a kernel thread (or the idle task) has no address space of its own, so
 * the scheduler leaves the previous task's loaded (cpu_tlbstate.loaded_mm, is_lazy):
 * no CR3 reload, and none when that task comes back. A lazy CPU that is asked to
 * flush that mm does not flush: it switches to swapper_pg_dir and leaves
 * mm_cpumask, so it is asked no more.
 */
#ifndef ASM_TLBFLUSH_H
#define ASM_TLBFLUSH_H

#include <asm/processor.h>
#include <kspace/cpumask.h>
#include <kspace/mm_types.h>
#include <kspace/percpu.h>

/* What this CPU has in CR3: loaded_mm (NULL: swapper_pg_dir); is_lazy: for a kernel thread. */
struct tlb_state {
	struct mm_struct *loaded_mm;
	bool is_lazy;
};
DECLARE_PER_CPU(struct tlb_state, cpu_tlbstate);

/* flush_tlb_mm_range's end for "the whole address space". */
#define TLB_FLUSH_ALL (~0UL)

/* Flush [start, end) of mm on every CPU that has it loaded (this one too). */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end);

static inline void flush_tlb_mm(struct mm_struct *mm) { flush_tlb_mm_range(mm, 0, TLB_FLUSH_ALL); }

static inline void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	flush_tlb_mm_range(vma->vm_mm, addr, addr + PAGE_SIZE);
}

static inline void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
				   unsigned long end)
{
	flush_tlb_mm_range(vma->vm_mm, start, end);
}

/* Kernel mappings above the direct map: every online CPU flushes [start, end). */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
/* Every CPU drops every entry, global ones included (this CPU alone: __flush_tlb_all). */
void flush_tlb_all(void);
void __flush_tlb_all(void);

/* This CPU stops using its lazily loaded mm: swapper_pg_dir goes into CR3. */
void leave_mm(void);
/* A task without an mm is about to run: keep what is loaded, lazily. */
void enter_lazy_tlb(void);

/* The TLB shootdown IPIs this CPU has served: /proc/interrupts' TLB row. */
unsigned long tlb_irq_count(int cpu);

#endif
