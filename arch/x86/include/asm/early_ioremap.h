/*
 * Temporary mappings of physical memory before paging_init(): the firmware tables
 * (ACPI, MP) may lie anywhere below 4 GiB, beyond the 16 MiB head.asm maps. Each
 * mapping takes one of NR_BTMAP_SLOTS fixmap windows of BTMAP_SLOT_PAGES pages.
 */
#ifndef ASM_EARLY_IOREMAP_H
#define ASM_EARLY_IOREMAP_H

#include <asm/memlayout.h>
#include <kspace/types.h>

/* The largest early_memremap() that succeeds whatever the offset in its first page. */
#define MAX_EARLY_MEMREMAP ((BTMAP_SLOT_PAGES - 1) * PAGE_SIZE)

/* Give the fixmap its boot page table: before the first early_memremap(). */
void early_ioremap_init(void);

/* Map [phys, phys + size) read-write; NULL when it is larger than a window, wraps past
 * 4 GiB, or every window is taken. Undo with early_memunmap(p, size). */
void *early_memremap(u64 phys, unsigned long size);
void early_memunmap(void *addr, unsigned long size);
/* Windows mapped now: 0 once the boot code is done with the tables. */
int early_memremap_in_use(void);

#endif
