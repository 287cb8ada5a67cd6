/*
 * Page allocation (mm/page_alloc.c). The gfp mask says which zones may satisfy a
 * request, tried in order as in Linux:
 *
 *   GFP_DMA      DMA only
 *   GFP_KERNEL   NORMAL, then DMA
 *   GFP_HIGHUSER HIGHMEM, then NORMAL, then DMA
 *
 * Exhaustion returns NULL (or 0), never panics.
 */
#ifndef KSPACE_GFP_H
#define KSPACE_GFP_H

#include <kspace/mm.h>

typedef unsigned int gfp_t;

#define __GFP_DMA 0x01u
#define __GFP_HIGHMEM 0x02u
#define __GFP_ZERO 0x04u /* only for lowmem allocations: the page must have an address */

/*
 * The caller may sleep (Linux's direct reclaim). kspace has no reclaim to wait for yet,
 * but the bit says what the caller allows: might_sleep() checks it in debug mode.
 */
#define __GFP_RECLAIM 0x08u

#define GFP_KERNEL __GFP_RECLAIM
#define GFP_ATOMIC 0u /* from interrupts or under a spinlock: must not sleep */
#define GFP_DMA (__GFP_DMA | __GFP_RECLAIM)
#define GFP_HIGHUSER (__GFP_HIGHMEM | __GFP_RECLAIM)

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)

/* The same for lowmem, by kernel virtual address. */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp_mask);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)

unsigned long nr_free_pages(void);

#endif
