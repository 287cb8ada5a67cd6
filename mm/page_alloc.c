/*
 * mm/page_alloc.c: the buddy allocator, one per zone.
 *
 * A free block of 2^k pages starts at a pfn that is a multiple of 2^k, and its
 * "buddy" is the other half of the 2^(k+1) block they form: the block at pfn ^ 2^k.
 * Allocation takes the smallest free block big enough and splits off halves onto the
 * lower free lists (expand); freeing merges a block with its buddy for as long as the
 * buddy is free and whole, then puts the result on its list.
 *
 * Lazy struct pages: at boot, a wholly free MAX_ORDER block goes on the top free list
 * with only its first struct page written. The other 1023 are initialised when the
 * block is first taken (prepare_block), so booting costs per block, not per page.
 * Merging never crosses a MAX_ORDER block, so nothing reads a page before that.
 */
#include <asm/irqflags.h>
#include <kspace/bug.h>
#include <kspace/fault-inject.h>
#include <kspace/gfp.h>
#include <kspace/kernel.h>
#include <kspace/mmzone.h>
#include <kspace/page_alloc_boot.h>
#include <kspace/page_poison.h>
#include <kspace/lockdep.h>
#include <kspace/printk.h>
#include <kspace/string.h>

struct zone zone_table[MAX_NR_ZONES] = {
	[ZONE_DMA] = { .name = "DMA" },
	[ZONE_NORMAL] = { .name = "Normal" },
	[ZONE_HIGHMEM] = { .name = "HighMem" },
};

struct page *mem_map;
unsigned long max_pfn, max_low_pfn;
unsigned long totalram_pages, totalhigh_pages;

#define BITS_PER_LONG (8 * sizeof(unsigned long))
unsigned long page_block_ready[NR_PAGE_BLOCKS / BITS_PER_LONG];

static void set_block_ready(unsigned long pfn)
{
	unsigned long b = pfn / MAX_ORDER_NR_PAGES;

	page_block_ready[b / BITS_PER_LONG] |= 1UL << (b % BITS_PER_LONG);
}

struct zone *page_zone(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	for (struct zone *zone = zone_table; zone < zone_table + MAX_NR_ZONES; zone++)
		if (pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone))
			return zone;
	return NULL;
}

static void init_struct_pages(unsigned long pfn, unsigned long n, bool reserved)
{
	struct page *page = pfn_to_page(pfn);

	memset(page, 0, n * sizeof(*page));
	if (reserved)
		for (unsigned long i = 0; i < n; i++)
			page[i].flags = 1UL << PG_reserved, page[i]._count = 1;
}

/* Initialise a MAX_ORDER block's tail pages, the first time the block is taken. */
static void prepare_block(struct page *head)
{
	unsigned long pfn = page_to_pfn(head);

	if (page_block_is_ready(pfn))
		return;
	init_struct_pages(pfn + 1, MAX_ORDER_NR_PAGES - 1, false);
	set_block_ready(pfn);
}

static void add_to_free_area(struct zone *zone, struct page *page, unsigned int order)
{
	SetPageBuddy(page);
	page->private = order;
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

static void del_from_free_area(struct zone *zone, struct page *page, unsigned int order)
{
	list_del(&page->lru);
	ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* Split a block of order high down to order low, freeing the upper halves. */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high)
{
	while (high > low) {
		high--;
		add_to_free_area(zone, page + (1UL << high), high);
	}
}

static struct page *rmqueue(struct zone *zone, unsigned int order)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];

		if (list_empty(&area->free_list))
			continue;
		struct page *page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_area(zone, page, o);
		if (o == MAX_ORDER - 1)
			prepare_block(page);
		expand(zone, page, order, o);
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* Zones to try, best first, ending at NULL (pointers: no index to scale on the way). */
static struct zone *const *zonelist(gfp_t gfp_mask)
{
	static struct zone *const dma[] = { &zone_table[ZONE_DMA], NULL };
	static struct zone *const kernel[] = { &zone_table[ZONE_NORMAL], &zone_table[ZONE_DMA], NULL };
	static struct zone *const highuser[] = { &zone_table[ZONE_HIGHMEM],
						 &zone_table[ZONE_NORMAL], &zone_table[ZONE_DMA], NULL };

