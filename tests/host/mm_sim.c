/*
 * tests/host/mm_sim.c: the simulated machine and the model of the page allocator
 * (see mm_sim.h), and what the mm code needs from the rest of the kernel on the host:
 * the physical memory behind __va(), high_memory and a simulated EFLAGS.IF.
 *
 * The model tracks, per pfn, FREE, ABSENT (never the allocator's) or the id of the
 * allocation holding it, and per order k the free pages in each aligned 2^k block.
 * A zone can satisfy an order-k request exactly when one of its aligned 2^k blocks is
 * wholly free; and the buddy free lists must hold exactly the maximal wholly free
 * aligned blocks (no two free buddies unmerged), so both follow from the model alone.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <asm/irqflags.h>

#include "kapi.h"
#include "mm_sim.h"

#include <kspace/highmem.h>
#include <kspace/slab.h>
#include <kspace/vmstat.h>

#define FREE 0L
#define ABSENT (-1L)
#define MAX_RANGES 16

unsigned char *host_phys_base;
void *high_memory;
unsigned long host_eflags = X86_EFLAGS_IF;

struct ranges {
	int n;
	struct memblock_region r[MAX_RANGES];
};

static struct ranges ram, holes, reserved;

struct allocation {
	unsigned long pfn;
	unsigned int order;
	bool by_address;
};

static struct {
	unsigned long zone_end[MAX_NR_ZONES];
	unsigned long nr_pfns;              /* max_pfn rounded up to a MAX_ORDER block */
	long *owner;                        /* per pfn: FREE, ABSENT or an allocation id */
	unsigned short *free_in[MAX_ORDER]; /* [k][i]: free pages in block i of 2^k pages */
	unsigned long whole[MAX_NR_ZONES][MAX_ORDER]; /* wholly free aligned blocks, per zone */
	unsigned long free[MAX_NR_ZONES], managed[MAX_NR_ZONES], present[MAX_NR_ZONES];
	bool *ready;                        /* per MAX_ORDER block: struct pages set up */
	struct allocation *allocs;          /* live allocations, in no order */
	long *alloc_at;                     /* per pfn: index in allocs of the one starting there */
	unsigned long nr_allocs, last_id;
} m;

static char err[1024];

__attribute__((format(printf, 1, 2))) static const char *fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, sizeof(err), fmt, ap);
	va_end(ap);
	return err;
}

/* mm_core_init() is not run on the host: these only let mm/mm_init.o link. */
static __noreturn void not_on_host(const char *fn)
{
	test_fail(__FILE__, __LINE__, "%s() called: not available on the host", fn);
	test_finish();
}

void kmem_cache_init(void) { not_on_host(__func__); }
void page_address_init(void) { not_on_host(__func__); }
void buddyinfo_render(struct seq_buf *s __attribute__((unused))) { not_on_host(__func__); }
void meminfo_render(struct seq_buf *s __attribute__((unused))) { not_on_host(__func__); }

/* ---- the machine ---- */

static void add_range(struct ranges *t, u64 base, u64 size)
{
	if (t->n == MAX_RANGES) {
		test_fail(__FILE__, __LINE__, "more than %d ranges", MAX_RANGES);
		test_finish();
	}
	t->r[t->n++] = (struct memblock_region){ base, size };
}

void sim_ram(u64 base, u64 size) { add_range(&ram, base, size); }
void sim_hole(u64 base, u64 size) { add_range(&holes, base, size); }
void sim_reserve(u64 base, u64 size) { add_range(&reserved, base, size); }

/* Does pfn lie in one of t's ranges, rounded inward (outward: touches one)? */
static bool in_ranges(const struct ranges *t, unsigned long pfn, bool outward)
{
	u64 lo = (u64)pfn << PAGE_SHIFT, hi = lo + PAGE_SIZE;

	for (int i = 0; i < t->n; i++) {
		u64 base = t->r[i].base, end = base + t->r[i].size;

		if (end < base || end > (1ULL << 32)) /* memblock clips at 4 GiB */
			end = 1ULL << 32;
		if (!t->r[i].size)
			continue;
		if (outward ? lo < end && base < hi : base <= lo && hi <= end)
			return true;
	}
	return false;
}

static bool present_at_boot(unsigned long pfn)
{
	return in_ranges(&ram, pfn, false) && !in_ranges(&holes, pfn, true);
}

