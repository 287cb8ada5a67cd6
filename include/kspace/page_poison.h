/*
 * Page poisoning (mm/page_poison.c), Linux's page_poison=1: a lowmem page freed to
 * the buddy allocator is filled with PAGE_POISON and checked when it is allocated
 * again, so a write through a stale pointer to a freed page is reported (pfn, offset,
 * bytes, call trace) instead of corrupting its next owner in silence. Highmem pages
 * have no address to fill and are left alone; so is what boot hands to the allocator.
 */
#ifndef KSPACE_PAGE_POISON_H
#define KSPACE_PAGE_POISON_H

#include <kspace/mm.h>

#define PAGE_POISON 0xaa

extern bool page_poisoning;
extern unsigned long page_poison_reports; /* for the self-tests */

/* Fill n pages from page, which are being freed. */
void kernel_poison_pages(struct page *page, unsigned long n);
/* Check n pages from page, which are being allocated, and forget their poison. */
void check_poison_pages(struct page *page, unsigned long n);

#endif
