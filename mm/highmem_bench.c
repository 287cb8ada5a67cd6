/*
 * mm/highmem_bench.c: the cost of reaching a HighMem page. kmap of a page that is
 * already mapped only raises a count; kmap of an unmapped page takes a new slot
 * (and, once per LAST_PKMAP mappings, flushes the window on every CPU: timed alone
 * as kmap_window_wrap_flush); kmap_atomic writes and clears one fixmap PTE, and
 * flushes that one entry on this CPU only.
 */
#include <asm/highmem.h>
#include <kspace/bench.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>

#define N 1000
#define NR_CYCLED (LAST_PKMAP + 64) /* more pages than slots: every kmap needs a new slot */

static struct page *pages[NR_CYCLED];

static struct page *high_page(void)
{
	struct page *p = alloc_page(GFP_HIGHUSER);

	if (p && !PageHighMem(p)) {
		__free_page(p);
		return NULL;
	}
	return p;
}

BENCH(kmap_kunmap_already_mapped)
{
	struct page *p = high_page();

	if (!p)
		return 0;
	kmap(p); /* a user that keeps it mapped throughout */
	BENCH_TIME(for (int i = 0; i < N; i++) {
		kmap(p);
		kunmap(p);
	});
	kunmap(p);
	__free_page(p);
	return N;
}

/* Fill pages[] with high pages; false (and nothing held) if there are not enough. */
static bool alloc_cycled(void)
{
	int n;

	for (n = 0; n < NR_CYCLED && (pages[n] = high_page()); n++)
		;
	if (n < NR_CYCLED) {
		while (n--)
			__free_page(pages[n]);
		return false;
	}
	return true;
}

static void free_cycled(void)
{
	for (int n = 0; n < NR_CYCLED; n++)
		__free_page(pages[n]);
}

BENCH(kmap_kunmap_not_mapped)
{
	if (!alloc_cycled())
		return 0;
	BENCH_TIME(for (int i = 0; i < 4 * NR_CYCLED; i++) {
		kmap(pages[i % NR_CYCLED]);
		kunmap(pages[i % NR_CYCLED]);
	});
	free_cycled();
	return 4 * NR_CYCLED;
}

/*
 * Only the kmap that finds the window wrapped: it frees every count-1 slot and has
 * every online CPU flush the window (flush_tlb_kernel_range), the cost kmap_atomic's
 * per-CPU slots never pay. Each kmap is timed; the wrapping ones are kept.
 */
BENCH(kmap_window_wrap_flush)
{
	unsigned long wraps = 0;
	cycles_t spent = 0;

	if (!alloc_cycled())
		return 0;
	for (int i = 0; i < 8 * NR_CYCLED; i++) {
		unsigned long flushes = pkmap_flushes;
		cycles_t t0 = get_cycles(), t;

		kmap(pages[i % NR_CYCLED]);
		t = get_cycles() - t0;
		if (pkmap_flushes != flushes)
			spent += t, wraps++;
		kunmap(pages[i % NR_CYCLED]);
	}
	free_cycled();
	*loop_cycles = spent;
	return wraps;
}

BENCH(kmap_atomic_kunmap_atomic)
{
	struct page *p = high_page();

	if (!p)
		return 0;
	BENCH_TIME(for (int i = 0; i < N; i++) kunmap_atomic(kmap_atomic(p, KM_USER0), KM_USER0));
	__free_page(p);
	return N;
}
