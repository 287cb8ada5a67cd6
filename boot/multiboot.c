/*
 * boot/multiboot.c: take the kernel's copy of the Multiboot information.
 *
 * The loader's structures sit in memory the kernel will soon hand out as free
 * pages, so multiboot_save() runs first thing in start_kernel(). It trusts nothing:
 * every pointer must lie inside the boot mapping of low memory, every length is
 * bounded, and what is missing or malformed is recorded rather than dereferenced.
 */
#include <asm/page.h>
#include <kspace/init.h>
#include <kspace/kernel.h>
#include <kspace/memblock.h>
#include <kspace/multiboot.h>
#include <kspace/printk.h>
#include <kspace/string.h>

struct boot_info boot_info;

/* The kernel address of [phys, phys + len), or NULL unless head.asm mapped all of it. */
static const void *boot_ptr(u32 phys, u32 len)
{
	if (phys == 0 || phys > BOOT_MAP_SIZE || len > BOOT_MAP_SIZE - phys)
		return NULL;
	if (boot_info.nr_structs < (int)ARRAY_SIZE(boot_info.structs))
		boot_info.structs[boot_info.nr_structs++] = (typeof(boot_info.structs[0])){ phys, len };
	return __va(phys);
}

/* Copy a NUL-terminated string of at most size - 1 bytes; false if it is unreachable. */
static bool copy_boot_string(char *dst, size_t size, u32 phys)
{
	const char *src = boot_ptr(phys, 1);

	if (!src)
		return false;
	size_t room = BOOT_MAP_SIZE - phys;
	size_t n = strnlen(src, min(size - 1, room));
	memcpy(dst, src, n);
	dst[n] = '\0';
	return true;
}

/* Whether the first n bytes of the command line name a file rather than a parameter. */
static bool looks_like_path(const char *word, size_t n)
{
	bool slash = false;

	for (size_t i = 0; i < n; i++) {
		if (word[i] == '=')
			return false;
		slash |= word[i] == '/';
	}
	return slash || (n > 4 && !strncmp(word + n - 4, ".elf", 4));
}

/*
 * Some loaders put the kernel's file name first (QEMU: "build/kspace.elf selftest"),
 * others pass only the arguments (GRUB 2): move a leading path aside.
 */
static void split_image_path(void)
{
	size_t n = 0, skip;

	while (boot_command_line[n] && boot_command_line[n] != ' ')
		n++;
	if (!looks_like_path(boot_command_line, n))
		return;
	skip = n;
	while (boot_command_line[skip] == ' ')
		skip++;
	strlcpy(boot_info.image_path, boot_command_line, min(n + 1, sizeof(boot_info.image_path)));
	memmove(boot_command_line, boot_command_line + skip, strlen(boot_command_line + skip) + 1);
}

static void save_mmap(const struct multiboot_info *mbi)
{
	const u8 *p = boot_ptr(mbi->mmap_addr, mbi->mmap_length);
	u64 off = 0; /* in 32 bits, a huge size field would wrap it back inside the map */

	if (!p) {
		boot_info.error = "memory map outside the boot mapping";
		return;
	}
	/* Each entry is at least 24 bytes; a smaller size field would loop or misread. */
	while (off + sizeof(struct multiboot_mmap_entry) <= mbi->mmap_length &&
	       boot_info.nr_mmap < BOOT_MMAP_MAX) {
		const struct multiboot_mmap_entry *e = (const void *)(p + off);

		if (e->size < 20)
			break;
		boot_info.mmap[boot_info.nr_mmap++] =
			(struct boot_mem_region){ e->addr, e->len, e->type };
		off += (u64)e->size + 4;
	}
	boot_info.flags |= MULTIBOOT_INFO_MEM_MAP;
}

static void save_modules(const struct multiboot_info *mbi)
{
	u32 count = min(mbi->mods_count, (u32)BOOT_MODS_MAX);
	const struct multiboot_module *mods = boot_ptr(mbi->mods_addr, count * sizeof(*mods));

	if (!mods)
		return;
	for (u32 i = 0; i < count; i++) {
		struct boot_module *m = &boot_info.modules[boot_info.nr_modules];

		if (mods[i].mod_end < mods[i].mod_start)
			continue;
		m->start = mods[i].mod_start;
		m->end = mods[i].mod_end;
		if (!copy_boot_string(m->cmdline, sizeof(m->cmdline), mods[i].cmdline))
			m->cmdline[0] = '\0';
		boot_info.nr_modules++;
	}
	boot_info.flags |= MULTIBOOT_INFO_MODS;
}

