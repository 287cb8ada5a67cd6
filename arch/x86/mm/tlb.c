/*
 * arch/x86/mm/tlb.c: switching address spaces, lazy TLB and TLB shootdown (see
 * asm/tlbflush.h), after Linux's arch/x86/mm/tlb.c, with Linux 2.6's rule for lazy
 * CPUs: one that is asked to flush the mm it holds lazily leaves it instead.
 *
 * Invariant: a CPU is in mm_cpumask(mm) exactly while cpu_tlbstate.loaded_mm is mm
 * there. It joins the mask before loading mm's page directory, so no flush sent
 * meanwhile can miss it, and leaves it only once CR3 no longer points there.
 *
 * The counters are Linux's: the CPU that starts a flush counts NR_TLB_LOCAL_FLUSH_*
 * for its own part and NR_TLB_REMOTE_FLUSH once if other CPUs must take part; each
 * of those counts NR_TLB_REMOTE_FLUSH_RECEIVED. Linux 6.1 counts no kernel-range
 * flushes; kspace counts them like the others, so /proc/vmstat shows pkmap's.
 * flush_tlb_all, run once at boot, counts nothing.
 */
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <kspace/smp.h>
#include <kspace/vmstat.h>

DEFINE_PER_CPU(struct tlb_state, cpu_tlbstate);

/* Beyond this many pages, one CR3 reload beats an invlpg each (Linux's default ceiling). */
#define TLB_SINGLE_PAGE_FLUSH_CEILING 33

struct flush_tlb_info {
	struct mm_struct *mm;     /* NULL: kernel mappings, in every page directory */
	unsigned long start, end; /* end TLB_FLUSH_ALL: every entry */
	int initiating_cpu;
};

void enter_lazy_tlb(void)
{
	struct tlb_state *ts = this_cpu_ptr(&cpu_tlbstate);

	if (ts->loaded_mm)
		ts->is_lazy = true;
}

void leave_mm(void)
{
	struct tlb_state *ts = this_cpu_ptr(&cpu_tlbstate);

	if (!ts->loaded_mm)
		return;
	write_cr3(__pa(swapper_pg_dir)); /* first: once out of the mask, the mm may be freed */
	cpumask_clear_cpu(smp_processor_id(), mm_cpumask(ts->loaded_mm));
	ts->loaded_mm = NULL;
	ts->is_lazy = false;
}

/* Toggling CR4.PGE drops global entries too; a CR3 reload keeps them. */
void __flush_tlb_all(void)
{
	if (read_cr4() & X86_CR4_PGE) {
		write_cr4(read_cr4() & ~X86_CR4_PGE);
		write_cr4(read_cr4() | X86_CR4_PGE);
	}
	__flush_tlb();
}

/* CPU cpu's part of a flush: the initiator's own (local), or one sent by IPI. */
static inline void __flush_tlb_func(const struct flush_tlb_info *f, int cpu)
{
	struct tlb_state *ts = per_cpu_ptr(&cpu_tlbstate, cpu);
	bool local = cpu == f->initiating_cpu;

	if (!local) {
		count_vm_tlb_event(NR_TLB_REMOTE_FLUSH_RECEIVED);
		if (f->mm && f->mm != ts->loaded_mm)
			return; /* it switched away after the sender read the mask */
	}
	if (f->mm && ts->is_lazy) {
		leave_mm(); /* cheaper than flushing for an mm no task here uses */
		return;
	}
	if (f->end == TLB_FLUSH_ALL) {
		/* Kernel mappings outside the direct map are never global: CR3 drops them too. */
		__flush_tlb();
		if (local)
			count_vm_tlb_event(NR_TLB_LOCAL_FLUSH_ALL);
		return;
	}
	for (unsigned long addr = f->start; addr < f->end; addr += PAGE_SIZE)
		__flush_tlb_one(addr);
	if (local)
		count_vm_tlb_events(NR_TLB_LOCAL_FLUSH_ONE, (f->end - f->start) >> PAGE_SHIFT);
}

/* What an IPI runs (interrupts off). */
static void flush_tlb_func(void *data)
{
	__flush_tlb_func(data, smp_processor_id());
}

/* This CPU's part, with interrupts off as when an IPI runs it. */
static inline void flush_tlb_local(const struct flush_tlb_info *f)
{
	unsigned long flags = local_irq_save();

	if (!f->mm || f->mm == per_cpu(cpu_tlbstate, f->initiating_cpu).loaded_mm)
		__flush_tlb_func(f, f->initiating_cpu);
	local_irq_restore(flags);
}

/* The other online CPUs of mask run their part; returns when all of them have. */
static void flush_tlb_others(const struct cpumask *mask, const struct flush_tlb_info *f)
{
	struct cpumask others;

	if (!(READ_ONCE(mask->bits) & ~(1UL << f->initiating_cpu)))
		return; /* the common case, and the only one until other CPUs run tasks */
	cpumask_and(&others, mask, cpu_online_mask);
	cpumask_clear_cpu(f->initiating_cpu, &others);
	if (cpumask_empty(&others))
		return;
	count_vm_tlb_event(NR_TLB_REMOTE_FLUSH);
	smp_call_function_many(&others, flush_tlb_func, (void *)f, true);
}

static void init_flush_info(struct flush_tlb_info *f, struct mm_struct *mm, unsigned long start,
			    unsigned long end)
{
	*f = (struct flush_tlb_info){ mm, start, end, smp_processor_id() };
	if (end != TLB_FLUSH_ALL && (end - start) >> PAGE_SHIFT > TLB_SINGLE_PAGE_FLUSH_CEILING)
		f->start = 0, f->end = TLB_FLUSH_ALL;
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long cpus = READ_ONCE(mm_cpumask(mm)->bits);
	struct flush_tlb_info f;

	if (!cpus)
		return; /* loaded on no CPU: no TLB can hold its entries */
	init_flush_info(&f, mm, start, end);
	if (cpus & (1UL << f.initiating_cpu)) /* loaded here, lazily or not */
		flush_tlb_local(&f);
	flush_tlb_others(mm_cpumask(mm), &f);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct flush_tlb_info f;

	init_flush_info(&f, NULL, start, end);
	flush_tlb_local(&f);
	flush_tlb_others(cpu_online_mask, &f);
}

static void do_flush_tlb_all(void *unused)
{
	(void)unused;
	__flush_tlb_all();
}

void flush_tlb_all(void)
{
	on_each_cpu(do_flush_tlb_all, NULL, true);
}

unsigned long tlb_irq_count(int cpu)
{
	return cpu_vm_event(cpu, NR_TLB_REMOTE_FLUSH_RECEIVED);
}
