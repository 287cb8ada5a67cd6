/*
 * mm/percpu.c: the per-CPU areas (see kspace/percpu.h). Each possible CPU gets a
 * copy of the linked .data..percpu section in room the linker script keeps at the
 * end of .bss for NR_CPUS copies. Not from memblock: this runs before paging_init,
 * when memblock knows no RAM yet, and the direct map ends at BOOT_MAP_SIZE, which a
 * large initramfs can fill. The boot CPU moves to its copy too, carrying over
 * whatever it wrote before.
 */
#include <kspace/bug.h>
#include <kspace/cpumask.h>
#include <kspace/kernel.h>
#include <kspace/percpu.h>
#include <kspace/printk.h>
#include <kspace/string.h>

unsigned long __per_cpu_offset[NR_CPUS];
extern char __per_cpu_areas[], __per_cpu_areas_end[];

void setup_per_cpu_areas(void)
{
	unsigned long size = __per_cpu_end - __per_cpu_start;
	int cpu;

	if (!size)
		return; /* no per-CPU variables: nothing to copy */
	BUG_ON((unsigned long)(__per_cpu_areas_end - __per_cpu_areas) < size * NR_CPUS);
	for_each_possible_cpu(cpu) {
		char *area = __per_cpu_areas + cpu * size; /* size keeps the section's 64-byte alignment */

		memcpy(area, __per_cpu_start, size);
		__per_cpu_offset[cpu] = (unsigned long)area - (unsigned long)__per_cpu_start;
	}
	pr_info("percpu: %lu bytes for each of %d CPUs\n", size, num_possible_cpus());
}