void multiboot_save(u32 magic, u32 info_phys)
{
	const struct multiboot_info *mbi;

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
		boot_info.error = "not started by a Multiboot loader (bad magic)";
		return;
	}
	mbi = boot_ptr(info_phys, sizeof(*mbi));
	if (!mbi) {
		boot_info.error = "Multiboot information outside the boot mapping";
		return;
	}
	if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		boot_info.mem_lower_kb = mbi->mem_lower;
		boot_info.mem_upper_kb = mbi->mem_upper;
		boot_info.flags |= MULTIBOOT_INFO_MEMORY;
	}
	if ((mbi->flags & MULTIBOOT_INFO_CMDLINE) &&
	    copy_boot_string(boot_command_line, sizeof(boot_command_line), mbi->cmdline)) {
		split_image_path();
		boot_info.flags |= MULTIBOOT_INFO_CMDLINE;
	}
	if ((mbi->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME) &&
	    copy_boot_string(boot_info.loader_name, sizeof(boot_info.loader_name),
			     mbi->boot_loader_name))
		boot_info.flags |= MULTIBOOT_INFO_BOOT_LOADER_NAME;
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP)
		save_mmap(mbi);
	if (mbi->flags & MULTIBOOT_INFO_MODS)
		save_modules(mbi);
}

static const char *mmap_type_name(u32 type)
{
	switch (type) {
	case MULTIBOOT_MEMORY_AVAILABLE: return "usable";
	case MULTIBOOT_MEMORY_ACPI_RECLAIMABLE: return "ACPI data";
	case MULTIBOOT_MEMORY_NVS: return "ACPI NVS";
	case MULTIBOOT_MEMORY_BADRAM: return "unusable";
	default: return "reserved";
	}
}

void multiboot_print_mmap(void)
{
	pr_info("Multiboot-provided physical RAM map (from %s):\n",
		boot_info.loader_name[0] ? boot_info.loader_name : "the boot loader");
	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct boot_mem_region *r = &boot_info.mmap[i];

		if (!r->len)
			pr_info(" [mem 0x%016llx empty] %s (ignored)\n", r->addr, mmap_type_name(r->type));
		else
			pr_info(" [mem 0x%016llx-0x%016llx] %s\n", r->addr, r->addr + r->len - 1,
				mmap_type_name(r->type));
	}
	for (int i = 0; i < boot_info.nr_modules; i++)
		pr_info("Module %d: [mem 0x%08x-0x%08x] %s\n", i, boot_info.modules[i].start,
			boot_info.modules[i].end - 1, boot_info.modules[i].cmdline);
}

/*
 * Usable entries are added first and everything else removed afterwards, so where
 * the loader's entries overlap, "reserved" wins, whatever their order.
 */
void multiboot_init_memblock(void)
{
	if (!boot_info.nr_mmap) { /* no map: the basic lower and upper memory sizes */
		memblock_add(0, (u64)boot_info.mem_lower_kb << 10);
		memblock_add(1 << 20, (u64)boot_info.mem_upper_kb << 10);
	}
	for (int i = 0; i < boot_info.nr_mmap; i++)
		if (boot_info.mmap[i].type == MULTIBOOT_MEMORY_AVAILABLE)
			memblock_add(boot_info.mmap[i].addr, boot_info.mmap[i].len);
	for (int i = 0; i < boot_info.nr_mmap; i++)
		if (boot_info.mmap[i].type != MULTIBOOT_MEMORY_AVAILABLE)
			memblock_remove(boot_info.mmap[i].addr, boot_info.mmap[i].len);
	for (int i = 0; i < boot_info.nr_structs; i++)
		memblock_reserve(boot_info.structs[i].start, boot_info.structs[i].size);
	for (int i = 0; i < boot_info.nr_modules; i++)
		memblock_reserve(boot_info.modules[i].start,
				 boot_info.modules[i].end - boot_info.modules[i].start);
}
