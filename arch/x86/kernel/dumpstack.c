/*
 * arch/x86/kernel/dumpstack.c: register dumps and backtraces for oopses and panics.
 *
 * The kernel keeps frame pointers, so each frame starts with the caller's ebp and
 * the return address above it. The walk stays inside the THREAD_SIZE stack it
 * started on and only moves upward, so a corrupt chain ends the trace instead of
 * faulting again.
 */
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/thread_info.h>
#include <asm/traps.h>
#include <kspace/kallsyms.h>
#include <kspace/printk.h>
#include <kspace/stacktrace.h>

#define MAX_TRACE_DEPTH 32

static void print_address(unsigned long addr)
{
	char sym[KSYM_SYMBOL_LEN];

	sprint_symbol(sym, sizeof(sym), addr);
	printk(KERN_EMERG " [<%08lx>] %s\n", addr, sym);
}

void show_trace(unsigned long eip, unsigned long ebp)
{
	unsigned long base = ebp & ~(THREAD_SIZE - 1UL);

	printk(KERN_EMERG "Call Trace:\n");
	if (eip)
		print_address(eip);
	for (int depth = 0; depth < MAX_TRACE_DEPTH; depth++) {
		if (ebp < base || ebp + 8 > base + THREAD_SIZE || (ebp & 3))
			break;
		unsigned long *frame = (unsigned long *)ebp;
		if (frame[1] == 0)
			break;
		print_address(frame[1]);
		if (frame[0] <= ebp)
			break;
		ebp = frame[0];
	}
}

void dump_stack(void)
{
	show_trace(0, (unsigned long)__builtin_frame_address(0));
}

static void show_stack_words(unsigned long esp)
{
	unsigned long *p = (unsigned long *)esp;
	unsigned long end = (esp & ~(THREAD_SIZE - 1UL)) + THREAD_SIZE;

	printk(KERN_EMERG "Stack:");
	for (int i = 0; i < 16 && (unsigned long)(p + 1) <= end; i++, p++)
		pr_cont("%s%08lx", i % 8 ? " " : "\n       ", *p);
	pr_cont("\n");
}

void show_regs(const struct pt_regs *regs)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned long esp = kernel_stack_pointer(regs);
	int ss = user_mode(regs) ? regs->xss & 0xffff : __KERNEL_DS;

	sprint_symbol(sym, sizeof(sym), regs->eip);
	printk(KERN_EMERG "EIP:    %04x:[<%08lx>] EFLAGS: %08lx\n", regs->xcs & 0xffff, regs->eip,
	       regs->eflags);
	printk(KERN_EMERG "EIP is at %s\n", sym);
	printk(KERN_EMERG "eax: %08lx   ebx: %08lx   ecx: %08lx   edx: %08lx\n", regs->eax,
	       regs->ebx, regs->ecx, regs->edx);
	printk(KERN_EMERG "esi: %08lx   edi: %08lx   ebp: %08lx   esp: %08lx\n", regs->esi,
	       regs->edi, regs->ebp, esp);
	printk(KERN_EMERG "ds: %04x   es: %04x   ss: %04x\n", regs->xds & 0xffff,
	       regs->xes & 0xffff, ss);
	printk(KERN_EMERG "CR0: %08lx CR2: %08lx CR3: %08lx\n", read_cr0(), read_cr2(), read_cr3());
	if (user_mode(regs))
		return;
	show_stack_words(esp);
	show_trace(regs->eip, regs->ebp);
}
