/*
 * The x86 side of high memory: where the pkmap window and its page table are, and
 * the fixmap slots behind kmap_atomic (arch/x86/mm/highmem.c). The pkmap algorithm
 * itself is generic (mm/highmem.c).
 */
#ifndef ASM_HIGHMEM_H
#define ASM_HIGHMEM_H

#include <asm/fixmap.h>
#include <asm/kmap_types.h>
#include <asm/tlbflush.h> /* flush_tlb_kernel_range: the window's flush */

#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
#define PKMAP_NR(virt) (((virt) - PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((nr) << PAGE_SHIFT))

#define kmap_prot PAGE_KERNEL

/* One page table maps the whole pkmap window (LAST_PKMAP <= 1024). */
extern pte_t *pkmap_page_table;

/* Allocate the page tables of the fixmap and pkmap areas (paging_init). */
void highmem_pagetables_init(void);

/* Note where slot FIX_KMAP_BEGIN's PTE is, once the fixmap's final page table exists. */
void kmap_atomic_init(void);

struct seq_buf;
void fixmap_render(struct seq_buf *s); /* each possible CPU's kmap_atomic slots */

#endif