static bool in_mem_map(unsigned long pfn)
{
	return pfn >= PFN_DOWN(__pa(mem_map)) && pfn < PFN_UP(__pa(mem_map + max_pfn));
}

/* mem_map must lie in lowmem RAM that nothing else had taken. */
static bool mem_map_placed_well(void)
{
	unsigned long end = PFN_UP(__pa(mem_map + max_pfn));

	for (unsigned long pfn = PFN_DOWN(__pa(mem_map)); pfn < end; pfn++)
		if (pfn >= max_low_pfn || !present_at_boot(pfn) || in_ranges(&reserved, pfn, true))
			return false;
	return true;
}

static bool free_at_boot(unsigned long pfn)
{
	return pfn < max_pfn && present_at_boot(pfn) && !in_ranges(&reserved, pfn, true) &&
	       !in_mem_map(pfn);
}

static void *ram_map; /* the host mapping, kept for the next machine (sim_reset) */
static size_t ram_size;

/*
 * Physical memory [0, max_pfn): garbage-filled lowmem, and highmem that faults. A
 * mapping large enough is reused: faulting its pages in again is most of a boot's time.
 */
static void map_ram(void)
{
	size_t size = (max_pfn ? max_pfn : 1) << PAGE_SHIFT, low = max_low_pfn << PAGE_SHIFT;
	void *p = ram_size >= size ? ram_map : NULL;

	if (!p) {
		if (ram_size)
			munmap(ram_map, ram_size);
		ram_size = 0;
		p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	}
	if (p == MAP_FAILED || (ram_size && mprotect(p, ram_size, PROT_NONE)) ||
	    (low && mprotect(p, low, PROT_READ | PROT_WRITE))) {
		test_fail(__FILE__, __LINE__, "cannot map %zu MiB of simulated RAM", size >> 20);
		test_finish();
	}
	memset(p, SIM_GARBAGE, low);
	host_phys_base = ram_map = p;
	ram_size = ram_size >= size ? ram_size : size;
}

/* ---- the model ---- */

static int zone_of(unsigned long pfn)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (pfn < m.zone_end[z])
			return z;
	return -1;
}

/* The zone an aligned 2^order block lies wholly in, or -1. */
static int block_zone(unsigned long pfn, unsigned int order)
{
	int z = zone_of(pfn);

	return z >= 0 && pfn + (1UL << order) <= m.zone_end[z] ? z : -1;
}

static void set_free_in(unsigned int k, unsigned long i, unsigned long n)
{
	bool was = m.free_in[k][i] == 1UL << k, now = n == 1UL << k;
	int z = block_zone(i << k, k);

	m.free_in[k][i] = n;
	if (was != now && z >= 0)
		m.whole[z][k] += now ? 1 : -1;
}

/* Pages [pfn, pfn + 2^order) become free or are taken by owner. */
static void model_set(unsigned long pfn, unsigned int order, long owner)
{
	unsigned long n = 1UL << order;
	bool free = owner == FREE;

	for (unsigned long i = 0; i < n; i++)
		m.owner[pfn + i] = owner;
	for (unsigned int k = 0; k < MAX_ORDER; k++) {
		if (k <= order) {
			for (unsigned long i = pfn >> k; i < (pfn + n) >> k; i++)
				set_free_in(k, i, free ? 1UL << k : 0);
		} else {
			unsigned long i = pfn >> k;
			set_free_in(k, i, free ? m.free_in[k][i] + n : m.free_in[k][i] - n);
		}
	}
	m.free[zone_of(pfn)] += free ? n : -n;
}

static void *zalloc(size_t n)
{
	void *p = calloc(n ? n : 1, 1);

	if (!p) {
		test_fail(__FILE__, __LINE__, "out of host memory");
		test_finish();
	}
	return p;
}

