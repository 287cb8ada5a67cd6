/*
 * The Multiboot 1 boot protocol: the information structure the loader leaves in
 * memory, and the kernel's own copy of it (boot/multiboot.c), taken before anything
 * can overwrite the original.
 */
#ifndef KSPACE_MULTIBOOT_H
#define KSPACE_MULTIBOOT_H

#include <kspace/compiler.h>
#include <kspace/types.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

#define MULTIBOOT_INFO_MEMORY (1 << 0)
#define MULTIBOOT_INFO_CMDLINE (1 << 2)
#define MULTIBOOT_INFO_MODS (1 << 3)
#define MULTIBOOT_INFO_MEM_MAP (1 << 6)
#define MULTIBOOT_INFO_BOOT_LOADER_NAME (1 << 9)

struct multiboot_info {
	u32 flags;
	u32 mem_lower, mem_upper; /* KiB below 1 MiB, KiB above 1 MiB */
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
} __packed;

struct multiboot_mmap_entry {
	u32 size; /* of the rest of this entry: the next one starts size + 4 bytes on */
	u64 addr, len;
	u32 type;
} __packed;

#define MULTIBOOT_MEMORY_AVAILABLE 1
#define MULTIBOOT_MEMORY_RESERVED 2
#define MULTIBOOT_MEMORY_ACPI_RECLAIMABLE 3
#define MULTIBOOT_MEMORY_NVS 4
#define MULTIBOOT_MEMORY_BADRAM 5

struct multiboot_module {
	u32 mod_start, mod_end;
	u32 cmdline;
	u32 pad;
} __packed;

/* The kernel's copy. */
#define BOOT_MMAP_MAX 128
#define BOOT_MODS_MAX 8

struct boot_mem_region {
	u64 addr, len;
	u32 type;
};

struct boot_module {
	u32 start, end; /* physical, [start, end) */
	char cmdline[64];
};

struct boot_info {
	u32 flags;            /* which of the fields below the loader provided */
	u32 mem_lower_kb, mem_upper_kb;
	int nr_mmap;
	struct boot_mem_region mmap[BOOT_MMAP_MAX];
	int nr_modules;
	struct boot_module modules[BOOT_MODS_MAX];
	char loader_name[64];
	char image_path[64]; /* the command line's first word: the kernel file the loader read */
	const char *error; /* why the information could not be used, or NULL */
	int nr_structs;    /* where the loader's own structures were, to keep them reserved */
	struct { u32 start, size; } structs[5];
};

extern struct boot_info boot_info;

/* Copy the loader's information; needs only the boot mapping of low memory. */
void multiboot_save(u32 magic, u32 info_phys);

/* Print the memory map the loader reported, as Linux prints the e820 map. */
void multiboot_print_mmap(void);

/* Describe RAM to memblock from the map, and reserve the loader's structures and modules. */
void multiboot_init_memblock(void);

#endif
