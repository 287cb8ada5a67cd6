/*
 * memblock: physical memory as the boot loader described it, before the buddy
 * allocator exists (mm/memblock.c). "memory" lists usable RAM, "reserved" the parts
 * already taken (first MiB, kernel image, boot modules, early allocations). Early
 * boot allocates from memory minus reserved; free_area_init() then hands whatever
 * is still free to the buddy allocator and memblock retires.
 */
#ifndef KSPACE_MEMBLOCK_H
#define KSPACE_MEMBLOCK_H

#include <kspace/types.h>

#define MEMBLOCK_MAX_REGIONS 128

struct memblock_region {
	u64 base, size;
};

struct memblock_type {
	int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
	const char *name;
};

struct memblock {
	struct memblock_type memory, reserved;
	bool retired; /* set once the buddy allocator owns memory */
};

extern struct memblock memblock;

/* Usable RAM: added page-aligned inward, clipped below 4 GiB, merged with neighbours. */
void memblock_add(u64 base, u64 size);
/* Not RAM after all (a reserved map entry): removed page-aligned outward. */
void memblock_remove(u64 base, u64 size);
/* RAM the kernel keeps: page-aligned outward. */
void memblock_reserve(u64 base, u64 size);

/* Reserve and return size bytes, aligned, inside [min, max); 0 when nothing fits. */
phys_addr_t memblock_alloc_range(u64 size, u64 align, u64 min, u64 max);

u64 memblock_end_of_ram(void);
bool memblock_overlaps_memory(u64 base, u64 size); /* does any of it lie in RAM? */
u64 memblock_phys_mem_size(void);

/*
 * Iterate over free ranges (memory minus reserved) in address order:
 *   u64 start, end; int i = 0;
 *   while (memblock_next_free_range(&i, &start, &end)) ...
 */
bool memblock_next_free_range(int *iter, u64 *start, u64 *end);

#endif
