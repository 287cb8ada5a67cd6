/*
 * tests/host/test_page_alloc_bug.c: the page allocator's BUG()s. A wrong free or a
 * wrong request must stop the kernel with a message naming what was wrong, before
 * any free list is touched, rather than corrupt memory silently. Where a test goes on
 * to check that nothing changed, it first turns interrupts back on: the BUG()
 * happened with them off, and the real kernel would have stopped there.
 */
#include <asm/irqflags.h>

#include "kapi.h"
#include "mm_sim.h"
#include "test.h"

/* With every page taken, the page at pfn is an order-0 allocation whose buddy is too. */
static const char *boot_pc_all_taken(void)
{
	const char *e = sim_boot_pc();

	return e ? e : sim_take_all(GFP_HIGHUSER, NULL);
}

/* Its buddy still allocated, a freed page sits on the order-0 list: PG_buddy is set. */
TEST(page_alloc_bug, double_free_of_a_listed_block)
{
	struct page *page;

	EXPECT_OK(boot_pc_all_taken());
	page = pfn_to_page(5001);
	__free_page(page);
	EXPECT(PageBuddy(page));
	EXPECT_BUG(__free_page(page), "Bad page state: pfn 5001 (phys 0x01389000): double free");
}

/* Merged into the block below, a freed page is no block's head: its count is 0. */
TEST(page_alloc_bug, double_free_of_a_merged_page)
{
	struct page *page;

	EXPECT_OK(boot_pc_all_taken());
	page = pfn_to_page(5001);
	__free_page(pfn_to_page(5000));
	__free_page(page);
	EXPECT(!PageBuddy(page) && PageBuddy(pfn_to_page(5000)));
	EXPECT_BUG(__free_page(page), "double free");
}

TEST(page_alloc_bug, double_free_by_address)
{
	unsigned long addr;

	EXPECT_OK(sim_boot_pc());
	addr = __get_free_pages(GFP_KERNEL, 2);
	free_pages(addr, 2);
	EXPECT_BUG(free_pages(addr, 2), "double free");
}

TEST(page_alloc_bug, free_of_a_reserved_page)
{
	EXPECT_OK(sim_boot_pc());
	EXPECT_BUG(__free_page(pfn_to_page(0)), "pfn 0 (phys 0x00000000): freeing a reserved page");
	EXPECT_BUG(__free_page(pfn_to_page(10243)), "freeing a reserved page"); /* a hole */
	EXPECT_BUG(free_page((unsigned long)mem_map), "freeing a reserved page");
	local_irq_enable();
	EXPECT_OK(sim_check());
}

TEST(page_alloc_bug, free_with_the_wrong_order)
{
	struct page *page;

	EXPECT_OK(sim_boot_pc());
	page = alloc_pages(GFP_KERNEL, 2);
	EXPECT(page);
	EXPECT_BUG(__free_pages(page, 1), "freed with a different order than it was allocated");
	EXPECT_BUG(__free_pages(page, 3), "freed with a different order");
	EXPECT_BUG(__free_pages(page, 0), "freed with a different order");
	local_irq_enable();
	__free_pages(page, 2); /* nothing was changed by the wrong ones */
	EXPECT_OK(sim_check());
}

/* A page in a lazily freed block: the allocator has never handed out anything there. */
TEST(page_alloc_bug, free_of_a_never_allocated_page)
{
	EXPECT_OK(sim_boot_pc());
	EXPECT(!page_struct_initialised(pfn_to_page(12288)));
	EXPECT_BUG(__free_page(pfn_to_page(12288 + 5)), "freed, but was never allocated");
	EXPECT_BUG(__free_page(pfn_to_page(12288)), "freed, but was never allocated");
	EXPECT_BUG(__free_page(pfn_to_page(16384)), "freed, but was never allocated"); /* a hole */
	local_irq_enable();
	EXPECT_OK(sim_check());
}

/*
 * A struct page past mem_map's end, such as virt_to_page() of a vmalloc address
 * gives. It is not memory the kernel may read: mem_map ends at the end of lowmem
 * when that is free, and the direct map with it (here, highmem faults).
 */
TEST(page_alloc_bug, free_of_a_page_outside_ram)
{
	EXPECT_OK(sim_boot_pc());
	EXPECT_BUG(__free_page(pfn_to_page(max_pfn + MAX_ORDER_NR_PAGES)), "not a page of RAM");
}

TEST(page_alloc_bug, free_pages_of_an_address_outside_lowmem)
{
	EXPECT_OK(sim_boot_pc());
	free_pages(0, 3); /* like kfree(NULL) */
	EXPECT_BUG(free_page((unsigned long)high_memory), "virt_addr_valid");
	EXPECT_BUG(free_page(PAGE_OFFSET - PAGE_SIZE), "virt_addr_valid");
	EXPECT_OK(sim_check());
}

TEST(page_alloc_bug, get_free_pages_of_highmem)
{
	EXPECT_OK(sim_boot_pc());
	EXPECT_BUG(__get_free_pages(GFP_HIGHUSER, 0), "__GFP_HIGHMEM");
	EXPECT_OK(sim_check());
}

/* A highmem page has no address to clear through: refused whatever zone would serve it. */
TEST(page_alloc_bug, gfp_zero_of_highmem)
{
	EXPECT_OK(sim_boot_pc());
	EXPECT_BUG(alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 0), "__GFP_HIGHMEM");
}
