/*
 * tests/host/test_memblock.c: memblock (mm/memblock.c), the boot-time map of RAM:
 * rounding, merging and splitting by example; random add/remove/reserve and
 * allocations checked against a page-granular model; the 4 GiB limit; and that it
 * refuses changes once the buddy allocator owns memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kapi.h"
#include "mm_sim.h"
#include "test.h"

#define GiB (1ULL << 30)

/* A type's regions as "base-end ..." in hex, for exact comparisons; "" when empty. */
static const char *regions(const struct memblock_type *t)
{
	static char buf[4096];
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < t->cnt && n < sizeof(buf); i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%llx-%llx", i ? " " : "",
			      (unsigned long long)t->regions[i].base,
			      (unsigned long long)(t->regions[i].base + t->regions[i].size));
	return buf;
}

/* memblock_next_free_range()'s answers, in the same format. */
static const char *free_ranges(void)
{
	static char buf[4096];
	size_t n = 0;
	u64 start, end;
	int i = 0;

	buf[0] = '\0';
	while (memblock_next_free_range(&i, &start, &end) && n < sizeof(buf))
		n += snprintf(buf + n, sizeof(buf) - n, "%s%llx-%llx", n ? " " : "",
			      (unsigned long long)start, (unsigned long long)end);
	return buf;
}

/* The invariant of both lists: sorted, disjoint, not touching, page-aligned, below 4 GiB. */
static bool well_formed(const struct memblock_type *t)
{
	for (int i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		if (!r->size || r->base % PAGE_SIZE || r->size % PAGE_SIZE)
			return false;
		if (r->base + r->size > 4 * GiB)
			return false;
		if (i && r->base <= t->regions[i - 1].base + t->regions[i - 1].size)
			return false;
	}
	return true;
}

#define EXPECT_WELL_FORMED()                                 \
	do {                                                 \
		EXPECT(well_formed(&memblock.memory));       \
		EXPECT(well_formed(&memblock.reserved));     \
	} while (0)

TEST(memblock, add_merges_overlapping_and_touching)
{
	memblock_add(0x8000, 0x1000);
	memblock_add(0x1000, 0x1000);
	memblock_add(0x3000, 0x1000);
	EXPECT_STREQ(regions(&memblock.memory), "1000-2000 3000-4000 8000-9000");
	memblock_add(0x2000, 0x1000); /* touches both neighbours */
	EXPECT_STREQ(regions(&memblock.memory), "1000-4000 8000-9000");
	memblock_add(0x2000, 0x7000); /* overlaps both */
	EXPECT_STREQ(regions(&memblock.memory), "1000-9000");
	memblock_add(0x0, 0x10000); /* swallows everything */
	EXPECT_STREQ(regions(&memblock.memory), "0-10000");
	EXPECT_EQ_INT(memblock_phys_mem_size(), 0x10000);
	EXPECT_WELL_FORMED();
}

TEST(memblock, add_rounds_inward)
{
	memblock_add(0x1001, 0x2000); /* [0x1001, 0x3001) holds one whole page */
	EXPECT_STREQ(regions(&memblock.memory), "2000-3000");
	memblock_add(0x5800, 0x800); /* no whole page */
	memblock_add(0x7fff, 0x2);
	memblock_add(0x9000, 0xfff);
	EXPECT_STREQ(regions(&memblock.memory), "2000-3000");
	memblock_add(0x3800, 0x1800); /* [0x3800, 0x5000) rounds to [0x4000, 0x5000) */
	EXPECT_STREQ(regions(&memblock.memory), "2000-3000 4000-5000");
	EXPECT_WELL_FORMED();
}

TEST(memblock, remove_and_reserve_round_outward)
{
	memblock_add(0, 0x10000);
	memblock_remove(0x3001, 0x10); /* inside one page: that page goes */
	EXPECT_STREQ(regions(&memblock.memory), "0-3000 4000-10000");
	memblock_reserve(0x5fff, 0x2); /* straddles two pages: both kept */
	memblock_reserve(0x9000, 0x1);
	EXPECT_STREQ(regions(&memblock.reserved), "5000-7000 9000-a000");
	memblock_reserve(0x7000, 0x2000); /* touches both: one region */
	EXPECT_STREQ(regions(&memblock.reserved), "5000-a000");
	EXPECT_STREQ(free_ranges(), "0-3000 4000-5000 a000-10000");
	EXPECT_WELL_FORMED();
}

