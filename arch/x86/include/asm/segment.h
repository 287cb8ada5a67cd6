/*
 * GDT layout and segment selectors, numbered as in Linux/i386 so that selectors
 * seen in gdb or in an oops (0x60, 0x7b...) mean the same thing as on Linux.
 */
#ifndef ASM_SEGMENT_H
#define ASM_SEGMENT_H

#define GDT_ENTRY_TLS_MIN 6 /* 6..8: thread-local storage (set_thread_area) */
#define GDT_ENTRY_TLS_ENTRIES 3
#define GDT_ENTRY_TLS_MAX (GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)
#define GDT_ENTRY_KERNEL_CS 12
#define GDT_ENTRY_KERNEL_DS 13
#define GDT_ENTRY_DEFAULT_USER_CS 14
#define GDT_ENTRY_DEFAULT_USER_DS 15
#define GDT_ENTRY_TSS 16
#define GDT_ENTRY_DOUBLEFAULT_TSS 31 /* the double fault's own task, as in Linux */
#define GDT_ENTRIES 32

/* selector = index * 8 | RPL */
#define __KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)          /* 0x60 */
#define __KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)          /* 0x68 */
#define __USER_CS (GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)  /* 0x73 */
#define __USER_DS (GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)  /* 0x7b */
#define GDT_ENTRY_TSS_SEL (GDT_ENTRY_TSS * 8)          /* 0x80 */
#define GDT_ENTRY_DOUBLEFAULT_TSS_SEL (GDT_ENTRY_DOUBLEFAULT_TSS * 8) /* 0xf8 */

#define SEGMENT_RPL_MASK 3
#define SEGMENT_TI_MASK 4 /* the selector names an LDT entry */
#define USER_RPL 3

#ifndef __ASSEMBLER__
#include <asm/asm.h>

/*
 * %fs and %gs: the kernel never loads them on entry, so while it runs they still
 * hold the user's values. savesegment reads one; loadsegment sets one, and a
 * selector the CPU refuses (#GP, #NP) loads the null selector instead, through the
 * exception table, as Linux's loadsegment does.
 */
#define savesegment(seg, value) __asm__ __volatile__("movl %%" #seg ", %k0" : "=r"(value))

#define loadsegment(seg, value)                                                 \
	do {                                                                    \
		unsigned short __val = (value);                                 \
		__asm__ __volatile__("1:	movl %k0, %%" #seg "\n"            \
				     ".pushsection .fixup, \"ax\"\n"            \
				     "3:	xorl %k0, %k0\n"                  \
				     "	jmp 1b\n"                               \
				     ".popsection\n" _ASM_EXTABLE(1b, 3b)       \
				     : "+r"(__val)::"memory");                   \
	} while (0)
#endif

#endif
