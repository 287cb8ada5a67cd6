/*
 * The i386 virtual address space, defined once. Every constant here is printed by
 * the boot layout table (arch/x86/mm/layout.c), from the top of memory down:
 *
 *   FIXADDR_TOP   0xfffff000  fixmap slots (kmap_atomic), one page each, growing down
 *   FIXADDR_START
 *   PKMAP_BASE .. +LAST_PKMAP pages   the persistent kmap window
 *   VMALLOC_START .. VMALLOC_END      vmalloc, 8 MiB above the end of the direct map
 *   PAGE_OFFSET .. high_memory        lowmem: physical 0..896 MiB mapped one-to-one
 *   0 .. TASK_SIZE                    user space, 3 GiB
 */
#ifndef ASM_MEMLAYOUT_H
#define ASM_MEMLAYOUT_H

#include <asm/kmap_types.h>
#include <kspace/threads.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

#define PGDIR_SHIFT 22 /* one page-directory entry maps 4 MiB */
#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PGDIR_MASK (~(PGDIR_SIZE - 1))

#define __PAGE_OFFSET 0xC0000000UL /* the 3G/1G split */
#define PAGE_OFFSET __PAGE_OFFSET
#define TASK_SIZE PAGE_OFFSET /* user space ends where the kernel begins */

#define PHYS_KERNEL_START 0x00100000UL /* GRUB loads the image at 1 MiB ... */
#define KERNEL_START (PAGE_OFFSET + PHYS_KERNEL_START) /* ... linked at 0xC0100000 */

/*
 * The top 128 MiB of kernel space is kept for vmalloc, pkmap and fixmap; the rest,
 * 1 GiB - 128 MiB = 896 MiB, is all the RAM the kernel can map one-to-one.
 */
#define __VMALLOC_RESERVE (128UL << 20)
#define MAXMEM (-__PAGE_OFFSET - __VMALLOC_RESERVE)

#define MAX_DMA_ADDRESS (PAGE_OFFSET + 0x1000000UL) /* ISA DMA reaches 16 MiB */

/* head.asm maps this much low memory before the C code runs. */
#define BOOT_MAP_SIZE (16UL << 20)

/* Fixmap: compile-time virtual addresses whose physical page is chosen at run time. */
#define FIXADDR_TOP 0xfffff000UL
#define NR_BTMAP_SLOTS 4   /* early_memremap()s at once */
#define BTMAP_SLOT_PAGES 16 /* the largest early_memremap(): 64 KiB */
#define NR_FIX_BTMAPS (NR_BTMAP_SLOTS * BTMAP_SLOT_PAGES)
enum fixed_addresses {
	FIX_HOLE, /* FIXADDR_TOP itself stays unmapped */
	/* early_memremap(): firmware tables read before paging_init (arch/x86/mm/early_ioremap.c) */
	FIX_BTMAP_END,
	FIX_BTMAP_BEGIN = FIX_BTMAP_END + NR_FIX_BTMAPS - 1,
	FIX_APIC_BASE, /* the local APIC's registers (each CPU sees its own there) */
	FIX_IO_APIC_BASE_0, /* the I/O APICs' registers, one page each (MAX_IO_APICS) */
	FIX_IO_APIC_BASE_END = FIX_IO_APIC_BASE_0 + 3,
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR * NR_CPUS - 1,
	__end_of_fixed_addresses
};
#define FIXADDR_SIZE ((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START (FIXADDR_TOP - FIXADDR_SIZE)

/* pkmap: LAST_PKMAP pages below the fixmap, in one page table of their own. */
#ifndef LAST_PKMAP
#define LAST_PKMAP 1024
#endif
#define PKMAP_BASE ((FIXADDR_START - PAGE_SIZE * (LAST_PKMAP + 1)) & PGDIR_MASK)
#define PKMAP_END (PKMAP_BASE + LAST_PKMAP * PAGE_SIZE)

/* vmalloc starts 8 MiB past the direct map so stray accesses off its end fault. */
#define VMALLOC_OFFSET (8UL << 20)
#define VMALLOC_START_FOR(high) (((unsigned long)(high) + 2 * VMALLOC_OFFSET - 1) & ~(VMALLOC_OFFSET - 1))
#define VMALLOC_END (PKMAP_BASE - 2 * PAGE_SIZE)

#endif
