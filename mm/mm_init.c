/*
 * mm/mm_init.c: from memblock to the buddy allocator. free_area_init() lays out the
 * zones, allocates mem_map, and hands every free range to the zones' allocators:
 * wholly free MAX_ORDER blocks in one step each, the ragged edges page-block by
 * page-block. After that memblock retires and all allocation goes through the zones.
 */
#include <kspace/bug.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/kernel.h>
#include <kspace/memblock.h>
#include <kspace/mmzone.h>
#include <kspace/page_alloc_boot.h>
#include <kspace/printk.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/vmstat.h>

static void init_zones(const unsigned long *max_zone_pfn)
{
	unsigned long start = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zone_table[z];
		unsigned long end = max(start, max_zone_pfn[z]);

		/* Buddies never cross a zone: every boundary but RAM's end is block-aligned. */
		BUG_ON(z + 1 < MAX_NR_ZONES && max_zone_pfn[z] < max_pfn &&
		       !IS_ALIGNED(end, MAX_ORDER_NR_PAGES));
		zone->zone_start_pfn = start;
		zone->spanned_pages = end - start;
		spin_lock_init(&zone->lock);
		for (int o = 0; o < MAX_ORDER; o++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list);
		start = end;
	}
}

/* RAM pages per zone, from memblock's memory regions. */
static void count_present_pages(void)
{
	for (int i = 0; i < memblock.memory.cnt; i++) {
		unsigned long lo = PFN_DOWN(memblock.memory.regions[i].base);
		unsigned long hi = PFN_DOWN(memblock.memory.regions[i].base + memblock.memory.regions[i].size);

		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &zone_table[z];
			unsigned long a = max(lo, zone->zone_start_pfn), b = min(hi, zone_end_pfn(zone));

			if (a < b)
				zone->present_pages += b - a;
		}
	}
}

/*
 * mem_map lives in lowmem. memblock allocates from the top down, so it lands above
 * ZONE_DMA whenever there is room, and ISA DMA keeps its 16 MiB.
 */
static void alloc_mem_map(void)
{
	u64 size = (u64)max_pfn * sizeof(struct page);
	phys_addr_t phys = memblock_alloc_range(size, PAGE_SIZE, 0, PFN_PHYS(max_low_pfn));

	if (!phys)
		panic("not enough low memory for mem_map (%llu KiB)", size >> 10);
	mem_map = __va(phys);
}

/* Free [start, end) pfns: whole MAX_ORDER blocks lazily, partial ones page by page. */
static void free_pfn_range(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned long block_end = ALIGN_DOWN(start, MAX_ORDER_NR_PAGES) + MAX_ORDER_NR_PAGES;

		if (IS_ALIGNED(start, MAX_ORDER_NR_PAGES) && block_end <= end) {
			free_boot_block(start);
		} else {
			free_boot_pages(start, min(block_end, end));
		}
		start = min(block_end, end);
	}
}

static void print_zones(void)
{
	pr_info("Zone ranges:\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zone_table[z];

		if (!zone_populated(zone)) {
			pr_info("  %-8s empty\n", zone->name);
			continue;
		}
		/* In 64 bits: a zone may end exactly at 4 GiB. */
		pr_info("  %-8s [mem 0x%08llx-0x%08llx] %lu pages, %lu free\n", zone->name,
			(u64)zone->zone_start_pfn << PAGE_SHIFT, ((u64)zone_end_pfn(zone) << PAGE_SHIFT) - 1,
			zone->present_pages, zone->free_pages);
	}
}

void free_area_init(const unsigned long *max_zone_pfn)
{
	u64 start, end;
	int i = 0;

	init_zones(max_zone_pfn);
	count_present_pages();
	alloc_mem_map();
	while (memblock_next_free_range(&i, &start, &end))
		free_pfn_range(PFN_UP(start), PFN_DOWN(end));
	memblock.retired = true;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		totalram_pages += zone_table[z].managed_pages;
	totalhigh_pages = zone_table[ZONE_HIGHMEM].managed_pages;
	print_zones();
	pr_info("Memory: %luk/%lluk available (%lluk reserved, %luk highmem), mem_map %luk\n",
		nr_free_pages() << (PAGE_SHIFT - 10), memblock_phys_mem_size() >> 10,
		(memblock_phys_mem_size() >> 10) - (totalram_pages << (PAGE_SHIFT - 10)),
		totalhigh_pages << (PAGE_SHIFT - 10),
		(unsigned long)DIV_ROUND_UP(max_pfn * sizeof(struct page), 1024));
}

/* After setup_arch(): the allocators above the page allocator, then a memory report. */
void mm_core_init(void)
{
	static char buf[2048];
	struct seq_buf s;

	kmem_cache_init();
	page_address_init();
	seq_buf_init(&s, buf, sizeof(buf));
	pr_info("/proc/buddyinfo:\n");
	buddyinfo_render(&s);
	seq_buf_printk(&s, KERN_INFO);
	seq_buf_init(&s, buf, sizeof(buf));
	pr_info("/proc/meminfo:\n");
	meminfo_render(&s);
	seq_buf_printk(&s, KERN_INFO);
}
