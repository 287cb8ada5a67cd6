/* Conversions between kernel virtual and physical addresses in the direct map. */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <asm/memlayout.h>

#ifndef __ASSEMBLER__
/* Only valid for the direct map: lowmem and the kernel image. */
#define __pa(x) ((unsigned long)(x) - PAGE_OFFSET)
#define __va(x) ((void *)((unsigned long)(x) + PAGE_OFFSET))

#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

/* The end of the direct map: the first kernel virtual address that is not lowmem. */
extern void *high_memory;
#endif

#endif
