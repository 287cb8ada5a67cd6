/* Two-level i386 page tables: entry bits, index helpers and the kernel's page directory. */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <asm/page.h>
#include <kspace/types.h>

#define PTRS_PER_PGD 1024
#define PTRS_PER_PTE 1024
#define USER_PTRS_PER_PGD (TASK_SIZE / PGDIR_SIZE) /* 768: entries below PAGE_OFFSET */
#define KERNEL_PGD_INDEX (PAGE_OFFSET >> PGDIR_SHIFT)

#define _PAGE_PRESENT 0x001
#define _PAGE_RW 0x002
#define _PAGE_USER 0x004
#define _PAGE_PWT 0x008
#define _PAGE_PCD 0x010
#define _PAGE_ACCESSED 0x020
#define _PAGE_DIRTY 0x040
#define _PAGE_PSE 0x080 /* in a PDE: a 4 MiB page (needs CR4.PSE) */
#define _PAGE_GLOBAL 0x100
/*
 * A PROT_NONE page: the page is kept but the CPU must not reach it, from user or
 * kernel mode, so _PAGE_PRESENT is clear. A non-present entry's other bits are ours;
 * this one (the GLOBAL bit's place, as on Linux i386) says "a page is here".
 */
#define _PAGE_PROTNONE _PAGE_GLOBAL

#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

typedef u32 pgd_t;
typedef u32 pte_t;

/* Whether an entry holds a page (reachable or PROT_NONE), or nothing at all. */
static inline bool pte_present(pte_t pte) { return pte & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline bool pte_none(pte_t pte) { return !pte; }

#define pgd_index(addr) (((unsigned long)(addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pte_index(addr) (((unsigned long)(addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

#define PAGE_KERNEL (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL_NOCACHE (PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT) /* device memory */

/* The kernel's master page directory; every process copies its kernel half. */
extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

/*
 * Kernel mappings outside the direct map (arch/x86/mm/pgtable.c), in swapper_pg_dir.
 * map_kernel_page allocates the page table on first use and returns -ENOMEM when it
 * cannot; mapping an address that is already mapped is a BUG.
 */
int map_kernel_page(unsigned long vaddr, unsigned long pfn, unsigned long prot);
/* Clears the entry only: the caller flushes every CPU (flush_tlb_kernel_range) before reusing it. */
void unmap_kernel_page(unsigned long vaddr);

#endif
