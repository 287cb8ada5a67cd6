/*
 * arch/x86/mm/pgtable.c: single kernel mappings above the direct map (vmalloc,
 * ioremap). Their page tables are allocated on demand and never freed, as in Linux.
 */
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <kspace/bug.h>
#include <kspace/errno.h>
#include <kspace/gfp.h>
#include <kspace/mman.h>
#include <kspace/string.h>

/* The PTE for vaddr, allocating its page table if alloc; NULL when there is none. */
static pte_t *kernel_pte(unsigned long vaddr, bool alloc)
{
	pgd_t *pgd = &swapper_pg_dir[pgd_index(vaddr)];

	BUG_ON(vaddr < (unsigned long)high_memory); /* the direct map is not ours to change */
	if (!(*pgd & _PAGE_PRESENT)) {
		unsigned long table = alloc ? get_zeroed_page(GFP_KERNEL) : 0;
		if (!table)
			return NULL;
		*pgd = __pa(table) | _KERNPG_TABLE;
	}
	BUG_ON(*pgd & _PAGE_PSE);
	return (pte_t *)__va(*pgd & PAGE_MASK) + pte_index(vaddr);
}

int map_kernel_page(unsigned long vaddr, unsigned long pfn, unsigned long prot)
{
	pte_t *pte = kernel_pte(vaddr, true);

	if (!pte)
		return -ENOMEM;
	BUG_ON(*pte & _PAGE_PRESENT);
	*pte = (pfn << PAGE_SHIFT) | prot;
	return 0;
}

void unmap_kernel_page(unsigned long vaddr)
{
	pte_t *pte = kernel_pte(vaddr, false);

	BUG_ON(!pte || !(*pte & _PAGE_PRESENT));
	*pte = 0;
}

/*
 * A new page directory: empty user half, kernel half copied from swapper_pg_dir
 * (each entry written once: a zeroed page would clear the kernel half for nothing).
 */
pgd_t *pgd_alloc(void)
{
	pgd_t *pgd = (pgd_t *)__get_free_page(GFP_KERNEL);

	if (pgd) {
		memset(pgd, 0, KERNEL_PGD_INDEX * sizeof(pgd_t));
		memcpy(pgd + KERNEL_PGD_INDEX, swapper_pg_dir + KERNEL_PGD_INDEX,
		       (PTRS_PER_PGD - KERNEL_PGD_INDEX) * sizeof(pgd_t));
	}
	return pgd;
}

void pgd_free(pgd_t *pgd)
{
	free_page((unsigned long)pgd);
}