	if (gfp_mask & __GFP_DMA)
		return dma;
	return gfp_mask & __GFP_HIGHMEM ? highuser : kernel;
}

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page = NULL;
	unsigned long flags;

	/* A highmem page has no address to zero through: refuse the request, not the page. */
	BUG_ON((gfp_mask & __GFP_ZERO) && (gfp_mask & __GFP_HIGHMEM));
	might_sleep_if(gfp_mask & __GFP_RECLAIM);
	if (order >= MAX_ORDER)
		return NULL;
	if (unlikely(fail_page_alloc.enabled) && (!(gfp_mask & __GFP_HIGHMEM) || fail_page_alloc_highmem) &&
	    should_fail(&fail_page_alloc, PAGE_SIZE << order))
		return NULL;
	for (struct zone *const *z = zonelist(gfp_mask); *z && !page; z++) {
		struct zone *zone = *z;

		/* A hint read without the lock, as Linux reads its watermarks: skip what is empty. */
		if (READ_ONCE(zone->free_pages) < 1UL << order)
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		page = rmqueue(zone, order);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	if (!page)
		return NULL;
	page->_count = 1;
	page->private = order; /* checked when the block comes back */
	if (page_poisoning)
		check_poison_pages(page, 1UL << order);
	if (gfp_mask & __GFP_ZERO) {
		memset(lowmem_page_address(page), 0, PAGE_SIZE << order);
	}
	return page;
}

static void bad_page(struct page *page, const char *reason)
{
	unsigned long pfn = page_to_pfn(page);

	printk(KERN_EMERG "BUG: Bad page state: pfn %lu (phys 0x%08llx): %s\n", pfn,
	       (u64)pfn << PAGE_SHIFT, reason);
	if (pfn_valid(pfn)) /* beyond mem_map there is no struct page to show */
		printk(KERN_EMERG "page: flags 0x%lx count %d private %u\n", page->flags,
		       page->_count, page->private);
	BUG();
}

/* The checks that make a wrong free a clear BUG instead of silent corruption. */
static void check_free(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	if (!pfn_valid(pfn)) /* the zones cover every valid pfn */
		bad_page(page, "not a page of RAM");
	if (!page_block_is_ready(pfn))
		bad_page(page, "freed, but was never allocated");
	if (PageReserved(page))
		bad_page(page, "freeing a reserved page");
	if (PageBuddy(page) || page->_count <= 0)
		bad_page(page, "double free");
	if (page->private != order)
		bad_page(page, "freed with a different order than it was allocated with");
}

static void free_one_block(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	zone->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = pfn_to_page(buddy_pfn);

		if (buddy_pfn >= zone_end_pfn(zone) || !PageBuddy(buddy) || buddy->private != order)
			break;
		del_from_free_area(zone, buddy, order);
		pfn &= ~(1UL << order);
		order++;
	}
	add_to_free_area(zone, pfn_to_page(pfn), order);
}

void __free_pages(struct page *page, unsigned int order)
{
	struct zone *zone;
	unsigned long flags;

	check_free(page, order);
	/* Only the last reference frees: the count drops atomically, whoever else holds one. */
	if (__atomic_sub_fetch(&page->_count, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	zone = page_zone(page); /* only now: most drops of a shared page free nothing */
	page->private = 0;
	if (page_poisoning)
		kernel_poison_pages(page, 1UL << order);
	spin_lock_irqsave(&zone->lock, flags);
	free_one_block(zone, page, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	BUG_ON(gfp_mask & __GFP_HIGHMEM); /* a highmem page has no address to return */
	page = alloc_pages(gfp_mask, order);
	return page ? (unsigned long)lowmem_page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr) {
		BUG_ON(!virt_addr_valid(addr));
		__free_pages(virt_to_page(addr), order);
	}
}

unsigned long nr_free_pages(void)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		n += zone_table[z].free_pages;
	return n;
}

/* ---- boot: handing free memory to the allocator (called from mm/mm_init.c) ---- */

void free_boot_block(unsigned long pfn)
{
	struct zone *zone;

	init_struct_pages(pfn, 1, false);
	zone = page_zone(pfn_to_page(pfn));
	add_to_free_area(zone, pfn_to_page(pfn), MAX_ORDER - 1);
	zone->free_pages += MAX_ORDER_NR_PAGES;
	zone->managed_pages += MAX_ORDER_NR_PAGES;
}

/* Free [start, end) inside one MAX_ORDER block; its other pages stay reserved. */
void free_boot_pages(unsigned long start, unsigned long end)
{
	unsigned long block = ALIGN_DOWN(start, MAX_ORDER_NR_PAGES);

	if (!page_block_is_ready(block)) {
		init_struct_pages(block, min(MAX_ORDER_NR_PAGES, max_pfn - block), true);
		set_block_ready(block);
	}
	while (start < end) {
		unsigned int order = 0;
		struct page *page = pfn_to_page(start);

		/* The largest aligned power-of-two chunk that fits. */
		while (order < MAX_ORDER - 1 && !(start & (1UL << order)) &&
		       start + (2UL << order) <= end)
			order++;
		for (unsigned long i = 0; i < (1UL << order); i++)
			page[i].flags = 0, page[i]._count = 0;
		page->_count = 1;
		page->private = order;
		page_zone(page)->managed_pages += 1UL << order;
		__free_pages(page, order);
		start += 1UL << order;
	}
}
