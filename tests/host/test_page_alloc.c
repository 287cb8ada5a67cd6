/*
 * tests/host/test_page_alloc.c: the buddy allocator (mm/page_alloc.c) and its boot
 * (mm/mm_init.c) on simulated machines, checked against the model in mm_sim.c: long
 * random alloc/free runs, every merge path, zone fallback and exhaustion, lazy struct
 * pages, and zeroing. The BUG()s are in test_page_alloc_bug.c.
 */
#include <stdint.h>
#include <string.h>

#include "kapi.h"
#include "mm_sim.h"
#include "test.h"

static uint64_t rng_state;

static uint64_t rnd(void) /* xorshift64: the same sequence on every host */
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

TEST(page_alloc, boot_pc)
{
	EXPECT_OK(sim_boot_pc());
	EXPECT_EQ_INT(max_pfn, 24581);
	EXPECT_EQ_INT(max_low_pfn, 12288);
}

TEST(page_alloc, boot_small)
{
	EXPECT_OK(sim_boot_small());
	EXPECT_EQ_INT(max_pfn, 3073);
	EXPECT(!zone_populated(&zone_table[ZONE_NORMAL]));
}

TEST(page_alloc, boot_no_highmem)
{
	EXPECT_OK(sim_boot_no_highmem());
	EXPECT_EQ_INT(max_pfn, 10247);
	EXPECT(!zone_populated(&zone_table[ZONE_HIGHMEM]));
}

/* The order of every block on every free list, by first pfn; -1 elsewhere. */
static void free_lists(signed char *listed, unsigned long n)
{
	memset(listed, -1, n);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			struct page *page;

			list_for_each_entry(page, &zone_table[z].free_area[o].free_list, lru)
				listed[page_to_pfn(page)] = (signed char)o;
		}
}

static const gfp_t random_masks[] = {
	GFP_DMA, GFP_KERNEL, GFP_HIGHUSER, GFP_KERNEL | __GFP_ZERO, GFP_DMA | __GFP_ZERO,
	__GFP_DMA | __GFP_HIGHMEM, /* DMA wins */
};

/* One random step: mostly small orders, sometimes any order, rarely an impossible one. */
static const char *random_step(bool growing)
{
	gfp_t gfp = random_masks[rnd() % ARRAY_SIZE(random_masks)];
	unsigned int order = rnd() % 4 ? rnd() % 4 : rnd() % MAX_ORDER;

	if (sim_nr_allocs() && rnd() % 100 >= (growing ? 70 : 30))
		return sim_free(sim_alloc_pfn(rnd() % sim_nr_allocs()));
	if (rnd() % 100 == 0)
		order = MAX_ORDER + rnd() % 24;
	return sim_alloc(gfp, order, !(gfp & __GFP_HIGHMEM) && rnd() % 4 == 0, NULL);
}

/*
 * nops random allocations and frees, in phases that fill memory up and drain it,
 * every answer checked against the model and the whole state every 4096 steps; then
 * everything is freed, and the free lists must be exactly what boot left. *step is
 * where it went wrong.
 */
static const char *random_run(uint64_t seed, long nops, long *step)
{
	static signed char before[1 << 16], after[1 << 16];
	bool growing = false;
	const char *e = NULL;
	long phase = 0;

	free_lists(before, sizeof(before));
	rng_state = seed;
	for (*step = 0; *step < nops; ++*step) {
		if (--phase <= 0)
			growing = !growing, phase = 1 + rnd() % 4000;
		e = random_step(growing);
		if (!e && *step % 4096 == 0)
			e = sim_check();
		if (e)
			return e;
	}
	while (sim_nr_allocs())
		if ((e = sim_free(sim_alloc_pfn(0))))
			return e;
	if ((e = sim_check()))
		return e;
	free_lists(after, sizeof(after));
	return memcmp(before, after, sizeof(before)) ? "the free lists differ from boot's" : NULL;
}

#define EXPECT_RANDOM_RUN(seed, nops)                                         \
	do {                                                                  \
		long step_;                                                   \
		const char *e_ = random_run(seed, nops, &step_);              \
		EXPECT_MSG(!e_, "seed %d, step %ld: %s", seed, step_, e_);    \
	} while (0)

TEST(page_alloc, random_pc)
{
	EXPECT_OK(sim_boot_pc());
	EXPECT_RANDOM_RUN(1, 200000);
}

