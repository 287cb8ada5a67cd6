/*
 * arch/x86/mm/init.c: the kernel's view of low memory. head.asm mapped the first
 * BOOT_MAP_SIZE bytes at PAGE_OFFSET in swapper_pg_dir; high_memory marks where
 * that direct map ends.
 */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <kspace/kernel.h>
#include <kspace/multiboot.h>
#include <kspace/printk.h>

void *high_memory;

/* Usable RAM below 4 GiB reported by the loader, in KiB. */
static unsigned long usable_ram_kb(void)
{
	unsigned long long total = 0;

	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct boot_mem_region *r = &boot_info.mmap[i];

		if (r->type == MULTIBOOT_MEMORY_AVAILABLE && r->addr < (1ULL << 32))
			total += min(r->len, (1ULL << 32) - r->addr);
	}
	if (!boot_info.nr_mmap) /* no map: fall back on the basic lower/upper sizes */
		total = ((unsigned long long)boot_info.mem_lower_kb + boot_info.mem_upper_kb) << 10;
	return (unsigned long)(total >> 10);
}

void paging_init(void)
{
	unsigned long ram_top = (boot_info.mem_upper_kb + 1024UL) << 10; /* upper memory starts at 1 MiB */

	high_memory = __va(min(ram_top, BOOT_MAP_SIZE));
	pr_info("Memory: %luk usable RAM\n", usable_ram_kb());
	pr_info("paging: %s; swapper_pg_dir at phys 0x%08lx, identity mapping removed\n",
		cpu_has(X86_FEATURE_PSE) ? "4 MiB pages (PSE)" : "4 KiB page tables (no PSE)",
		__pa(swapper_pg_dir));
}
