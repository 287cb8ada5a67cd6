/* boot/multiboot_test.c: the kernel's copy of the Multiboot information is sane. */
#include <asm/page.h>
#include <kspace/init.h>
#include <kspace/multiboot.h>
#include <kspace/selftest.h>
#include <kspace/string.h>

SELFTEST(multiboot_copied)
{
	EXPECT(boot_info.error == NULL);
	EXPECT(boot_info.nr_mmap > 0);
	/* Whatever the loader passed, the parameters no longer start with the path. */
	EXPECT(!boot_info.image_path[0] ||
	       strncmp(boot_command_line, boot_info.image_path, strlen(boot_info.image_path)));
	for (int i = 0; i < boot_info.nr_mmap; i++)
		EXPECT(boot_info.mmap[i].type != 0);
	return 0;
}

/*
 * Found by tests/fuzz/multiboot.c: a map entry's size field of 0xffffffe8 moved the
 * walk's 32-bit offset to 0xffffffec, where offset + 24 wrapped to 4 and passed the
 * bound, so the next "entry" was read from 20 bytes before the map. A loader's map
 * of one entry with that size must give one entry. The real boot's copy is kept aside.
 */
SELFTEST(multiboot_mmap_size_wraps)
{
	static struct boot_info saved;
	static u32 mem[40] __aligned(8); /* mem[17..23], before the map: what a wrapped walk reads */
	struct multiboot_info *mbi = (void *)&mem[0];
	u32 *map = &mem[24];
	int n;

	memset(mem, 0x11, sizeof(mem));
	memset(mbi, 0, sizeof(*mbi));
	mbi->flags = MULTIBOOT_INFO_MEM_MAP;
	mbi->mmap_addr = __pa(map);
	mbi->mmap_length = 48;
	map[0] = 0xffffffe8;                  /* size: the next entry is 0xffffffec bytes on */
	map[1] = 0x100000, map[2] = 0;        /* addr */
	map[3] = 0x100000, map[4] = 0;        /* len */
	map[5] = MULTIBOOT_MEMORY_AVAILABLE; /* type */
	saved = boot_info;
	memset(&boot_info, 0, sizeof(boot_info));
	multiboot_save(MULTIBOOT_BOOTLOADER_MAGIC, __pa(mbi));
	n = boot_info.nr_mmap;
	boot_info = saved;
	EXPECT(n == 1);
	return 0;
}