static void model_init(const unsigned long *zone_end)
{
	memcpy(m.zone_end, zone_end, sizeof(m.zone_end));
	m.nr_pfns = ALIGN(max_pfn, MAX_ORDER_NR_PAGES);
	m.owner = zalloc(m.nr_pfns * sizeof(*m.owner));
	m.alloc_at = zalloc(m.nr_pfns * sizeof(*m.alloc_at));
	m.allocs = zalloc(m.nr_pfns * sizeof(*m.allocs));
	m.ready = zalloc(m.nr_pfns / MAX_ORDER_NR_PAGES);
	for (int k = 0; k < MAX_ORDER; k++)
		m.free_in[k] = zalloc((m.nr_pfns >> k) * sizeof(*m.free_in[k]));
	for (unsigned long pfn = 0; pfn < m.nr_pfns; pfn++) {
		m.owner[pfn] = ABSENT;
		m.alloc_at[pfn] = -1;
		if (pfn < max_pfn && present_at_boot(pfn))
			m.present[zone_of(pfn)]++;
		if (free_at_boot(pfn))
			model_set(pfn, 0, FREE);
	}
	memcpy(m.managed, m.free, sizeof(m.managed));
	/* Partly free blocks are set up at boot; wholly free ones when first taken. */
	for (unsigned long b = 0; b < m.nr_pfns / MAX_ORDER_NR_PAGES; b++) {
		unsigned long n = m.free_in[MAX_ORDER - 1][b];

		m.ready[b] = n && n < MAX_ORDER_NR_PAGES;
	}
}

/* Zones to try, best first, as gfp.h specifies; -1 ends the list. */
static const int *zonelist(gfp_t gfp)
{
	static const int dma[] = { ZONE_DMA, -1 };
	static const int kernel[] = { ZONE_NORMAL, ZONE_DMA, -1 };
	static const int highuser[] = { ZONE_HIGHMEM, ZONE_NORMAL, ZONE_DMA, -1 };

	if (gfp & __GFP_DMA)
		return dma;
	return gfp & __GFP_HIGHMEM ? highuser : kernel;
}

int sim_expected_zone(gfp_t gfp, unsigned int order)
{
	if (order >= MAX_ORDER)
		return -1;
	for (const int *z = zonelist(gfp); *z >= 0; z++)
		if (m.whole[*z][order])
			return *z;
	return -1;
}

bool sim_pfn_absent(unsigned long pfn) { return pfn >= max_pfn || m.owner[pfn] == ABSENT; }
unsigned long sim_nr_allocs(void) { return m.nr_allocs; }
unsigned long sim_alloc_pfn(unsigned long i) { return m.allocs[i].pfn; }

/* ---- checking the allocator against the model ---- */

static bool page_in_mem_map(const struct page *page)
{
	uintptr_t off = (uintptr_t)page - (uintptr_t)mem_map;

	return off < max_pfn * sizeof(struct page) && off % sizeof(struct page) == 0;
}

static const char *check_counters(void)
{
	unsigned long total = 0;

	if (!(host_eflags & X86_EFLAGS_IF))
		return fail("interrupts left disabled");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		if (zone_table[z].free_pages != m.free[z])
			return fail("zone %s: free_pages %lu, model %lu", zone_table[z].name,
				    zone_table[z].free_pages, m.free[z]);
		total += m.free[z];
	}
	if (nr_free_pages() != total)
		return fail("nr_free_pages() %lu, model %lu", nr_free_pages(), total);
	return NULL;
}

static const char *check_zones(void)
{
	unsigned long start = 0, total = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zone_table[z];

		if (zone->zone_start_pfn != start || zone_end_pfn(zone) != m.zone_end[z])
			return fail("zone %s spans %lu..%lu, expected %lu..%lu", zone->name,
				    zone->zone_start_pfn, zone_end_pfn(zone), start,
				    m.zone_end[z]);
		if (zone->present_pages != m.present[z] || zone->managed_pages != m.managed[z])
			return fail("zone %s: present %lu managed %lu, expected %lu and %lu",
				    zone->name, zone->present_pages, zone->managed_pages,
				    m.present[z], m.managed[z]);
		start = m.zone_end[z];
		total += m.managed[z];
	}
	if (totalram_pages != total || totalhigh_pages != m.managed[ZONE_HIGHMEM])
		return fail("totalram_pages %lu totalhigh_pages %lu, expected %lu and %lu",
			    totalram_pages, totalhigh_pages, total, m.managed[ZONE_HIGHMEM]);
	return check_counters();
}

