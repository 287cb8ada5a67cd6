/*
 * tests/host/arch/asm/page.h: the host's stand-in for the kernel's <asm/page.h>.
 * Simulated physical memory is one host mapping (mm_sim.c) whose first byte is
 * physical address 0, so the direct map starts there: PAGE_OFFSET is that mapping's
 * address, and __pa/__va are the kernel's own formulas around it.
 */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

extern unsigned char *host_phys_base; /* physical address 0 */
#define PAGE_OFFSET ((unsigned long)host_phys_base)

#define __pa(x) ((unsigned long)(x) - PAGE_OFFSET)
#define __va(x) ((void *)((unsigned long)(x) + PAGE_OFFSET))

/* What head.asm maps before the C code runs (asm/memlayout.h): boot/multiboot.c's bound. */
#define BOOT_MAP_SIZE (16UL << 20)

#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

extern void *high_memory;

#endif
