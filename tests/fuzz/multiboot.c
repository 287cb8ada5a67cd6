/*
 * tests/fuzz/multiboot.c: the Multiboot information a loader leaves in low memory,
 * through boot/multiboot.c into memblock (mm/memblock.c), and from there into the
 * zones and the buddy allocator (mm/mm_init.c, mm/page_alloc.c).
 *
 * Input: the bytes at physical INFO_PHYS, where the multiboot_info structure starts;
 * its pointers are physical addresses anywhere in the 16 MiB boot mapping (the rest
 * of which reads as zeros). Seeds are what QEMU and GRUB really pass (captured from
 * boots, see tests/fuzz/corpus/multiboot/README).
 *
 * Checked:
 *  - the saved copy: the memory map entries are exactly those a plain walk of the
 *    loader's map finds, the counts are within their arrays, every string is
 *    terminated, every structure recorded lies inside the boot mapping;
 *  - memblock: each list sorted, page-aligned, below 4 GiB, no two regions touching;
 *    memory holds exactly the pages some usable entry covers (rounded inward) and no
 *    other entry touches (reserved wins, whatever the order); the reservations hold
 *    exactly the pages of the loader's structures and modules;
 *  - for a machine of up to 32 MiB with up to 16 entries of each kind, the zones and
 *    free lists after free_area_init() match tests/host/mm_sim.c's model of that
 *    machine (spans, present, managed and free pages, every free block), or the boot
 *    stops with the kernel's own "not enough low memory for mem_map" panic.
 */
#include <setjmp.h>
#include <string.h>
#include <sys/mman.h>

#include "../host/kapi.h"
#include "../host/mm_sim.h"
#include "fuzz.h"

#include <kspace/init.h>
#include <kspace/memblock.h>
#include <kspace/multiboot.h>

void fuzz_mm_reset(void);

#define INFO_PHYS 0x10000UL
#define MAX_INPUT (64 << 10)
#define FOUR_GB (1ULL << 32)
#define PG 4096ULL
#define SIM_MAX_RANGES 16
#define SIM_MAX_RAM (32ULL << 20)
#define SIM_LOWMEM_PFNS 5120 /* lowmem ends at 20 MiB: DMA, Normal and HighMem all exist */

static unsigned char *boot_mem; /* the boot mapping, [0, BOOT_MAP_SIZE) */

struct range {
	u64 base, size;
};

static struct {
	struct range usable[BOOT_MMAP_MAX + 2], other[BOOT_MMAP_MAX], kept[16];
	int nr_usable, nr_other, nr_kept;
} mach;

