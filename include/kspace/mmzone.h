/*
 * Zones: physical memory in ranges with different uses (mm/page_alloc.c).
 *
 *   ZONE_DMA      0 .. 16 MiB     reachable by ISA DMA
 *   ZONE_NORMAL   16 .. 896 MiB   the rest of lowmem, always mapped by the kernel
 *   ZONE_HIGHMEM  896 MiB ..      mapped only on demand (kmap)
 *
 * Each zone has its own buddy allocator: free_area[k] lists the free blocks of 2^k
 * contiguous, 2^k-aligned pages.
 */
#ifndef KSPACE_MMZONE_H
#define KSPACE_MMZONE_H

#include <kspace/list.h>
#include <kspace/mm.h>
#include <kspace/spinlock.h>
#include <kspace/types.h>

#define MAX_ORDER 11 /* orders 0..10: blocks of up to 1024 pages, 4 MiB */
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))

/* One bit per MAX_ORDER block of the 4 GiB space: are its struct pages initialised? */
#define NR_PAGE_BLOCKS ((1UL << (32 - PAGE_SHIFT)) / MAX_ORDER_NR_PAGES)
extern unsigned long page_block_ready[NR_PAGE_BLOCKS / (8 * sizeof(unsigned long))];

static inline bool page_block_is_ready(unsigned long pfn)
{
	unsigned long b = pfn / MAX_ORDER_NR_PAGES, bits = 8 * sizeof(unsigned long);

	return page_block_ready[b / bits] & (1UL << (b % bits));
}

/*
 * False for pages whose struct page was never set up (page_alloc.c): inside a free
 * block not yet split, or in a block that is all hole or reserved. Inline: every
 * kfree asks.
 */
static inline bool page_struct_initialised(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	return pfn_valid(pfn) && page_block_is_ready(pfn);
}

enum zone_type { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM, MAX_NR_ZONES };

struct free_area {
	struct list_head free_list;
	unsigned long nr_free; /* blocks, not pages */
};

struct zone {
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* pfns from start to end, holes included */
	unsigned long present_pages; /* RAM pages in the zone */
	unsigned long managed_pages; /* pages the buddy allocator was given */
	unsigned long free_pages;
	spinlock_t lock; /* free_area and free_pages; irqsave: pages may be freed from interrupts */
	struct free_area free_area[MAX_ORDER];
};

extern struct zone zone_table[MAX_NR_ZONES];

static inline unsigned long zone_end_pfn(const struct zone *z)
{
	return z->zone_start_pfn + z->spanned_pages;
}

static inline bool zone_populated(const struct zone *z) { return z->spanned_pages != 0; }

struct page;
/* The zone a page belongs to, or NULL for a pfn outside every zone. */
struct zone *page_zone(const struct page *page);

#endif