TEST(memblock, zero_length_is_ignored)
{
	memblock_add(0x1000, 0x3000);
	memblock_add(0x8000, 0);
	memblock_remove(0x1800, 0); /* would otherwise round out to a page */
	memblock_reserve(0x2800, 0);
	EXPECT_STREQ(regions(&memblock.memory), "1000-4000");
	EXPECT_EQ_INT(memblock.reserved.cnt, 0);
}

TEST(memblock, remove_splits_trims_and_drops)
{
	memblock_add(0, 0x10000);
	memblock_add(0x20000, 0x10000);
	memblock_add(0x40000, 0x1000);
	memblock_remove(0x4000, 0x2000); /* splits */
	EXPECT_STREQ(regions(&memblock.memory), "0-4000 6000-10000 20000-30000 40000-41000");
	memblock_remove(0xe000, 0x14000); /* trims the ends of two regions */
	EXPECT_STREQ(regions(&memblock.memory), "0-4000 6000-e000 22000-30000 40000-41000");
	memblock_remove(0x3f000, 0x3000); /* covers one whole */
	memblock_remove(0x100000, 0x1000); /* touches nothing */
	EXPECT_STREQ(regions(&memblock.memory), "0-4000 6000-e000 22000-30000");
	memblock_remove(0, 0x30000); /* everything */
	EXPECT_EQ_INT(memblock.memory.cnt, 0);
	EXPECT_EQ_INT(memblock_end_of_ram(), 0);
}

/* A reservation is taken out of the free ranges whether it comes before the RAM or after. */
TEST(memblock, reserved_wins_in_either_order)
{
	char first[256];

	memblock_reserve(0x2800, 0x1000);
	memblock_add(0, 0x10000);
	memblock_reserve(0xf000, 0x4000); /* and beyond RAM's end */
	snprintf(first, sizeof(first), "%s", free_ranges());
	EXPECT_STREQ(first, "0-2000 4000-f000");

	memblock.memory.cnt = memblock.reserved.cnt = 0;
	memblock_add(0, 0x10000);
	memblock_reserve(0xf000, 0x4000);
	memblock_reserve(0x2800, 0x1000);
	EXPECT_STREQ(free_ranges(), first);
}

/* Holes in RAM (reserved map entries) are removed after RAM is added, as multiboot does. */
TEST(memblock, hole_wins_over_ram_it_overlaps)
{
	memblock_add(0, 0x9fc00);
	memblock_add(0x100000, 0x7f00000);
	memblock_add(0x9fc00, 0x400);  /* the EBDA listed as usable ... */
	memblock_remove(0x9fc00, 0x400); /* ... and as reserved */
	memblock_remove(0xf0000, 0x20000); /* a ROM overlapping RAM's start */
	memblock_remove(0x7fe0000, 0x40000); /* ACPI overlapping RAM's end */
	EXPECT_STREQ(regions(&memblock.memory), "0-9f000 110000-7fe0000");
	EXPECT_WELL_FORMED();
}

TEST(memblock, ram_reaching_above_4g_is_clipped)
{
	memblock_add(3 * GiB, 2 * GiB);
	EXPECT_STREQ(regions(&memblock.memory), "c0000000-100000000");
	EXPECT(strstr(printk_output(), "memblock: ignoring 1024 MiB of RAM above 4 GiB"));
	EXPECT_EQ_INT(memblock_end_of_ram(), 4 * GiB);
}

TEST(memblock, ram_wholly_above_4g_is_ignored)
{
	memblock_add(4 * GiB, 0x1000);
	memblock_add(5 * GiB, GiB);
	memblock_reserve(6 * GiB, MiB);
	EXPECT_EQ_INT(memblock.memory.cnt, 0);
	EXPECT_EQ_INT(memblock.reserved.cnt, 0);
	EXPECT(strstr(printk_output(), "memblock: ignoring 1024 MiB of RAM above 4 GiB"));
}

