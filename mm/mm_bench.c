/* mm/mm_bench.c: per-operation costs of the page allocator and kmalloc. */
#include <kspace/bench.h>
#include <kspace/gfp.h>
#include <kspace/slab.h>

#define N 1000

/*
 * Alloc and free of one block of order `order` with a block of that order already on its
 * free list: the buddy allocator's fast path. Holding one block first makes that so
 * (its buddy stays free at that order), whatever splits and merges the boot left, so the
 * figure is the same from one kernel build to the next.
 */
static unsigned long alloc_free_loop(unsigned int order, cycles_t *loop_cycles)
{
	struct page *held = alloc_pages(GFP_KERNEL, order);

	BENCH_TIME(for (int i = 0; i < N; i++) __free_pages(alloc_pages(GFP_KERNEL, order), order));
	if (held)
		__free_pages(held, order);
	return N;
}

BENCH(page_alloc_free_order0)
{
	return alloc_free_loop(0, loop_cycles);
}

BENCH(page_alloc_free_order3)
{
	return alloc_free_loop(3, loop_cycles);
}

BENCH(kmalloc_kfree_64)
{
	BENCH_TIME(for (int i = 0; i < N; i++) kfree(kmalloc(64, GFP_KERNEL)));
	return N;
}