TEST(page_alloc, random_small)
{
	EXPECT_OK(sim_boot_small());
	EXPECT_RANDOM_RUN(2, 200000);
}

TEST(page_alloc, random_no_highmem)
{
	EXPECT_OK(sim_boot_no_highmem());
	EXPECT_RANDOM_RUN(3, 200000);
}

/* ---- merging ---- */

static unsigned long bit_reverse10(unsigned long i)
{
	unsigned long r = 0;

	for (int b = 0; b < 10; b++)
		r |= ((i >> b) & 1) << (9 - b);
	return r;
}

/* Freeing orders for a block's pages: upwards, downwards, bit-reversed, shuffled. */
static void free_order(int pattern, unsigned long *perm)
{
	unsigned long n = MAX_ORDER_NR_PAGES;

	for (unsigned long i = 0; i < n; i++)
		perm[i] = pattern == 0 ? i : pattern == 1 ? n - 1 - i : bit_reverse10(i);
	for (unsigned long i = n - 1; pattern == 3 && i; i--) {
		unsigned long j = rnd() % (i + 1), t = perm[i];

		perm[i] = perm[j], perm[j] = t;
	}
}

/*
 * The small machine's block at pfn 1024 is wholly free. Take every page, then give
 * the block's 1024 pages back one at a time, in orders that merge with the buddy
 * below, the buddy above, early and late; after each page the free lists must be
 * exactly the maximal free blocks, and at the end the block is whole again.
 */
TEST(page_alloc, coalesce_every_merge_path)
{
	unsigned long perm[MAX_ORDER_NR_PAGES], n;

	EXPECT_OK(sim_boot_small());
	EXPECT_OK(sim_take_all(GFP_DMA, NULL));
	rng_state = 7;
	for (int pattern = 0; pattern < 4; pattern++) {
		free_order(pattern, perm);
		for (unsigned long i = 0; i < MAX_ORDER_NR_PAGES; i++) {
			EXPECT_OK(sim_free(1024 + perm[i]));
			EXPECT_OK(sim_check());
		}
		EXPECT_EQ_INT(zone_table[ZONE_DMA].free_area[MAX_ORDER - 1].nr_free, 1);
		EXPECT_OK(sim_take_all(GFP_DMA, &n));
		EXPECT_EQ_INT(n, MAX_ORDER_NR_PAGES);
	}
}

/*
 * RAM ends at pfn 5000, inside a MAX_ORDER block. The struct pages past mem_map's
 * end are made to look like free buddies: a block at the end of RAM must still never
 * merge with what lies beyond it.
 */
TEST(page_alloc, no_merge_beyond_end_of_ram)
{
	sim_ram(0, 0x9fc00);
	sim_ram(1 * MiB, 5000 * PAGE_SIZE - 1 * MiB);
	sim_reserve(0, 2 * MiB);
	sim_reserve(4900 * PAGE_SIZE, 90 * PAGE_SIZE); /* mem_map goes below, RAM after it */
	EXPECT_OK(sim_boot(12288));
	EXPECT_EQ_INT(max_pfn, 5000);
	EXPECT_OK(sim_take_all(GFP_KERNEL, NULL));
	for (unsigned long pfn = max_pfn; pfn < ALIGN(max_pfn, MAX_ORDER_NR_PAGES); pfn++) {
		struct page *fake = pfn_to_page(pfn);

		EXPECT((void *)(fake + 1) <= high_memory);
		fake->flags = 1UL << PG_buddy;
		fake->_count = 0;
		fake->private = min(__builtin_ctzl(pfn), MAX_ORDER - 2);
		INIT_LIST_HEAD(&fake->lru);
	}
	for (unsigned long pfn = 4992; pfn < 5000; pfn++) {
		EXPECT_OK(sim_free(pfn));
		EXPECT_OK(sim_check());
	}
	EXPECT(PageBuddy(pfn_to_page(4992)) && pfn_to_page(4992)->private == 3);
}

