/*
 * arch/x86/mm/early_ioremap.c: early_memremap(), Linux's boot-time ioremap. Until
 * paging_init() builds the fixmap's page table from memblock, the fixmap's 4 MiB
 * sits on bm_pte, a page table in the kernel image; the firmware tables are read
 * through FIX_BTMAP slots in it and unmapped again before paging_init() replaces it.
 */
#include <asm/early_ioremap.h>
#include <asm/fixmap.h>
#include <kspace/bug.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>

static pte_t bm_pte[PTRS_PER_PTE] __aligned(PAGE_SIZE);
static unsigned long slot_pages[NR_BTMAP_SLOTS]; /* pages mapped in each window; 0: free */

void early_ioremap_init(void)
{
	pgd_t *pgd = &swapper_pg_dir[pgd_index(FIXADDR_START)];

	BUILD_BUG_ON(pgd_index(__fix_to_virt(FIX_BTMAP_BEGIN)) != pgd_index(FIXADDR_TOP - 1));
	BUG_ON(*pgd & _PAGE_PRESENT); /* once, before paging_init() */
	*pgd = __pa(bm_pte) | _KERNPG_TABLE;
}

/* Page i of window s: the windows' pages ascend in memory, as the fixmap descends. */
static enum fixed_addresses btmap_idx(int slot, unsigned long i)
{
	return FIX_BTMAP_BEGIN - slot * BTMAP_SLOT_PAGES - i;
}

void *early_memremap(u64 phys, unsigned long size)
{
	unsigned long offset = phys & ~PAGE_MASK;
	unsigned long pages;
	int slot;

	if (!size || size > BTMAP_SLOT_PAGES * PAGE_SIZE || phys > 0xffffffffULL - (size - 1))
		return NULL;
	pages = DIV_ROUND_UP(offset + size, PAGE_SIZE);
	if (pages > BTMAP_SLOT_PAGES)
		return NULL;
	for (slot = 0; slot < NR_BTMAP_SLOTS && slot_pages[slot]; slot++)
		;
	if (slot == NR_BTMAP_SLOTS) {
		pr_warn("early_memremap: all %d windows in use\n", NR_BTMAP_SLOTS);
		return NULL;
	}
	for (unsigned long i = 0; i < pages; i++)
		set_fixmap(btmap_idx(slot, i), (phys_addr_t)(phys & PAGE_MASK) + i * PAGE_SIZE);
	slot_pages[slot] = pages;
	return (void *)(__fix_to_virt(btmap_idx(slot, 0)) + offset);
}

void early_memunmap(void *addr, unsigned long size)
{
	unsigned long base = (unsigned long)addr & PAGE_MASK;
	int slot;

	for (slot = 0; slot < NR_BTMAP_SLOTS; slot++)
		if (slot_pages[slot] && base == __fix_to_virt(btmap_idx(slot, 0)))
			break;
	BUG_ON(slot == NR_BTMAP_SLOTS || !size);
	for (unsigned long i = 0; i < slot_pages[slot]; i++)
		clear_fixmap(btmap_idx(slot, i));
	slot_pages[slot] = 0;
}

int early_memremap_in_use(void)
{
	int n = 0;

	for (int slot = 0; slot < NR_BTMAP_SLOTS; slot++)
		n += slot_pages[slot] != 0;
	return n;
}
