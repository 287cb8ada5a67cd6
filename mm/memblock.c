/*
 * mm/memblock.c: the boot-time view of physical memory (see memblock.h).
 *
 * Each list is kept sorted, with no two regions overlapping or touching, so a
 * question about an address has one answer. The lists are short (the loader's
 * map has tens of entries), so plain insertion and rescans are fast enough.
 */
#include <asm/page.h>
#include <kspace/bug.h>
#include <kspace/kernel.h>
#include <kspace/memblock.h>
#include <kspace/printk.h>

#define FOUR_GB (1ULL << 32)

struct memblock memblock = {
	.memory.name = "memory",
	.reserved.name = "reserved",
};

static void remove_region(struct memblock_type *t, int i)
{
	for (; i + 1 < t->cnt; i++)
		t->regions[i] = t->regions[i + 1];
	t->cnt--;
}

static void insert_region(struct memblock_type *t, int i, u64 base, u64 size)
{
	if (t->cnt == MEMBLOCK_MAX_REGIONS)
		panic("memblock: more than %d %s regions", MEMBLOCK_MAX_REGIONS, t->name);
	for (int j = t->cnt; j > i; j--)
		t->regions[j] = t->regions[j - 1];
	t->regions[i] = (struct memblock_region){ base, size };
	t->cnt++;
}

/* Add [base, end) and merge it with every region it overlaps or touches. */
static void add_range(struct memblock_type *t, u64 base, u64 end)
{
	int i = 0;

	BUG_ON(memblock.retired);
	while (i < t->cnt && t->regions[i].base + t->regions[i].size < base)
		i++;
	while (i < t->cnt && t->regions[i].base <= end) {
		base = min(base, t->regions[i].base);
		end = max(end, t->regions[i].base + t->regions[i].size);
		remove_region(t, i);
	}
	insert_region(t, i, base, end - base);
}

/* Clip [base, base + size) below 4 GiB; false if nothing is left. RAM lost is reported. */
static bool clip_4g(u64 *base, u64 *end, u64 size, bool is_ram)
{
	*end = *base + size < *base ? ~0ULL : *base + size; /* a wrapping entry ends at the top */
	if (*end > FOUR_GB) {
		u64 above = *end - max(*base, FOUR_GB);
		if (is_ram)
			pr_info("memblock: ignoring %llu MiB of RAM above 4 GiB (no PAE)\n", above >> 20);
		*end = FOUR_GB;
	}
	return *base < *end;
}

void memblock_add(u64 base, u64 size)
{
	u64 end;

	if (!size || !clip_4g(&base, &end, size, true))
		return;
	base = ALIGN(base, (u64)PAGE_SIZE);
	end = ALIGN_DOWN(end, (u64)PAGE_SIZE);
	if (base < end)
		add_range(&memblock.memory, base, end);
}

void memblock_remove(u64 base, u64 size)
{
	struct memblock_type *t = &memblock.memory;
	u64 end;

	BUG_ON(memblock.retired);
	if (!size || !clip_4g(&base, &end, size, false))
		return;
	base = ALIGN_DOWN(base, (u64)PAGE_SIZE);
	end = ALIGN(end, (u64)PAGE_SIZE);
	for (int i = 0; i < t->cnt; i++) {
		u64 rb = t->regions[i].base, re = rb + t->regions[i].size;

		if (re <= base || rb >= end)
			continue;
		remove_region(t, i);
		if (re > end) /* keep the part above the hole */
			insert_region(t, i, end, re - end);
		if (rb < base) /* and the part below it */
			insert_region(t, i, rb, base - rb);
		i += (rb < base) + (re > end) - 1;
	}
}

void memblock_reserve(u64 base, u64 size)
{
	u64 end;

	if (!size || !clip_4g(&base, &end, size, false))
		return;
	add_range(&memblock.reserved, ALIGN_DOWN(base, (u64)PAGE_SIZE), ALIGN(end, (u64)PAGE_SIZE));
}

/*
 * Free ranges are memory regions minus reserved ones. Free range (m, r) is memory
 * region m cut to the gap before reserved region r (r == cnt: the gap after the
 * last one). *iter walks m * (reserved.cnt + 1) + r.
 */
bool memblock_next_free_range(int *iter, u64 *start, u64 *end)
{
	const struct memblock_type *mem = &memblock.memory, *res = &memblock.reserved;
	int gaps = res->cnt + 1;

	for (; *iter < mem->cnt * gaps; (*iter)++) {
		const struct memblock_region *m = &mem->regions[*iter / gaps];
		int r = *iter % gaps;
		u64 gap_lo = r ? res->regions[r - 1].base + res->regions[r - 1].size : 0;
		u64 gap_hi = r < res->cnt ? res->regions[r].base : ~0ULL;
		u64 lo = max(m->base, gap_lo), hi = min(m->base + m->size, gap_hi);

		if (lo < hi) {
			*start = lo;
			*end = hi;
			(*iter)++;
			return true;
		}
	}
	return false;
}

phys_addr_t memblock_alloc_range(u64 size, u64 align, u64 min_addr, u64 max_addr)
{
	u64 start, end, best = 0;
	bool found = false;
	int i = 0;

	BUG_ON(memblock.retired);
	if (!size || size > max_addr)
		return 0; /* also keeps the rounding below from wrapping */
	size = ALIGN(size, (u64)PAGE_SIZE);
	/* Top-down: the highest fit, keeping low memory (ISA DMA) for those who need it. */
	while (memblock_next_free_range(&i, &start, &end)) {
		u64 hi = min(end, max_addr), lo = max(start, min_addr);

		if (hi < lo + size)
			continue;
		u64 cand = ALIGN_DOWN(hi - size, align);
		if (cand >= lo && (!found || cand > best))
			best = cand, found = true;
	}
	if (!found || !best)
		return 0; /* 0 means failure: it is never handed out (the first page is reserved) */
	memblock_reserve(best, size);
	return (phys_addr_t)best;
}

u64 memblock_end_of_ram(void)
{
	const struct memblock_type *t = &memblock.memory;

	return t->cnt ? t->regions[t->cnt - 1].base + t->regions[t->cnt - 1].size : 0;
}

bool memblock_overlaps_memory(u64 base, u64 size)
{
	if (!size)
		return false;
	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (base < r->base + r->size && r->base < base + size)
			return true;
	}
	return false;
}

u64 memblock_phys_mem_size(void)
{
	u64 total = 0;

	for (int i = 0; i < memblock.memory.cnt; i++)
		total += memblock.memory.regions[i].size;
	return total;
}
