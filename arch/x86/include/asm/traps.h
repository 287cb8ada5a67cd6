/* CPU exceptions: their vectors, and how the kernel reports one it cannot handle. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/ptrace.h>
#include <asm/thread_info.h>
#include <kspace/threads.h>
#include <kspace/compiler.h>

enum {
	X86_TRAP_DE = 0,  /* divide error */
	X86_TRAP_DB,      /* debug */
	X86_TRAP_NMI,     /* non-maskable interrupt */
	X86_TRAP_BP,      /* int3 */
	X86_TRAP_OF,      /* overflow */
	X86_TRAP_BR,      /* bound range */
	X86_TRAP_UD,      /* invalid opcode */
	X86_TRAP_NM,      /* device not available */
	X86_TRAP_DF,      /* double fault */
	X86_TRAP_OLD_MF,  /* coprocessor segment overrun */
	X86_TRAP_TS,      /* invalid TSS */
	X86_TRAP_NP,      /* segment not present */
	X86_TRAP_SS,      /* stack segment */
	X86_TRAP_GP,      /* general protection */
	X86_TRAP_PF,      /* page fault */
	X86_TRAP_SPURIOUS,
	X86_TRAP_MF,      /* x87 floating point */
	X86_TRAP_AC,      /* alignment check */
	X86_TRAP_MC,      /* machine check */
	X86_TRAP_XF,      /* SIMD floating point */
	NR_EXCEPTIONS = 32
};

#define FIRST_EXTERNAL_VECTOR 0x20 /* the PIC's IRQs start here */
#define SYSCALL_VECTOR 0x80        /* int 0x80: Linux's i386 system call gate */

/* Page-fault error code bits. */
#define PF_PROT 0x1  /* 0: page not present, 1: protection violation */
#define PF_WRITE 0x2 /* the access was a write */
#define PF_USER 0x4  /* the CPU was in ring 3 */

/* Print an oops for a fault the kernel cannot recover from, then panic. */
__noreturn void die(const char *str, struct pt_regs *regs, long error_code, int trapnr);

void show_regs(const struct pt_regs *regs);
/* The same for a state saved elsewhere (a TSS): esp as it was, and an address on the task's stack. */
void __show_regs(const struct pt_regs *regs, unsigned long esp, unsigned long stack);

/* The double fault's task: its code and its THREAD_SIZE stack (thread_info at the bottom). */
void doublefault_fn(void);
extern unsigned char doublefault_stack[NR_CPUS][THREAD_SIZE];

/* Resume a faulting kernel instruction at its __ex_table fixup; 0 if it has none. */
int fixup_exception(struct pt_regs *regs);
struct seq_buf;
void uaccess_render(struct seq_buf *s); /* the text of /proc/uaccess */

#endif
