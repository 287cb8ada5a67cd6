/*
 * mm/vmstat.c: memory statistics as text, in the exact formats of Linux's
 * /proc/buddyinfo and /proc/meminfo, so the articles' examples read the same here.
 *
 * buddyinfo: per zone, the number of free blocks of each order 0..10; a block of
 * order k is 2^k pages, so the zone's free memory is the sum of count * 2^k pages.
 */
#include <kspace/gfp.h>
#include <kspace/memblock.h>
#include <kspace/mmzone.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/vmalloc.h>
#include <kspace/vmstat.h>

void buddyinfo_render(struct seq_buf *s)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zone_table[z];

		if (!zone_populated(zone))
			continue;
		seq_buf_printf(s, "Node 0, zone %8s ", zone->name);
		for (int o = 0; o < MAX_ORDER; o++)
			seq_buf_printf(s, "%6lu ", zone->free_area[o].nr_free);
		seq_buf_printf(s, "\n");
	}
}

static void show_kb(struct seq_buf *s, const char *name, unsigned long kb)
{
	seq_buf_printf(s, "%-16s%8lu kB\n", name, kb);
}

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

void meminfo_render(struct seq_buf *s)
{
	unsigned long free = nr_free_pages(), high_free = zone_table[ZONE_HIGHMEM].free_pages;

	show_kb(s, "MemTotal:", K(totalram_pages));
	show_kb(s, "MemFree:", K(free));
	show_kb(s, "MemAvailable:", K(free));
	show_kb(s, "Buffers:", 0);
	show_kb(s, "Cached:", 0);
	show_kb(s, "HighTotal:", K(totalhigh_pages));
	show_kb(s, "HighFree:", K(high_free));
	show_kb(s, "LowTotal:", K(totalram_pages - totalhigh_pages));
	show_kb(s, "LowFree:", K(free - high_free));
	show_kb(s, "SwapTotal:", 0);
	show_kb(s, "SwapFree:", 0);
	show_kb(s, "Slab:", K(slab_pages()));
	show_kb(s, "VmallocTotal:", (VMALLOC_END - vmalloc_start()) >> 10);
	show_kb(s, "VmallocUsed:", vmalloc_used() >> 10);
	show_kb(s, "VmallocChunk:", vmalloc_largest_chunk() >> 10);
}
