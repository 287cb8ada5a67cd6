/*
 * arch/x86/mm/init.c: physical memory at boot, on the x86 side.
 *
 * paging_init() tells memblock what RAM exists (from the Multiboot map) and what is
 * taken (the first MiB, the kernel image), maps all lowmem at PAGE_OFFSET in
 * swapper_pg_dir, and hands the zone boundaries to free_area_init():
 *
 *   ZONE_DMA     pfn 0 .. MAX_DMA_ADDRESS (16 MiB)
 *   ZONE_NORMAL  .. max_low_pfn: RAM up to MAXMEM (896 MiB), all direct-mapped
 *   ZONE_HIGHMEM .. max_pfn: the rest of RAM below 4 GiB, not mapped
 */
#include <asm/highmem.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <asm/timex.h>
#include <kspace/kernel.h>
#include <kspace/memblock.h>
#include <kspace/mm.h>
#include <kspace/mmzone.h>
#include <kspace/multiboot.h>
#include <kspace/percpu.h>
#include <kspace/printk.h>
#include <kspace/sections.h>
#include <kspace/string.h>

void *high_memory;
static unsigned long page_global; /* _PAGE_GLOBAL when the CPU has PGE */

static void print_memblock(void)
{
	for (int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		pr_info("memblock: RAM [mem 0x%08llx-0x%08llx]\n", r->base, r->base + r->size - 1);
	}
}

static void setup_memory_map(void)
{
	multiboot_init_memblock();
	/* The BIOS data area, the real-mode IVT, ROMs and the VGA hole. */
	memblock_reserve(0, 1 << 20);
	memblock_reserve(__pa(_text), __pa(_end) - __pa(_text));
	print_memblock();
	if (!memblock.memory.cnt)
		panic("no usable RAM in the memory map");
}

/*
 * A zeroed page table from below limit, the end of what is mapped so far: head.asm's
 * BOOT_MAP_SIZE and the chunks of the direct map already built, all of lowmem once it
 * is. (A large initramfs can fill the first 16 MiB: later tables must not need it.)
 */
static pte_t *alloc_boot_page_table(phys_addr_t limit)
{
	phys_addr_t phys = memblock_alloc_range(PAGE_SIZE, PAGE_SIZE, 0, limit);

	if (!phys)
		panic("no memory below %lu MiB for kernel page tables", (unsigned long)(limit >> 20));
	return memset(__va(phys), 0, PAGE_SIZE);
}

/* Map pfns [first, end) of one 4 MiB chunk with 4 KiB pages, reusing head.asm's table. */
static pgd_t small_page_chunk(pgd_t old, unsigned long first, unsigned long end)
{
	phys_addr_t mapped = max((phys_addr_t)BOOT_MAP_SIZE, PFN_PHYS(first));
	pte_t *pte = (old & _PAGE_PRESENT) && !(old & _PAGE_PSE) ? __va(old & PAGE_MASK)
								  : alloc_boot_page_table(mapped);

	for (unsigned long i = 0; i < PTRS_PER_PTE; i++)
		pte[i] = first + i < end ? PFN_PHYS(first + i) | _KERNPG_TABLE | page_global : 0;
	return __pa(pte) | _KERNPG_TABLE;
}

/*
 * The direct map: physical 0 .. max_low_pfn at PAGE_OFFSET. Whole 4 MiB chunks use
 * one large page when the CPU has PSE; a partial last chunk, or any chunk without
 * PSE, gets a page table. Whatever head.asm mapped beyond lowmem is removed, so the
 * gap before vmalloc really faults.
 */