/* Every page of RAM, once, never a hole or a reservation; then all of them back. */
TEST(page_alloc, every_page_once_and_back)
{
	static signed char before[1 << 16], after[1 << 16];
	unsigned long n;

	EXPECT_OK(sim_boot_pc());
	free_lists(before, sizeof(before));
	EXPECT_OK(sim_take_all(GFP_HIGHUSER, &n));
	EXPECT_EQ_INT(n, totalram_pages);
	EXPECT_EQ_INT(nr_free_pages(), 0);
	EXPECT(sim_pfn_absent(10243) && sim_pfn_absent(10244)); /* the hole in ZONE_NORMAL */
	EXPECT(sim_pfn_absent(7680) && sim_pfn_absent(7682));   /* the boot module */
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		EXPECT(!alloc_pages(GFP_HIGHUSER, order));
		EXPECT(!alloc_pages(GFP_KERNEL, order));
		EXPECT(!__get_free_pages(GFP_DMA, order));
	}
	rng_state = 11;
	while (sim_nr_allocs())
		EXPECT_OK(sim_free(sim_alloc_pfn(rnd() % sim_nr_allocs())));
	EXPECT_OK(sim_check());
	free_lists(after, sizeof(after));
	EXPECT(!memcmp(before, after, sizeof(before)));
}

/* ---- zones and exhaustion ---- */

/* GFP_HIGHUSER drains HighMem, then Normal, then DMA; the others never touch HighMem. */
TEST(page_alloc, zone_fallback_order)
{
	struct page *page;
	int last = ZONE_HIGHMEM;

	EXPECT_OK(sim_boot_pc());
	do {
		EXPECT_OK(sim_alloc(GFP_HIGHUSER, 3, false, &page));
		EXPECT(!page || page_zone(page) <= &zone_table[last]);
		if (page)
			last = (int)(page_zone(page) - zone_table);
	} while (page);
	EXPECT_EQ_INT(last, ZONE_DMA);
	while (sim_nr_allocs())
		EXPECT_OK(sim_free(sim_alloc_pfn(0)));
	do {
		EXPECT_OK(sim_alloc(GFP_KERNEL, 0, false, &page));
		EXPECT(!page || !PageHighMem(page));
	} while (page);
	EXPECT_EQ_INT(zone_table[ZONE_HIGHMEM].free_pages, zone_table[ZONE_HIGHMEM].managed_pages);
}

/* Drain ZONE_DMA order by order: each order runs dry while smaller blocks remain. */
TEST(page_alloc, exhaustion_per_order)
{
	struct page *page;

	EXPECT_OK(sim_boot_pc());
	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		do
			EXPECT_OK(sim_alloc(GFP_DMA, order, false, &page));
		while (page);
		EXPECT_EQ_INT(sim_expected_zone(GFP_DMA, order), -1);
		if (order == MAX_ORDER - 1)
			EXPECT(zone_table[ZONE_DMA].free_pages > 0);
	}
	EXPECT_EQ_INT(zone_table[ZONE_DMA].free_pages, 0);
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		EXPECT(!alloc_pages(GFP_DMA, order));
	EXPECT_OK(sim_alloc(GFP_KERNEL, 0, false, &page));
	EXPECT(page && page_zone(page) == &zone_table[ZONE_NORMAL]);
	EXPECT_OK(sim_check());
}

/* Every other page free: plenty of memory, and not one order-1 block. */
TEST(page_alloc, fragmented_zone_refuses_larger_orders)
{
	struct page *page;

	EXPECT_OK(sim_boot_small());
	EXPECT_OK(sim_take_all(GFP_DMA, NULL));
	for (unsigned long i = sim_nr_allocs(); i--;)
		if (sim_alloc_pfn(i) % 2 == 0)
			EXPECT_OK(sim_free(sim_alloc_pfn(i)));
	EXPECT(zone_table[ZONE_DMA].free_pages > 1000);
	EXPECT_OK(sim_alloc(GFP_DMA, 1, false, &page));
	EXPECT(!page);
	EXPECT_OK(sim_alloc(GFP_KERNEL, 0, false, &page));
	EXPECT(page);
	EXPECT_OK(sim_check());
}

TEST(page_alloc, order_too_large_is_null)
{
	EXPECT_OK(sim_boot_pc());
	EXPECT(!alloc_pages(GFP_KERNEL, MAX_ORDER));
	EXPECT(!alloc_pages(GFP_HIGHUSER, 31));
	EXPECT(!alloc_pages(GFP_DMA, ~0u));
	EXPECT(!__get_free_pages(GFP_KERNEL, MAX_ORDER));
	EXPECT_OK(sim_alloc(GFP_HIGHUSER, MAX_ORDER + 1, false, NULL));
	EXPECT_OK(sim_check());
}

