/*
 * tests/host/test_page_poison.c: page_poison=1 over the simulated machine: a freed
 * lowmem block is filled with PAGE_POISON page by page, a clean block comes back
 * without a report, and a byte written after the free is reported, once, when the
 * page is allocated again.
 */
#include <string.h>

#include "kapi.h"
#include "mm_sim.h"
#include "test.h"

#include <kspace/page_poison.h>

static bool all_poison(const u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != PAGE_POISON)
			return false;
	return true;
}

TEST(page_poison, freed_pages_filled_and_checked)
{
	struct page *page, *again;
	u8 *addr;

	EXPECT_OK(sim_boot_no_highmem());
	page_poisoning = true;
	page = alloc_pages(GFP_KERNEL, 2);
	EXPECT(page);
	addr = lowmem_page_address(page);
	__free_pages(page, 2);
	EXPECT(all_poison(addr, 4 * PAGE_SIZE));
	EXPECT(PagePoisoned(page) && PagePoisoned(page + 3));
	again = alloc_pages(GFP_KERNEL, 2); /* the same block: nothing was written */
	EXPECT(again == page && page_poison_reports == 0 && !PagePoisoned(page + 3));
	__free_pages(again, 2);
	addr[3 * PAGE_SIZE + 7] = 0x42; /* a write through a stale pointer */
	again = alloc_pages(GFP_KERNEL, 2);
	EXPECT(again == page && page_poison_reports == 1);
	EXPECT(strstr(printk_output(), "offset 7: byte 0x42 instead of 0xaa"));
	__free_pages(again, 2);
	page_poisoning = false;
}