/* One free-list entry: a block of 2^o pages, aligned, inside the zone, marked free. */
static const char *check_listed(const struct zone *zone, unsigned int o, const struct page *page,
				const signed char *listed)
{
	unsigned long pfn = page_to_pfn(page);

	if (pfn & ((1UL << o) - 1) || pfn < zone->zone_start_pfn ||
	    pfn + (1UL << o) > zone_end_pfn(zone))
		return fail("zone %s order %u: block at pfn %lu misaligned or outside the zone",
			    zone->name, o, pfn);
	if (!PageBuddy(page) || page->private != o || listed[pfn] >= 0)
		return fail("zone %s order %u: pfn %lu has buddy %d order %u, already listed %d",
			    zone->name, o, pfn, PageBuddy(page), page->private, listed[pfn]);
	return NULL;
}

/* Walk every free list, recording each block's order at its first pfn in listed[]. */
static const char *walk_free_lists(signed char *listed)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zone_table[z];

		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			const struct list_head *head = &zone->free_area[o].free_list, *e;
			unsigned long n = 0, nr_free = zone->free_area[o].nr_free;
			const char *bad;

			for (e = head->next; e != head; e = e->next, n++) {
				const struct page *page = list_entry(e, struct page, lru);

				if (n == nr_free || !page_in_mem_map(page) ||
				    e->next->prev != e)
					return fail("zone %s order %u: list corrupt after %lu",
						    zone->name, o, n);
				if ((bad = check_listed(zone, o, page, listed)))
					return bad;
				listed[page_to_pfn(page)] = (signed char)o;
			}
			if (n != nr_free)
				return fail("zone %s order %u: %lu blocks listed, nr_free %lu",
					    zone->name, o, n, nr_free);
		}
	}
	return NULL;
}

/* The free blocks a correct buddy allocator has: the maximal wholly free aligned ones. */
static void expect_blocks(unsigned long pfn, unsigned int order, signed char *expected)
{
	if (m.free_in[order][pfn >> order] == 1UL << order && block_zone(pfn, order) >= 0) {
		expected[pfn] = (signed char)order;
	} else if (order) {
		expect_blocks(pfn, order - 1, expected);
		expect_blocks(pfn + (1UL << (order - 1)), order - 1, expected);
	}
}

static const char *check_page(unsigned long pfn, int listed)
{
	const struct page *page = pfn_to_page(pfn);
	long owner = m.owner[pfn], at = m.alloc_at[pfn];
	unsigned long flags = 0;
	int count = 0;
	unsigned int private = 0;

	if (owner == ABSENT)
		flags = 1UL << PG_reserved, count = 1;
	else if (owner == FREE && listed >= 0)
		flags = 1UL << PG_buddy, private = (unsigned int)listed;
	else if (at >= 0)
		count = 1, private = m.allocs[at].order;
	if (page->flags != flags || page->_count != count || page->private != private)
		return fail("pfn %lu (%s): flags %#lx count %d private %u, expected %#lx %d %u",
			    pfn, owner == ABSENT ? "not the allocator's" :
			    owner == FREE ? "free" : "allocated",
			    page->flags, page->_count, page->private, flags, count, private);
	return NULL;
}

/* Every struct page that is set up describes its pfn's state in the model. */
static const char *check_pages(const signed char *listed)
{
	for (unsigned long pfn = 0; pfn < m.nr_pfns; pfn++) {
		bool ready = pfn < max_pfn && m.ready[pfn / MAX_ORDER_NR_PAGES];
		const char *e;

		if (page_struct_initialised(pfn_to_page(pfn)) != ready)
			return fail("pfn %lu: page_struct_initialised() is %d, expected %d", pfn,
				    !ready, ready);
		if (ready && (e = check_page(pfn, listed[pfn])))
			return e;
	}
	return NULL;
}

const char *sim_check(void)
{
	signed char *listed = zalloc(m.nr_pfns), *expected = zalloc(m.nr_pfns);
	const char *e;

	memset(listed, -1, m.nr_pfns);
	memset(expected, -1, m.nr_pfns);
	e = check_zones();
	if (!e)
		e = walk_free_lists(listed);
	for (unsigned long b = 0; !e && b < m.nr_pfns; b += MAX_ORDER_NR_PAGES)
		expect_blocks(b, MAX_ORDER - 1, expected);
	for (unsigned long pfn = 0; !e && pfn < m.nr_pfns; pfn++)
		if (listed[pfn] != expected[pfn])
			e = fail("pfn %lu: a free block of order %d there, expected %d", pfn,
				 listed[pfn], expected[pfn]);
	if (!e)
		e = check_pages(listed);
	free(listed);
	free(expected);
	return e;
}

