/* The buddy allocator's boot-time entry points, used only by mm/mm_init.c. */
#ifndef KSPACE_PAGE_ALLOC_BOOT_H
#define KSPACE_PAGE_ALLOC_BOOT_H

#include <kspace/mm.h>

/* A wholly free MAX_ORDER block starting at pfn, freed lazily (page_alloc.c). */
void free_boot_block(unsigned long pfn);
/* Free pages [start, end) of one MAX_ORDER block, initialising the block first. */
void free_boot_pages(unsigned long start, unsigned long end);

#endif