/* ---- lazy struct pages ---- */

/*
 * HighMem's blocks are wholly free at boot: each has only its first struct page
 * written. The first allocation from one sets up all 1024, and only that block.
 */
TEST(page_alloc, lazy_block_set_up_when_first_taken)
{
	unsigned long garbage, block;
	struct page *head, *page;

	EXPECT_OK(sim_boot_pc());
	head = pfn_to_page(12288);
	memset(&garbage, SIM_GARBAGE, sizeof(garbage));
	EXPECT(!page_struct_initialised(head));
	EXPECT(PageBuddy(head) && head->private == MAX_ORDER - 1 && head->_count == 0);
	EXPECT_EQ_INT(head[1].flags, garbage); /* untouched since boot */
	EXPECT_EQ_INT(head[MAX_ORDER_NR_PAGES - 1].flags, garbage);
	EXPECT(page_struct_initialised(pfn_to_page(0))); /* partly reserved: set up at boot */
	EXPECT(!page_struct_initialised(pfn_to_page(16384 + 5))); /* all hole: never */

	/* HighMem has free blocks of order 0 and 2 only at its ragged end: order 3 splits a 10 */
	EXPECT_OK(sim_alloc(GFP_HIGHUSER, 3, false, &page));
	block = ALIGN_DOWN(page_to_pfn(page), MAX_ORDER_NR_PAGES);
	EXPECT(block >= 12288 && block != 16384 && block < 24576);
	for (unsigned long pfn = block; pfn < block + MAX_ORDER_NR_PAGES; pfn++)
		EXPECT(page_struct_initialised(pfn_to_page(pfn)));
	EXPECT_OK(sim_check()); /* the block's pages right, the other lazy blocks untouched */
	EXPECT_OK(sim_free(page_to_pfn(page)));
	EXPECT_OK(sim_check());
}

/* An order-10 allocation of a lazy block gets 1024 set-up struct pages. */
TEST(page_alloc, lazy_block_taken_whole)
{
	struct page *page;

	EXPECT_OK(sim_boot_pc());
	for (int i = 0; i < 3; i++)
		EXPECT_OK(sim_alloc(GFP_HIGHUSER, MAX_ORDER - 1, false, &page));
	EXPECT_OK(sim_check());
	EXPECT_OK(sim_take_all(GFP_HIGHUSER, NULL));
	while (sim_nr_allocs())
		EXPECT_OK(sim_free(sim_alloc_pfn(0)));
	EXPECT_OK(sim_check());
}

/* ---- zeroing ---- */

static bool all_zero(const void *p, size_t n)
{
	static const unsigned char zero[PAGE_SIZE];

	for (size_t off = 0; off < n; off += PAGE_SIZE)
		if (memcmp((const char *)p + off, zero, PAGE_SIZE))
			return false;
	return true;
}

/* All RAM is garbage since boot, and one page is dirtied again: every page comes back zeroed. */
TEST(page_alloc, get_zeroed_page_zeroes)
{
	unsigned long dirty, addr;
	bool seen = false;

	EXPECT_OK(sim_boot_pc());
	dirty = __get_free_page(GFP_KERNEL);
	memset((void *)dirty, 0xff, PAGE_SIZE);
	free_page(dirty);
	while ((addr = get_zeroed_page(GFP_KERNEL))) {
		EXPECT_MSG(all_zero((void *)addr, PAGE_SIZE), "page at phys %#lx", __pa(addr));
		seen |= addr == dirty;
	}
	EXPECT(seen);
	EXPECT_EQ_INT(nr_free_pages(), zone_table[ZONE_HIGHMEM].free_pages);
}

TEST(page_alloc, gfp_zero_zeroes_every_page_of_a_block)
{
	struct page *page;

	EXPECT_OK(sim_boot_pc());
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, MAX_ORDER - 1);
	EXPECT(page && all_zero(lowmem_page_address(page), PAGE_SIZE << (MAX_ORDER - 1)));
	page = alloc_pages(GFP_DMA | __GFP_ZERO, 3);
	EXPECT(page && all_zero(lowmem_page_address(page), PAGE_SIZE << 3));
}
