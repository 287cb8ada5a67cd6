/*
 * mm/percpu.c: the per-CPU areas (see kspace/percpu.h). Each possible CPU gets a
 * copy of the linked .data..percpu section, allocated from memblock in lowmem (paging_init
 * calls this once the direct map is built, before memblock retires); the boot CPU moves
 * to its copy too, carrying over whatever it wrote before.
 */
#include <asm/memlayout.h>
#include <asm/page.h>
#include <kspace/cpumask.h>
#include <kspace/kernel.h>
#include <kspace/memblock.h>
#include <kspace/mm.h>
#include <kspace/percpu.h>
#include <kspace/printk.h>
#include <kspace/string.h>

unsigned long __per_cpu_offset[NR_CPUS];

void setup_per_cpu_areas(void)
{
	unsigned long size = __per_cpu_end - __per_cpu_start;
	int cpu;

	if (!size)
		return; /* no per-CPU variables: nothing to copy */
	for_each_possible_cpu(cpu) {
		phys_addr_t phys = memblock_alloc_range(size, 64, 0, PFN_PHYS(max_low_pfn));
		char *area;

		if (!phys)
			panic("percpu: no memory for CPU %d's area", cpu);
		area = __va(phys);
		memcpy(area, __per_cpu_start, size);
		__per_cpu_offset[cpu] = (unsigned long)area - (unsigned long)__per_cpu_start;
	}
	pr_info("percpu: %lu bytes for each of %d CPUs\n", size, num_possible_cpus());
}
