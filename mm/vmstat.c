/*
 * mm/vmstat.c: memory statistics as text, in the exact formats of Linux's
 * /proc/buddyinfo, /proc/meminfo and /proc/vmstat, so the articles' examples read
 * the same here; and the per-CPU event counters /proc/vmstat sums.
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

DEFINE_PER_CPU(struct vm_event_state, vm_event_states);

static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	"nr_tlb_remote_flush", "nr_tlb_remote_flush_received", "nr_tlb_local_flush_all",
	"nr_tlb_local_flush_one",
};

unsigned long cpu_vm_event(int cpu, enum vm_event_item item)
{
	return per_cpu(vm_event_states, cpu).event[item];
}

/* A sum of counters other CPUs keep changing: each is read once, the total is a moment's. */
unsigned long sum_vm_event(enum vm_event_item item)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu(vm_event_states, cpu).event[item]);
	return sum;
}

/* Linux's /proc/vmstat: "name value" lines; kspace has the free pages and the TLB events. */
void vmstat_render(struct seq_buf *s)
{
	seq_buf_printf(s, "nr_free_pages %lu\n", nr_free_pages());
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_buf_printf(s, "%s %lu\n", vm_event_names[i], sum_vm_event(i));
}
