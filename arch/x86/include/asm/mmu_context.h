/*
 * arch/x86/include/asm/mmu_context.h: switching address spaces. On i386 an address
 * space is a page directory, and loading its physical address into CR3 is the switch
 * (and flushes the TLB's non-global entries). Inline: every context switch runs it.
 */
#ifndef ASM_MMU_CONTEXT_H
#define ASM_MMU_CONTEXT_H

#include <asm/processor.h>
#include <kspace/mm_types.h>

/* Load next's page directory (swapper_pg_dir for none): the CPU now translates through it. */
static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	pgd_t *pgd = next ? next->pgd : swapper_pg_dir;

	if (prev != next || !next)
		write_cr3(__pa(pgd));
}

#endif
