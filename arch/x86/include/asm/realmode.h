/*
 * The AP trampoline (arch/x86/kernel/trampoline.asm): copied to one page below
 * 1 MiB, where a STARTUP IPI can point (its vector is a page number), inside the
 * first MiB that paging_init() keeps out of the allocator.
 */
#ifndef ASM_REALMODE_H
#define ASM_REALMODE_H

#define TRAMPOLINE_BASE 0x8000 /* STARTUP vector 0x08 */
#define TR_KERNEL_CS 0x08      /* the trampoline's own flat GDT */
#define TR_KERNEL_DS 0x10

#ifndef __ASSEMBLER__
#include <kspace/types.h>

/* Filled by the boot CPU in the copy at TRAMPOLINE_BASE before each start. */
struct trampoline_header {
	u32 cr3;   /* physical: a page directory that maps the trampoline one-to-one */
	u32 cr4;   /* the boot CPU's: the kernel's pages may be 4 MiB (PSE) or global (PGE) */
	u32 stack; /* top of the idle task's kernel stack */
	u32 entry; /* start_secondary() */
};

extern const char trampoline_start[], trampoline_header[], trampoline_end[];
#endif

#endif
