/*
 * arch/x86/mm/tlb_bench.c: what the pkmap window's flush costs by itself. When kmap()
 * wraps, flush_all_zero_pkmaps() has every online CPU drop the window from its TLB
 * (flush_tlb_kernel_range): here one CR3 reload, and with other CPUs online, a
 * shootdown that waits for each of them. kmap_atomic never needs it.
 */
#include <asm/highmem.h>
#include <asm/tlbflush.h>
#include <kspace/bench.h>

#define N 200

BENCH(flush_tlb_kernel_range_pkmap)
{
	BENCH_TIME(for (int i = 0; i < N; i++)
			   flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP)));
	return N;
}