/*
 * A reserved map entry above 4 GiB is not RAM: the log must not say it is. AMD
 * machines list [0xfd00000000, 0x10000000000) as reserved.
 */
TEST(memblock, hole_above_4g_is_not_reported_as_ram)
{
	memblock_add(0, 16 * MiB);
	memblock_remove(0xfd00000000ULL, 0x300000000ULL);
	memblock_reserve(5 * GiB, MiB);
	EXPECT_STREQ(regions(&memblock.memory), "0-1000000");
	EXPECT_MSG(!strstr(printk_output(), "of RAM above 4 GiB"), "log: %s", printk_output());
}

/* base + size past 2^64 ends at the top of the address space, i.e. at 4 GiB. */
TEST(memblock, wrapping_entry_is_harmless)
{
	memblock_add(0x1000, ~0ULL);
	EXPECT_STREQ(regions(&memblock.memory), "1000-100000000");
	memblock_add(~0ULL - 0xfff, 0x2000);
	memblock_reserve(~0ULL - 0xfff, 0x2000);
	memblock_remove(~0ULL - 0xfff, 0x2000);
	EXPECT_STREQ(regions(&memblock.memory), "1000-100000000");
	EXPECT_EQ_INT(memblock.reserved.cnt, 0);
	memblock_reserve(0x10000, ~0ULL - 0x100);
	EXPECT_STREQ(regions(&memblock.reserved), "10000-100000000");
	memblock_remove(0x3000, ~0ULL);
	EXPECT_STREQ(regions(&memblock.memory), "1000-3000");
	EXPECT_STREQ(free_ranges(), "1000-3000");
	EXPECT_WELL_FORMED();
}

TEST(memblock, overlaps_memory)
{
	memblock_add(MiB, MiB);
	memblock_add(4 * MiB, MiB);
	EXPECT(!memblock_overlaps_memory(0, MiB)); /* touching is not overlapping */
	EXPECT(memblock_overlaps_memory(0, MiB + 1));
	EXPECT(memblock_overlaps_memory(2 * MiB - 1, 1));
	EXPECT(!memblock_overlaps_memory(2 * MiB, 2 * MiB));
	EXPECT(memblock_overlaps_memory(3 * MiB, 2 * MiB));
	EXPECT(memblock_overlaps_memory(0, 8 * MiB));
	EXPECT(!memblock_overlaps_memory(5 * MiB, GiB));
}

