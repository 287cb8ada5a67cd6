/*
 * arch/x86/include/asm/asm.h: pieces of inline assembler shared by several headers.
 */
#ifndef ASM_ASM_H
#define ASM_ASM_H

/*
 * An entry of the exception table (__ex_table): if the instruction at `from` faults,
 * the fault handler resumes at `to` (see kernel/extable.c, arch/x86/mm/extable.c).
 */
#define _ASM_EXTABLE(from, to)                  \
	".pushsection __ex_table, \"a\"\n"      \
	".balign 4\n"                           \
	".long " #from ", " #to "\n"            \
	".popsection\n"

#endif
