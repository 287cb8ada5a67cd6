/*
 * struct pt_regs: the registers saved on kernel entry, in Linux/i386 order. The
 * entry code pushes es, ds, eax, ebp, edi, esi, edx, ecx, ebx (SAVE_ALL), so in
 * memory they read upward from ebx; the CPU pushed eip..xss before that.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <asm/segment.h>

struct pt_regs {
	long ebx, ecx, edx, esi, edi, ebp, eax;
	int xds, xes;
	long orig_eax; /* syscall number, ~irq, or -1 for an exception */
	long eip;
	int xcs;
	long eflags;
	long esp; /* esp and xss exist only when entering from ring 3 */
	int xss;
};

static inline int user_mode(const struct pt_regs *regs)
{
	return (regs->xcs & SEGMENT_RPL_MASK) == USER_RPL;
}

/* A trap from ring 0 pushes no esp/ss: the old stack began where esp would be saved. */
static inline unsigned long kernel_stack_pointer(const struct pt_regs *regs)
{
	return user_mode(regs) ? (unsigned long)regs->esp : (unsigned long)&regs->esp;
}

#endif
