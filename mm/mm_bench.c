/* mm/mm_bench.c: per-operation costs of the page allocator and kmalloc. */
#include <kspace/bench.h>
#include <kspace/gfp.h>
#include <kspace/slab.h>

#define N 1000

BENCH(page_alloc_free_order0)
{
	BENCH_TIME(for (int i = 0; i < N; i++) __free_pages(alloc_pages(GFP_KERNEL, 0), 0));
	return N;
}

BENCH(page_alloc_free_order3)
{
	BENCH_TIME(for (int i = 0; i < N; i++) __free_pages(alloc_pages(GFP_KERNEL, 3), 3));
	return N;
}

BENCH(kmalloc_kfree_64)
{
	BENCH_TIME(for (int i = 0; i < N; i++) kfree(kmalloc(64, GFP_KERNEL)));
	return N;
}
