/*
 * struct page and the pfn/page/address conversions (mm/page_alloc.c, arch/x86/mm/).
 *
 * Every physical page frame has a struct page in the mem_map array, indexed by page
 * frame number (pfn = physical address >> PAGE_SHIFT). Lowmem pages also have a
 * kernel virtual address in the direct map; highmem pages have none of their own.
 */
#ifndef KSPACE_MM_H
#define KSPACE_MM_H

#include <asm/page.h>
#include <kspace/list.h>
#include <kspace/types.h>

struct kmem_cache;

struct page {
	unsigned long flags;   /* PG_* bits */
	int _count;            /* references; 0 when the page is free */
	unsigned int private;  /* buddy: order of a free block or of an allocation */
	struct list_head lru;  /* free-list link in the buddy allocator, or slab list link */
	struct kmem_cache *slab_cache; /* PG_slab: the cache this page belongs to */
	void *freelist;        /* PG_slab: first free object */
	unsigned int inuse;    /* PG_slab: objects handed out */
};

enum pageflags {
	PG_reserved, /* not RAM, or RAM the kernel keeps for itself: never allocated */
	PG_buddy,    /* head of a free block on a buddy free list; private = its order */
	PG_slab,     /* a kmalloc slab */
	PG_large,    /* head of a kmalloc allocation larger than a page */
	PG_poisoned, /* free, and filled with PAGE_POISON when freed (page_poison=1) */
};

#define PAGE_FLAG_FUNCS(name, bit)                                                       \
	static inline bool Page##name(const struct page *p) { return p->flags & (1UL << bit); } \
	static inline void SetPage##name(struct page *p) { p->flags |= 1UL << bit; }          \
	static inline void ClearPage##name(struct page *p) { p->flags &= ~(1UL << bit); }
PAGE_FLAG_FUNCS(Reserved, PG_reserved)
PAGE_FLAG_FUNCS(Buddy, PG_buddy)
PAGE_FLAG_FUNCS(Slab, PG_slab)
PAGE_FLAG_FUNCS(Large, PG_large)
PAGE_FLAG_FUNCS(Poisoned, PG_poisoned)
#undef PAGE_FLAG_FUNCS

extern struct page *mem_map;      /* one struct page per pfn, 0 .. max_pfn - 1 */
extern unsigned long max_pfn;     /* end of RAM (below 4 GiB) */
extern unsigned long max_low_pfn; /* end of lowmem: RAM the direct map covers */

#define pfn_to_page(pfn) (mem_map + (pfn))
#define page_to_pfn(page) ((unsigned long)((page) - mem_map))
#define pfn_valid(pfn) ((pfn) < max_pfn)

#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_PHYS(pfn) ((phys_addr_t)(pfn) << PAGE_SHIFT)

static inline bool PageHighMem(const struct page *page)
{
	return page_to_pfn(page) >= max_low_pfn;
}

/* Only for direct-mapped addresses: lowmem and the kernel image. */
#define virt_to_page(kaddr) pfn_to_page(__pa(kaddr) >> PAGE_SHIFT)
#define virt_addr_valid(kaddr)                                               \
	((unsigned long)(kaddr) >= PAGE_OFFSET && (unsigned long)(kaddr) < (unsigned long)high_memory)

/* The direct-map address of a lowmem page. */
static inline void *lowmem_page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

/* Any page's kernel address: lowmem's, a kmapped high page's, or NULL (mm/highmem.c). */
void *page_address(const struct page *page);

static inline int page_count(const struct page *page) { return page->_count; }
/* Another reference; atomic, as __free_page's drop is (processes share pages across CPUs). */
static inline void get_page(struct page *page) { __atomic_add_fetch(&page->_count, 1, __ATOMIC_RELAXED); }

extern unsigned long totalram_pages;  /* pages the buddy allocator manages */
extern unsigned long totalhigh_pages; /* ... of which in ZONE_HIGHMEM */

/* Build mem_map and the zones, then give every free page to the buddy allocator. */
void free_area_init(const unsigned long *max_zone_pfn);
/* Set up kmalloc and report memory; the allocators are usable afterwards. */
void mm_core_init(void);

#endif