static void kernel_physical_mapping_init(void)
{
	unsigned long chunks = max(DIV_ROUND_UP(max_low_pfn, PTRS_PER_PTE), BOOT_MAP_SIZE >> PGDIR_SHIFT);
	bool pse = cpu_has(X86_FEATURE_PSE);

	for (unsigned long c = 0; c < chunks; c++) {
		pgd_t *pgd = &swapper_pg_dir[KERNEL_PGD_INDEX + c];
		unsigned long first = c * PTRS_PER_PTE, end = min(first + PTRS_PER_PTE, max_low_pfn);

		if (first >= max_low_pfn)
			*pgd = 0;
		else if (pse && end - first == PTRS_PER_PTE)
			*pgd = PFN_PHYS(first) | _PAGE_PSE | _KERNPG_TABLE | page_global;
		else
			*pgd = small_page_chunk(*pgd, first, end);
	}
}

pte_t *pkmap_page_table;

/*
 * The fixmap and the pkmap window each sit inside one page-directory entry; their
 * page tables exist from boot so that mapping a slot never needs an allocation.
 * The order Linux checks: vmalloc ends below pkmap, pkmap ends below the fixmap.
 */
void highmem_pagetables_init(void)
{
	BUILD_BUG_ON((FIXADDR_START & PGDIR_MASK) != ((FIXADDR_TOP - 1) & PGDIR_MASK));
	BUILD_BUG_ON(PKMAP_BASE % PGDIR_SIZE || LAST_PKMAP > PTRS_PER_PTE);
	BUILD_BUG_ON(VMALLOC_END >= PKMAP_BASE);
	BUILD_BUG_ON(PKMAP_END > FIXADDR_START);

	phys_addr_t lowmem_end = PFN_PHYS(max_low_pfn);

	swapper_pg_dir[pgd_index(FIXADDR_START)] =
		__pa(alloc_boot_page_table(lowmem_end)) | _KERNPG_TABLE;
	pkmap_page_table = alloc_boot_page_table(lowmem_end);
	swapper_pg_dir[pgd_index(PKMAP_BASE)] = __pa(pkmap_page_table) | _KERNPG_TABLE;
	kmap_atomic_init();
}

/* Global pages survive CR3 reloads: kernel mappings stay in the TLB across switches. */
static void enable_global_pages(void)
{
	if (!cpu_has(X86_FEATURE_PGE))
		return;
	page_global = _PAGE_GLOBAL;
	write_cr4(read_cr4() | X86_CR4_PGE);
}

void paging_init(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES];
	cycles_t start = get_cycles();

	setup_memory_map();
	max_pfn = PFN_DOWN(memblock_end_of_ram());
	max_low_pfn = min(max_pfn, MAXMEM >> PAGE_SHIFT);
	high_memory = __va(PFN_PHYS(max_low_pfn));
	if (max_pfn > max_low_pfn)
		pr_info("%luMB HIGHMEM available.\n", (max_pfn - max_low_pfn) >> (20 - PAGE_SHIFT));
	pr_info("%luMB LOWMEM available.\n", max_low_pfn >> (20 - PAGE_SHIFT));

	enable_global_pages();
	kernel_physical_mapping_init();
	highmem_pagetables_init();
	flush_tlb_all();
	pr_info("paging: direct map of lowmem with %s%s; swapper_pg_dir at phys 0x%08lx\n",
		cpu_has(X86_FEATURE_PSE) ? "4 MiB pages (PSE)" : "4 KiB page tables (no PSE)",
		page_global ? ", global" : "", __pa(swapper_pg_dir));
	/*
	 * Here: memblock still serves, and all of lowmem is mapped now (a large initramfs
	 * can fill head.asm's 16 MiB). Per-CPU writes before this went to the linked copy,
	 * which every CPU's area starts from.
	 */
	setup_per_cpu_areas();

	max_zone_pfn[ZONE_DMA] = min(__pa(MAX_DMA_ADDRESS) >> PAGE_SHIFT, max_low_pfn);
	max_zone_pfn[ZONE_NORMAL] = max_low_pfn;
	max_zone_pfn[ZONE_HIGHMEM] = max_pfn;
	free_area_init(max_zone_pfn);
	if (has_cycle_counter())
		pr_info("mm: memory init took %llu cycles\n", get_cycles() - start);
}