TEST(memblock, more_than_max_regions_panics)
{
	for (int i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		memblock_add(2ULL * i * PAGE_SIZE, PAGE_SIZE);
	EXPECT_EQ_INT(memblock.memory.cnt, MEMBLOCK_MAX_REGIONS);
	memblock_add(PAGE_SIZE, PAGE_SIZE); /* joins the first two: room for one more */
	EXPECT_EQ_INT(memblock.memory.cnt, MEMBLOCK_MAX_REGIONS - 1);
	memblock_add(1000 * PAGE_SIZE, PAGE_SIZE);
	EXPECT_EQ_INT(memblock.memory.cnt, MEMBLOCK_MAX_REGIONS);
	EXPECT_BUG(memblock_add(1002 * PAGE_SIZE, PAGE_SIZE), "more than 128 memory regions");
	EXPECT_BUG(memblock_remove(0x1800, 1), "more than 128 memory regions"); /* splits 0-3000 */
}

/* ---- allocation ---- */

/* RAM 1..64 MiB with 60..61 MiB reserved, and the first MiB reserved as on x86. */
static void small_map(void)
{
	memblock_add(0, 64 * MiB);
	memblock_reserve(0, MiB);
	memblock_reserve(60 * MiB, MiB);
}

TEST(memblock, alloc_range_takes_the_highest_fit)
{
	small_map();
	EXPECT_EQ_INT(memblock_alloc_range(0x1000, PAGE_SIZE, 0, 4 * GiB), 64 * MiB - 0x1000);
	/* 3 MiB + 1 byte is 3 MiB + 4 KiB, which no longer fits above 61 MiB */
	EXPECT_EQ_INT(memblock_alloc_range(3 * MiB + 1, PAGE_SIZE, 0, 4 * GiB), 57 * MiB - 0x1000);
	EXPECT_STREQ(regions(&memblock.reserved), "0-100000 38ff000-3d00000 3fff000-4000000");
	EXPECT_STREQ(free_ranges(), "100000-38ff000 3d00000-3fff000");
}

TEST(memblock, alloc_range_respects_limits_and_alignment)
{
	small_map();
	EXPECT_EQ_INT(memblock_alloc_range(0x1000, PAGE_SIZE, 0, 16 * MiB), 16 * MiB - 0x1000);
	EXPECT_EQ_INT(memblock_alloc_range(0x1000, 4 * MiB, 0, 16 * MiB), 12 * MiB);
	EXPECT_EQ_INT(memblock_alloc_range(0x1000, 64 * 1024, 0, 12 * MiB + 0x1fff),
		      12 * MiB - 64 * 1024);
	EXPECT_EQ_INT(memblock_alloc_range(2 * MiB, 4 * MiB, 5 * MiB, 64 * MiB), 56 * MiB);
	EXPECT_EQ_INT(memblock_alloc_range(0x1000, PAGE_SIZE, 61 * MiB, 64 * MiB),
		      64 * MiB - 0x1000);
	EXPECT_EQ_INT(memblock_alloc_range(0x1000, PAGE_SIZE, 60 * MiB, 61 * MiB), 0); /* taken */
	EXPECT_EQ_INT(memblock_alloc_range(0x1000, PAGE_SIZE, 8 * MiB, 4 * MiB), 0); /* min > max */
	EXPECT_EQ_INT(memblock_alloc_range(0x1000, PAGE_SIZE, 0, MiB), 0);
	EXPECT_WELL_FORMED();
}

TEST(memblock, alloc_range_returns_0_when_nothing_fits)
{
	char before[512];

	small_map();
	snprintf(before, sizeof(before), "%s", regions(&memblock.reserved));
	EXPECT_EQ_INT(memblock_alloc_range(60 * MiB, PAGE_SIZE, 0, 4 * GiB), 0);
	EXPECT_EQ_INT(memblock_alloc_range(MiB, PAGE_SIZE, 63 * MiB + 1, 4 * GiB), 0);
	EXPECT_EQ_INT(memblock_alloc_range(MiB, 128 * MiB, 0, 4 * GiB), 0);
	EXPECT_STREQ(regions(&memblock.reserved), before);
}

/* ---- random operations against a model: one bit per page ---- */

#define MODEL_PAGES 256 /* random_addr() and sizes keep everything below */

static uint64_t rng_state;

static uint64_t rnd(void) /* xorshift64 */
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static bool mem[MODEL_PAGES], res[MODEL_PAGES];

/* The model's runs of pages where pick() holds, in regions()' format. */
static const char *model_runs(bool (*pick)(int))
{
	static char buf[4096];
	size_t n = 0;

	buf[0] = '\0';
	for (int p = 0; p < MODEL_PAGES; p++) {
		int q = p;

		if (!pick(p))
			continue;
		while (q < MODEL_PAGES && pick(q))
			q++;
		n += snprintf(buf + n, sizeof(buf) - n, "%s%lx-%lx", n ? " " : "", p * PAGE_SIZE,
			      q * PAGE_SIZE);
		p = q;
	}
	return buf;
}

static bool is_mem(int p) { return mem[p]; }
static bool is_res(int p) { return res[p]; }
static bool is_free(int p) { return mem[p] && !res[p]; }

/* Pages wholly inside [base, base + size), or (outward) touching it, get *set = v. */
static void model_apply(bool *set, u64 base, u64 size, bool outward, bool v)
{
	for (u64 p = 0; p < MODEL_PAGES && size; p++) {
		u64 lo = p * PAGE_SIZE, hi = lo + PAGE_SIZE;

		if (outward ? lo < base + size && base < hi : base <= lo && hi <= base + size)
			set[p] = v;
	}
}

static bool model_fits(u64 c, u64 pages, u64 min, u64 max)
{
	for (u64 p = c / PAGE_SIZE; p < c / PAGE_SIZE + pages; p++)
		if (!is_free(p))
			return false;
	return c >= min && c + pages * PAGE_SIZE <= max;
}

/* The highest aligned c with [c, c + size) free and inside [min, max); 0 if none. */
static u64 model_alloc(u64 size, u64 align, u64 min, u64 max)
{
	u64 pages = DIV_ROUND_UP(size, PAGE_SIZE);

	for (u64 c = ALIGN_DOWN((MODEL_PAGES - pages) * PAGE_SIZE, align);; c -= align) {
		if (model_fits(c, pages, min, max))
			return c;
		if (c < align)
			return 0;
	}
}

/* An address near the model's range, often unaligned, sometimes page-aligned. */
static u64 random_addr(void)
{
	u64 a = rnd() % ((MODEL_PAGES - 32) * PAGE_SIZE);

	return rnd() % 4 ? a : a & PAGE_MASK;
}

static void random_op(void)
{
	u64 base = random_addr(), size = rnd() % 8 ? random_addr() / 8 : 0;

	switch (rnd() % 3) {
	case 0:
		memblock_add(base, size);
		model_apply(mem, base, size, false, true);
		break;
	case 1:
		memblock_remove(base, size);
		model_apply(mem, base, size, true, false);
		break;
	default:
		memblock_reserve(base, size);
		model_apply(res, base, size, true, true);
	}
}

TEST(memblock, random_ops_match_page_model)
{
	for (rng_state = 1; rng_state < 9; rng_state++) {
		memblock.memory.cnt = memblock.reserved.cnt = 0;
		memset(mem, 0, sizeof(mem));
		memset(res, 0, sizeof(res));
		for (int i = 0; i < 2000; i++) {
			random_op();
			EXPECT_STREQ(regions(&memblock.memory), model_runs(is_mem));
			EXPECT_STREQ(regions(&memblock.reserved), model_runs(is_res));
			EXPECT_STREQ(free_ranges(), model_runs(is_free));
		}
	}
}

TEST(memblock, random_allocs_match_page_model)
{
	static const u64 aligns[] = { PAGE_SIZE, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 16 * PAGE_SIZE };

	rng_state = 42;
	for (int i = 0; i < 5000; i++) {
		u64 size = 1 + rnd() % (6 * PAGE_SIZE), align = aligns[rnd() % 4];
		u64 min = random_addr(), max = rnd() % 4 ? random_addr() : 4 * GiB;
		u64 want = model_alloc(size, align, min, max);

		if (i % 50 == 0) { /* refill: a fresh random map, page 0 reserved as on x86 */
			memblock.memory.cnt = memblock.reserved.cnt = 0;
			memset(mem, 0, sizeof(mem));
			memset(res, 0, sizeof(res));
			for (int j = 0; j < 40; j++)
				random_op();
			memblock_reserve(0, 1);
			res[0] = true;
			continue;
		}
		EXPECT_EQ_INT(memblock_alloc_range(size, align, min, max), want);
		model_apply(res, want, want ? size : 0, true, true);
		EXPECT_STREQ(regions(&memblock.reserved), model_runs(is_res));
	}
}

/* ---- the end of memblock's life ---- */

TEST(memblock, end_of_ram_and_size)
{
	EXPECT_EQ_INT(memblock_end_of_ram(), 0);
	EXPECT_EQ_INT(memblock_phys_mem_size(), 0);
	memblock_add(0, 0x9fc00);
	memblock_add(MiB, 31 * MiB);
	memblock_reserve(0, 2 * MiB); /* reservations do not change either */
	EXPECT_EQ_INT(memblock_end_of_ram(), 32 * MiB);
	EXPECT_EQ_INT(memblock_phys_mem_size(), 31 * MiB + 0x9f000);
}

TEST(memblock, retired_after_boot)
{
	EXPECT_OK(sim_boot_small());
	EXPECT(memblock.retired);
	EXPECT_BUG(memblock_add(64 * MiB, MiB), "memblock.retired");
	EXPECT_BUG(memblock_remove(0, MiB), "memblock.retired");
	EXPECT_BUG(memblock_reserve(2 * MiB, MiB), "memblock.retired");
	EXPECT_BUG(memblock_alloc_range(PAGE_SIZE, PAGE_SIZE, 0, 4 * GiB), "memblock.retired");
}
