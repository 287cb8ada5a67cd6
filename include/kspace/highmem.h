/*
 * High memory: giving a page without a permanent kernel address a temporary one.
 *
 *   kmap(page) / kunmap(page)         the persistent kmap window (mm/highmem.c): may
 *                                     sleep until a slot frees; the mapping may be
 *                                     kept and shared by several users
 *   kmap_atomic(page, type) /         a per-CPU fixmap slot (arch/x86/mm/highmem.c):
 *   kunmap_atomic(addr, type)         never sleeps, must not sleep while held
 *
 * For a lowmem page both simply return its direct-map address.
 */
#ifndef KSPACE_HIGHMEM_H
#define KSPACE_HIGHMEM_H

#include <asm/kmap_types.h>
#include <kspace/mm.h>

void *kmap(struct page *page);
void kunmap(struct page *page);

void *kmap_atomic(struct page *page, enum km_type type);
void kunmap_atomic(void *kvaddr, enum km_type type);

/* Set up the page_address() hash for kmapped high pages (mm_init). */
void page_address_init(void);

struct seq_buf;
void pkmap_render(struct seq_buf *s); /* the text of /proc/pkmap */

/* Counters shown by pkmap_render, also read by tests. */
extern unsigned long pkmap_flushes, pkmap_waits;
extern int pkmap_count[];

#endif