static u64 rd(const unsigned char *p, int n)
{
	u64 v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The map as a plain walk reads it; compare with the kernel's copy. */
static void check_mmap(u32 addr, u32 length)
{
	int n = 0;

	if (!addr || addr > BOOT_MAP_SIZE || length > BOOT_MAP_SIZE - addr) {
		FUZZ_CHECK(boot_info.nr_mmap == 0 && boot_info.error, "an unreachable map was read");
		return;
	}
	for (u64 off = 0; off + 24 <= length && n < BOOT_MMAP_MAX; n++) {
		const unsigned char *e = boot_mem + addr + off;
		u32 size = rd(e, 4);

		if (size < 20)
			break;
		FUZZ_CHECK(n < boot_info.nr_mmap && boot_info.mmap[n].addr == rd(e + 4, 8) &&
				   boot_info.mmap[n].len == rd(e + 12, 8) &&
				   boot_info.mmap[n].type == rd(e + 20, 4),
			   "map entry %d differs", n);
		off += (u64)size + 4;
	}
	FUZZ_CHECK(boot_info.nr_mmap == n, "%d map entries, the walk finds %d", boot_info.nr_mmap, n);
}

static void check_boot_info(void)
{
	const unsigned char *mbi = boot_mem + INFO_PHYS;
	u32 flags = rd(mbi, 4);

	FUZZ_CHECK(boot_info.nr_mmap >= 0 && boot_info.nr_mmap <= BOOT_MMAP_MAX &&
			   boot_info.nr_modules >= 0 && boot_info.nr_modules <= BOOT_MODS_MAX &&
			   boot_info.nr_structs >= 0 && boot_info.nr_structs <= 5,
		   "counts %d %d %d", boot_info.nr_mmap, boot_info.nr_modules, boot_info.nr_structs);
	FUZZ_CHECK(memchr(boot_info.loader_name, 0, sizeof(boot_info.loader_name)) &&
			   memchr(boot_info.image_path, 0, sizeof(boot_info.image_path)) &&
			   memchr(boot_command_line, 0, COMMAND_LINE_SIZE),
		   "an unterminated string");
	for (int i = 0; i < boot_info.nr_modules; i++)
		FUZZ_CHECK(memchr(boot_info.modules[i].cmdline, 0, sizeof(boot_info.modules[i].cmdline)) &&
				   boot_info.modules[i].start <= boot_info.modules[i].end,
			   "module %d", i);
	for (int i = 0; i < boot_info.nr_structs; i++)
		FUZZ_CHECK(boot_info.structs[i].start &&
				   boot_info.structs[i].start <= BOOT_MAP_SIZE &&
				   boot_info.structs[i].size <= BOOT_MAP_SIZE - boot_info.structs[i].start,
			   "structure %d outside the boot mapping", i);
	if (flags & MULTIBOOT_INFO_MEM_MAP)
		check_mmap(rd(mbi + 48, 4), rd(mbi + 44, 4));
	else
		FUZZ_CHECK(!boot_info.nr_mmap, "a map without the flag");
}

/* [base, base + size) clipped below 4 GiB as memblock clips it: [*lo, *hi), maybe empty. */
static void clip(const struct range *r, u64 *lo, u64 *hi)
{
	u64 end = r->base + r->size < r->base ? ~0ULL : r->base + r->size;

	*lo = r->base;
	*hi = r->size ? (end < FOUR_GB ? end : FOUR_GB) : 0;
	if (*lo >= *hi) /* nothing below 4 GiB (and no rounding of a base near 2^64) */
		*lo = *hi = 0;
}

static bool in(const struct range *r, int n, u64 page, bool outward)
{
	for (int i = 0; i < n; i++) {
		u64 lo, hi;

		clip(&r[i], &lo, &hi);
		if (outward ? (lo & ~(PG - 1)) <= page && page < ((hi + PG - 1) & ~(PG - 1))
			    : ((lo + PG - 1) & ~(PG - 1)) <= page && page + PG <= (hi & ~(PG - 1)))
			return true;
	}
	return false;
}

static bool in_type(const struct memblock_type *t, u64 page)
{
	for (int i = 0; i < t->cnt; i++)
		if (t->regions[i].base <= page && page < t->regions[i].base + t->regions[i].size)
			return true;
	return false;
}

static void check_list(const struct memblock_type *t)
{
	FUZZ_CHECK(t->cnt >= 0 && t->cnt <= MEMBLOCK_MAX_REGIONS, "%s: %d regions", t->name, t->cnt);
	for (int i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		FUZZ_CHECK(r->size && !(r->base % PG) && !(r->size % PG) && r->base + r->size <= FOUR_GB,
			   "%s region %d: %#llx+%#llx", t->name, i, (unsigned long long)r->base,
			   (unsigned long long)r->size);
		FUZZ_CHECK(!i || r->base > t->regions[i - 1].base + t->regions[i - 1].size,
			   "%s region %d unsorted, overlapping or touching", t->name, i);
	}
}

static int add_points(u64 *pts, int n, const struct range *r, int nr)
{
	for (int i = 0; i < nr; i++) {
		u64 lo, hi;

		clip(&r[i], &lo, &hi);
		pts[n++] = lo & ~(PG - 1);
		pts[n++] = (lo + PG - 1) & ~(PG - 1);
		pts[n++] = hi & ~(PG - 1);
		pts[n++] = (hi + PG - 1) & ~(PG - 1);
	}
	return n;
}

/* Membership only changes at range ends: checking every end (and the page below) is complete. */
static void check_memblock(void)
{
	static u64 pts[8 * (BOOT_MMAP_MAX + 2 + BOOT_MMAP_MAX + 16 + 2 * MEMBLOCK_MAX_REGIONS)];
	int n = 0;

	check_list(&memblock.memory);
	check_list(&memblock.reserved);
	n = add_points(pts, n, mach.usable, mach.nr_usable);
	n = add_points(pts, n, mach.other, mach.nr_other);
	n = add_points(pts, n, mach.kept, mach.nr_kept);
	for (int i = 0; i < memblock.memory.cnt; i++)
		n = add_points(pts, n, (const struct range *)&memblock.memory.regions[i], 1);
	for (int i = 0; i < memblock.reserved.cnt; i++)
		n = add_points(pts, n, (const struct range *)&memblock.reserved.regions[i], 1);
	for (int i = 0; i < n; i++) {
		for (u64 page = pts[i] ? pts[i] - PG : 0; page <= pts[i] && page < FOUR_GB; page += PG) {
			bool ram = in(mach.usable, mach.nr_usable, page, false) &&
				   !in(mach.other, mach.nr_other, page, true);
			bool kept = in(mach.kept, mach.nr_kept, page, true);

			FUZZ_CHECK(in_type(&memblock.memory, page) == ram, "page %#llx: RAM %d",
				   (unsigned long long)page, ram);
			FUZZ_CHECK(in_type(&memblock.reserved, page) == kept, "page %#llx: reserved %d",
				   (unsigned long long)page, kept);
		}
	}
}

/* The machine in the loader's terms, as multiboot_init_memblock() reads the saved copy. */
static void read_machine(void)
{
	mach.nr_usable = mach.nr_other = mach.nr_kept = 0;
	if (!boot_info.nr_mmap) {
		mach.usable[mach.nr_usable++] = (struct range){ 0, (u64)boot_info.mem_lower_kb << 10 };
		mach.usable[mach.nr_usable++] = (struct range){ 1 << 20, (u64)boot_info.mem_upper_kb << 10 };
	}
	for (int i = 0; i < boot_info.nr_mmap; i++) {
		struct range r = { boot_info.mmap[i].addr, boot_info.mmap[i].len };

		if (boot_info.mmap[i].type == MULTIBOOT_MEMORY_AVAILABLE)
			mach.usable[mach.nr_usable++] = r;
		else
			mach.other[mach.nr_other++] = r;
	}
	for (int i = 0; i < boot_info.nr_structs; i++)
		mach.kept[mach.nr_kept++] = (struct range){ boot_info.structs[i].start, boot_info.structs[i].size };
	for (int i = 0; i < boot_info.nr_modules; i++)
		mach.kept[mach.nr_kept++] = (struct range){ boot_info.modules[i].start,
							    boot_info.modules[i].end - boot_info.modules[i].start };
}

/* Boot the same machine through mm_sim, which checks the zones against its model. */
static void check_zones(void)
{
	static struct memblock_type memory;
	jmp_buf trap;

	if (mach.nr_usable > SIM_MAX_RANGES || mach.nr_other > SIM_MAX_RANGES ||
	    mach.nr_kept + 1 > SIM_MAX_RANGES || memblock_end_of_ram() > SIM_MAX_RAM ||
	    memblock_end_of_ram() < (1 << 20))
		return;
	memory = memblock.memory;
	fuzz_mm_reset();
	for (int i = 0; i < mach.nr_usable; i++)
		sim_ram(mach.usable[i].base, mach.usable[i].size);
	for (int i = 0; i < mach.nr_other; i++)
		sim_hole(mach.other[i].base, mach.other[i].size);
	sim_reserve(0, 1 << 20); /* as setup_memory_map() */
	for (int i = 0; i < mach.nr_kept; i++)
		sim_reserve(mach.kept[i].base, mach.kept[i].size);
	printk_clear();
	bug_trap = &trap;
	if (setjmp(trap)) {
		FUZZ_CHECK(strstr(printk_output(), "not enough low memory for mem_map"),
			   "the boot stopped: %s", printk_output());
		return;
	}
	const char *why = sim_boot(SIM_LOWMEM_PFNS);
	bug_trap = NULL;
	FUZZ_CHECK(!why, "%s", why);
	FUZZ_CHECK(memory.cnt == memblock.memory.cnt &&
			   !memcmp(memory.regions, memblock.memory.regions,
				   memory.cnt * sizeof(memory.regions[0])),
		   "the same machine, a different memblock");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size < MAX_INPUT ? size : MAX_INPUT;

	if (!boot_mem) {
		boot_mem = mmap(NULL, BOOT_MAP_SIZE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		FUZZ_CHECK(boot_mem != MAP_FAILED, "no boot memory");
	}
	sim_reset();
	fuzz_mm_reset();
	memset(&boot_info, 0, sizeof(boot_info));
	boot_command_line[0] = '\0';
	host_phys_base = boot_mem;
	memcpy(boot_mem + INFO_PHYS, data, len);

	multiboot_save(MULTIBOOT_BOOTLOADER_MAGIC, INFO_PHYS);
	check_boot_info();
	read_machine();
	printk_clear();
	multiboot_init_memblock();
	check_memblock();
	memset(boot_mem + INFO_PHYS, 0, len);
	check_zones();
	return 0;
}
