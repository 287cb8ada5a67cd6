/*
 * vmalloc and ioremap (mm/vmalloc.c): memory that is contiguous in kernel virtual
 * space between VMALLOC_START and VMALLOC_END, but not physically. vmalloc backs an
 * area with pages from any zone, highmem first; ioremap maps device memory. Each
 * area is followed by one unmapped guard page, so running off its end faults.
 */
#ifndef KSPACE_VMALLOC_H
#define KSPACE_VMALLOC_H

#include <kspace/list.h>
#include <kspace/types.h>

struct page;
struct seq_buf;

#define VM_ALLOC 0x1   /* vmalloc: pages from the page allocator */
#define VM_IOREMAP 0x2 /* ioremap: device memory */

struct vm_struct {
	struct list_head list; /* in vmlist, by address */
	unsigned long addr;
	unsigned long size; /* including the guard page */
	unsigned long flags;
	struct page **pages;
	unsigned int nr_pages;
	phys_addr_t phys_addr;
	const void *caller; /* who asked, for /proc/vmallocinfo */
};

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void vfree(const void *addr);
/* The page behind a vmalloc address, or NULL (a guard page, or not vmalloc's). */
struct page *vmalloc_to_page(const void *addr);

void *ioremap(phys_addr_t phys, unsigned long size);
void iounmap(void *addr);

unsigned long vmalloc_start(void);
unsigned long vmalloc_used(void);          /* bytes in areas, guard pages included */
unsigned long vmalloc_largest_chunk(void); /* the largest free gap, in bytes */

/* /proc/vmallocinfo. */
void vmallocinfo_render(struct seq_buf *s);

#endif