const char *sim_boot(unsigned long maxmem_pfns)
{
	unsigned long zone_end[MAX_NR_ZONES], last = 1UL << (32 - PAGE_SHIFT);

	for (int i = 0; i < ram.n; i++)
		memblock_add(ram.r[i].base, ram.r[i].size);
	for (int i = 0; i < holes.n; i++)
		memblock_remove(holes.r[i].base, holes.r[i].size);
	for (int i = 0; i < reserved.n; i++)
		memblock_reserve(reserved.r[i].base, reserved.r[i].size);
	max_pfn = PFN_DOWN(memblock_end_of_ram());
	max_low_pfn = min(max_pfn, maxmem_pfns);
	map_ram();
	high_memory = __va(PFN_PHYS(max_low_pfn));
	zone_end[ZONE_DMA] = min(SIM_DMA_PFNS, max_low_pfn);
	zone_end[ZONE_NORMAL] = max_low_pfn;
	zone_end[ZONE_HIGHMEM] = max_pfn;
	free_area_init(zone_end);

	while (last && !present_at_boot(last - 1)) /* the end of RAM, from the list */
		last--;
	if (max_pfn != last)
		return fail("max_pfn %lu, but RAM ends at pfn %lu", max_pfn, last);
	if (!mem_map_placed_well())
		return fail("mem_map at phys %#lx is not in free lowmem", __pa(mem_map));
	model_init(zone_end);
	return sim_check();
}

/*
 * Forget the machine and free the model: for tests/fuzz/multiboot.c, which boots many
 * machines in one process (the allocator's own state is its business; the RAM mapping
 * is kept for the next machine).
 */
void sim_reset(void)
{
	for (int k = 0; k < MAX_ORDER; k++)
		free(m.free_in[k]);
	free(m.owner);
	free(m.alloc_at);
	free(m.allocs);
	free(m.ready);
	memset(&m, 0, sizeof(m));
	ram.n = holes.n = reserved.n = 0;
}

/* ---- standard machines ---- */

/*
 * A PC scaled down: 96 MiB + 20 KiB of RAM with the 640 KiB-1 MiB gap, lowmem ending
 * at 48 MiB, a two-page hole in ZONE_NORMAL and a whole MAX_ORDER block of hole in
 * highmem, the first MiB, a kernel image and a boot module reserved. RAM ends
 * mid-block, as on real machines.
 */
const char *sim_boot_pc(void)
{
	sim_ram(0, 0x9fc00);
	sim_ram(1 * MiB, 95 * MiB + 0x5123);
	sim_hole(40 * MiB + 0x3800, 0x1000);
	sim_hole(64 * MiB, 4 * MiB);
	sim_reserve(0, 1 * MiB);
	sim_reserve(1 * MiB, 0x17f123);
	sim_reserve(30 * MiB + 0x800, 0x2000);
	return sim_boot(12288);
}

/* 12 MiB + 6 KiB: everything is ZONE_DMA, which ends mid-block. */
const char *sim_boot_small(void)
{
	sim_ram(0, 0x9fc00);
	sim_ram(1 * MiB, 11 * MiB + 0x1800);
	sim_reserve(0, 1 * MiB);
	sim_reserve(1 * MiB, 0x80000);
	return sim_boot(12288);
}

/* 40 MiB + 28 KiB, all lowmem: ZONE_NORMAL ends mid-block, no highmem. */
const char *sim_boot_no_highmem(void)
{
	sim_ram(0, 0x9fc00);
	sim_ram(1 * MiB, 39 * MiB + 0x7000);
	sim_reserve(0, 1 * MiB);
	sim_reserve(1 * MiB, 0x100000);
	return sim_boot(12288);
}

/* ---- allocating and freeing through the model ---- */

static u64 signature(unsigned long pfn, long id) { return (u64)id << 32 | pfn; }

static u64 *page_word(unsigned long pfn, bool last)
{
	return (u64 *)((char *)lowmem_page_address(pfn_to_page(pfn)) + (last ? PAGE_SIZE - 8 : 0));
}

/*
 * Check the new block is free in the model and set up as an allocation should be.
 * __GFP_ZERO is checked on the first and last word of each page (RAM is garbage
 * until written); get_zeroed_page's own test reads every byte.
 */
