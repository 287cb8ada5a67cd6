/*
 * arch/x86/kernel/dumpstack.c: register dumps and backtraces for oopses and panics.
 *
 * The kernel keeps frame pointers: each frame holds the caller's ebp with the
 * return address above it. The trace scans every word from esp to the top of the
 * THREAD_SIZE stack and prints those that point into kernel text; a word that is
 * the next link of the ebp chain is reliable, any other is printed with "?" (a
 * stale value, or the caller of a function that faulted before its prologue).
 * Only the stack the trace started on is read, so a corrupt chain cannot fault.
 * An oops names the task whose stack it ran on and checks that stack's end
 * (STACK_END_MAGIC): a stack that ran too deep is the likeliest cause of a strange oops.
 */
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/thread_info.h>
#include <asm/traps.h>
#include <kspace/kallsyms.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/sections.h>
#include <kspace/stacktrace.h>

#define MAX_TRACE_LINES 32

static void print_address(unsigned long addr, bool reliable)
{
	char sym[KSYM_SYMBOL_LEN];

	sprint_symbol(sym, sizeof(sym), addr);
	printk(KERN_EMERG " [<%08lx>] %s%s\n", addr, reliable ? "" : "? ", sym);
}

void show_trace(unsigned long eip, unsigned long esp, unsigned long ebp)
{
	unsigned long end = (esp & ~(THREAD_SIZE - 1UL)) + THREAD_SIZE;
	int lines = 0;

	printk(KERN_EMERG "Call Trace:\n");
	if (eip)
		print_address(eip, true), lines++;
	for (unsigned long p = ALIGN(esp, 4); p + 4 <= end && lines < MAX_TRACE_LINES; p += 4) {
		unsigned long word = *(unsigned long *)p;

		if (!is_kernel_text(word))
			continue;
		bool reliable = p == ebp + 4;
		if (reliable)
			ebp = *(unsigned long *)ebp;
		print_address(word, reliable);
		lines++;
	}
}

/* Which task's stack stack lies on (found without trusting its thread_info), and its end. */
static void show_task(unsigned long stack)
{
	struct thread_info *ti = (struct thread_info *)(stack & ~(THREAD_SIZE - 1UL));
	struct task_struct *p = task_of_stack(stack);

	if (!p) {
		printk(KERN_EMERG "CPU: 0 PID: ? Comm: ? (stack %p belongs to no task)\n", ti);
		return;
	}
	printk(KERN_EMERG "CPU: 0 PID: %d Comm: %s\n", p->pid, p->comm);
	if (task_stack_end_corrupted(ti))
		printk(KERN_EMERG "Thread overran stack, or stack corrupted: STACK_END_MAGIC at %p "
		       "reads %08lx\n", end_of_stack(ti), *end_of_stack(ti));
}

/* As Linux's: who is running (and whether its stack overran), then the trace. */
void dump_stack(void)
{
	unsigned long ebp = (unsigned long)__builtin_frame_address(0);

	show_task(ebp);
	show_trace(0, ebp, ebp);
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

void __show_regs(const struct pt_regs *regs, unsigned long esp, unsigned long stack)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned long base = stack & ~(THREAD_SIZE - 1UL);
	int ss = user_mode(regs) ? regs->xss & 0xffff : __KERNEL_DS;

	show_task(stack);
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
	if (esp - base < THREAD_SIZE) {
		show_stack_words(esp);
		show_trace(regs->eip, esp, regs->ebp);
		return;
	}
	/* esp left the stack (it may point at nothing mapped): follow ebp if it is still on it. */
	printk(KERN_EMERG "esp %08lx is off the task's stack %08lx-%08lx\n", esp, base,
	       base + THREAD_SIZE);
	if (regs->ebp - base < THREAD_SIZE)
		show_trace(regs->eip, regs->ebp, regs->ebp);
}

void show_regs(const struct pt_regs *regs)
{
	unsigned long esp = kernel_stack_pointer(regs);

	__show_regs(regs, esp, esp);
}
