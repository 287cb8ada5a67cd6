/*
 * tests/host/mm_sim.h: a simulated machine for the physical memory allocator
 * (mm/memblock.c, mm/mm_init.c, mm/page_alloc.c), and a model to check it against.
 *
 * The machine: a test lists RAM, holes and reservations, then sim_boot() does what
 * paging_init() does: memblock from the list, zones, free_area_init(). Physical
 * memory is a host mapping filled with garbage as real RAM is; lowmem is readable,
 * highmem faults, as it would without a kmap.
 *
 * The model: for every pfn, whether it is free, taken (by which allocation) or never
 * the allocator's, derived from the test's list alone. sim_alloc() and sim_free()
 * call the allocator and check every answer against the model; sim_check() compares
 * the whole allocator state with it.
 *
 * The helpers return NULL when all is well, else a description of what is wrong.
 */
#ifndef HOST_MM_SIM_H
#define HOST_MM_SIM_H

#include <kspace/gfp.h>
#include <kspace/memblock.h>
#include <kspace/mmzone.h>

#include "test.h"

#define MiB (1ULL << 20)
#define SIM_DMA_PFNS 4096UL /* ZONE_DMA ends at 16 MiB, as on the real machine */
#define SIM_GARBAGE 0xa5     /* every byte of RAM at boot, and of a page when it is freed */

#define EXPECT_OK(call)                                   \
	do {                                              \
		const char *err_ = (call);                \
		EXPECT_MSG(!err_, "%s: %s", #call, err_); \
	} while (0)

/* The machine, in memblock's terms; rounded as memblock rounds, then sim_boot(). */
void sim_ram(u64 base, u64 size);
void sim_hole(u64 base, u64 size);    /* a reserved map entry: removed from RAM */
void sim_reserve(u64 base, u64 size); /* RAM the kernel keeps */

/*
 * As paging_init(): lowmem ends at maxmem_pfns or the end of RAM, ZONE_DMA at 16 MiB;
 * then free_area_init(), and sim_check() of the result.
 */
const char *sim_boot(unsigned long maxmem_pfns);

/* Machines several tests use (see mm_sim.c), booted. */
const char *sim_boot_pc(void);         /* 96 MiB: DMA, Normal to 48 MiB, HighMem */
const char *sim_boot_small(void);      /* 12 MiB: all DMA */
const char *sim_boot_no_highmem(void); /* 40 MiB: DMA and Normal */

/* alloc_pages(), or __get_free_pages() when by_address; *page gets the result. */
const char *sim_alloc(gfp_t gfp, unsigned int order, bool by_address, struct page **page);
/* Free the allocation starting at pfn, the way it was allocated. */
const char *sim_free(unsigned long pfn);
unsigned long sim_nr_allocs(void);
unsigned long sim_alloc_pfn(unsigned long i); /* the first pfn of live allocation i */

const char *sim_check(void);

/* Free the machine and the model (for a fuzz harness booting many in one process). */
void sim_reset(void);

/* sim_alloc() order-0 pages until none is left; *n (if not NULL) counts them. */
const char *sim_take_all(gfp_t gfp, unsigned long *n);

/* Is pfn never the allocator's: a hole, a reservation, mem_map, or no RAM at all? */
bool sim_pfn_absent(unsigned long pfn);
/* The zone the allocator must take an order-sized block from, or -1 for none. */
int sim_expected_zone(gfp_t gfp, unsigned int order);

#endif