static const char *check_new_block(struct page *page, unsigned int order, gfp_t gfp, int want)
{
	unsigned long pfn = page_to_pfn(page);

	if (pfn & ((1UL << order) - 1))
		return fail("order %u: pfn %lu is not aligned", order, pfn);
	if (zone_of(pfn) != want)
		return fail("gfp %#x order %u: pfn %lu is in zone %d, expected zone %d", gfp, order,
			    pfn, zone_of(pfn), want);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		const struct page *p = page + i;

		if (m.owner[pfn + i] != FREE)
			return fail("pfn %lu handed out, but it is %s", pfn + i,
				    m.owner[pfn + i] == ABSENT ? "not the allocator's" : "taken");
		if (p->flags || p->_count != !i || p->private != (i ? 0 : order))
			return fail("pfn %lu, page %lu of an order-%u block: flags %#lx count %d "
				    "private %u", pfn, i, order, p->flags, p->_count, p->private);
		if (pfn < max_low_pfn && (gfp & __GFP_ZERO) &&
		    (*page_word(pfn + i, false) || *page_word(pfn + i, true)))
			return fail("__GFP_ZERO, but pfn %lu is not zeroed", pfn + i);
	}
	return NULL;
}

const char *sim_alloc(gfp_t gfp, unsigned int order, bool by_address, struct page **pagep)
{
	int want = sim_expected_zone(gfp, order);
	struct page *page;
	unsigned long pfn;
	const char *e;

	if (by_address) {
		unsigned long addr = __get_free_pages(gfp, order);

		if (addr & ~PAGE_MASK)
			return fail("__get_free_pages: %#lx is not a page address", addr);
		page = addr ? virt_to_page(addr) : NULL;
	} else {
		page = alloc_pages(gfp, order);
	}
	if (pagep)
		*pagep = page;
	if (!page && want >= 0)
		return fail("gfp %#x order %u: NULL, but zone %d has a free block", gfp, order,
			    want);
	if (!page)
		return NULL;
	if (want < 0)
		return fail("gfp %#x order %u: got pfn %lu, expected NULL", gfp, order,
			    page_to_pfn(page));
	if (!page_in_mem_map(page))
		return fail("gfp %#x order %u: %p is not in mem_map", gfp, order, (void *)page);
	if ((e = check_new_block(page, order, gfp, want)))
		return e;

	pfn = page_to_pfn(page);
	model_set(pfn, order, ++m.last_id);
	m.ready[pfn / MAX_ORDER_NR_PAGES] = true;
	m.alloc_at[pfn] = (long)m.nr_allocs;
	m.allocs[m.nr_allocs++] = (struct allocation){ pfn, order, by_address };
	for (unsigned long i = 0; pfn < max_low_pfn && i < (1UL << order); i++) {
		*page_word(pfn + i, false) = signature(pfn + i, m.last_id);
		*page_word(pfn + i, true) = signature(pfn + i, m.last_id);
	}
	return check_counters();
}

const char *sim_free(unsigned long pfn)
{
	long at = pfn < m.nr_pfns ? m.alloc_at[pfn] : -1;
	struct allocation a;

	if (at < 0)
		return fail("no allocation starts at pfn %lu", pfn);
	a = m.allocs[at];
	for (unsigned long i = 0; pfn < max_low_pfn && i < (1UL << a.order); i++) {
		u64 *first = page_word(pfn + i, false), *last = page_word(pfn + i, true);

		if (*first != signature(pfn + i, m.owner[pfn]) || *last != *first)
			return fail("pfn %lu was overwritten while allocated", pfn + i);
		memset(first, SIM_GARBAGE, 8);
		memset(last, SIM_GARBAGE, 8);
	}
	if (a.by_address)
		free_pages((unsigned long)lowmem_page_address(pfn_to_page(pfn)), a.order);
	else
		__free_pages(pfn_to_page(pfn), a.order);

	model_set(pfn, a.order, FREE);
	m.allocs[at] = m.allocs[--m.nr_allocs];
	m.alloc_at[m.allocs[at].pfn] = at;
	m.alloc_at[pfn] = -1;
	return check_counters();
}

const char *sim_take_all(gfp_t gfp, unsigned long *n)
{
	struct page *page;
	const char *e;

	if (n)
		*n = 0;
	while (!(e = sim_alloc(gfp, 0, false, &page)) && page)
		if (n)
			++*n;
	return e;
}
