/*
 * tests/host/test_mm_init.c: free_area_init() (mm/mm_init.c): where mem_map goes, the
 * panic when it fits nowhere, the zone and memory report at boot, and a machine with
 * RAM up to 4 GiB.
 */
#include <stdio.h>

#include "kapi.h"
#include "mm_sim.h"
#include "test.h"

static unsigned long mem_map_first_pfn(void) { return PFN_DOWN(__pa(mem_map)); }
static unsigned long mem_map_end_pfn(void) { return PFN_UP(__pa(mem_map + max_pfn)); }

/* The highest free lowmem above ZONE_DMA: here, right below the end of lowmem. */
TEST(mm_init, mem_map_above_dma)
{
	EXPECT_OK(sim_boot_pc());
	EXPECT_EQ_INT(mem_map_end_pfn(), max_low_pfn);
	EXPECT_EQ_INT(mem_map_end_pfn() - mem_map_first_pfn(),
		      PFN_UP(max_pfn * sizeof(struct page)));
}

/* Without ZONE_NORMAL, at the top of ZONE_DMA. */
TEST(mm_init, mem_map_in_dma_without_normal)
{
	EXPECT_OK(sim_boot_small());
	EXPECT_EQ_INT(mem_map_end_pfn(), max_pfn);
}

/* ZONE_NORMAL too small for it: the highest fit in all of lowmem, across the boundary. */
TEST(mm_init, mem_map_across_dma_when_normal_is_small)
{
	sim_ram(0, 16 * MiB + 16 * PAGE_SIZE);
	sim_reserve(0, MiB);
	EXPECT_OK(sim_boot(12288));
	EXPECT(mem_map_first_pfn() < SIM_DMA_PFNS);
	EXPECT_EQ_INT(mem_map_end_pfn(), SIM_DMA_PFNS + 16);
}

TEST(mm_init, no_lowmem_for_mem_map_panics)
{
	sim_ram(0, 96 * MiB);
	sim_reserve(0, 48 * MiB - 3 * PAGE_SIZE); /* lowmem is full, highmem is not */
	EXPECT_BUG(sim_boot(12288), "not enough low memory for mem_map");
}

/* The boot report: each zone's span, pages and free pages, then the totals in KiB. */
TEST(mm_init, report)
{
	unsigned long present = 0;
	char line[256];

	EXPECT_OK(sim_boot_pc()); /* which checks the zones' numbers against the model */
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zone_table[z];

		snprintf(line, sizeof(line), "  %-8s [mem 0x%08lx-0x%08lx] %lu pages, %lu free\n",
			 zone->name, zone->zone_start_pfn << PAGE_SHIFT,
			 (zone_end_pfn(zone) << PAGE_SHIFT) - 1, zone->present_pages,
			 zone->free_pages);
		EXPECT_MSG(strstr(printk_output(), line), "no \"%s\" in %s", line, printk_output());
		present += zone->present_pages;
	}
	snprintf(line, sizeof(line),
		 "Memory: %luk/%luk available (%luk reserved, %luk highmem), mem_map %luk\n",
		 nr_free_pages() * 4, present * 4, (present - totalram_pages) * 4,
		 totalhigh_pages * 4, DIV_ROUND_UP(max_pfn * sizeof(struct page), 1024));
	EXPECT_MSG(strstr(printk_output(), line), "no \"%s\" in %s", line, printk_output());
}

TEST(mm_init, report_of_an_empty_zone)
{
	EXPECT_OK(sim_boot_no_highmem());
	EXPECT(strstr(printk_output(), "  HighMem  empty\n"));
}

/* RAM right up to 4 GiB: the last pfn is 2^20 - 1. */
static const char *boot_4g(void)
{
	sim_ram(0, 0x9fc00);
	sim_ram(MiB, (4ULL << 30) - MiB);
	sim_reserve(0, 2 * MiB);
	return sim_boot(32768);
}

TEST(mm_init, ram_up_to_4g)
{
	struct page *page;

	EXPECT_OK(boot_4g());
	EXPECT_EQ_INT(max_pfn, 1UL << 20);
	for (int i = 0; i < 4; i++)
		EXPECT_OK(sim_alloc(GFP_HIGHUSER, MAX_ORDER - 1 - i, false, &page));
	EXPECT_OK(sim_check());
}

/* HighMem's last byte is 0xffffffff, which PFN_PHYS(2^20) - 1 in 32 bits is not. */
TEST(mm_init, report_of_ram_up_to_4g)
{
	EXPECT_OK(boot_4g());
	EXPECT_MSG(strstr(printk_output(), "  HighMem  [mem 0x08000000-0xffffffff] "), "%s",
		   printk_output());
}
