/*
 * tests/fuzz/mm_kernel.c: mm/page_alloc.c itself, compiled as a kernel source, with
 * a reset of the state a boot leaves (its record of which blocks have their
 * struct pages set up, the zones' counters, memblock), so that the multiboot harness
 * can boot one machine per input in one process.
 */
#include "../../mm/page_alloc.c"

#include <kspace/memblock.h>

void fuzz_mm_reset(void)
{
	memset(page_block_ready, 0, sizeof(page_block_ready));
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &zone_table[z];

		zone->zone_start_pfn = zone->spanned_pages = 0;
		zone->present_pages = zone->managed_pages = zone->free_pages = 0;
		memset(zone->free_area, 0, sizeof(zone->free_area));
	}
	mem_map = NULL;
	max_pfn = max_low_pfn = totalram_pages = totalhigh_pages = 0;
	memblock.memory.cnt = memblock.reserved.cnt = 0;
	memblock.retired = false;
}
