/*
 * arch/x86/kernel/traps.c: the IDT and the C handlers of the 32 CPU exceptions.
 *
 * Each vector has a named entry stub in entry.asm and a do_<name>() here, except the
 * double fault, which is a task of its own (doublefault_fn). A fault the kernel
 * cannot handle ends in die(), which prints an oops (what, where, which task, the
 * registers, a symbolized backtrace) and panics.
 */
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/signal.h>

static struct desc_struct idt_table[256] __aligned(8);
void system_call(void);
extern void (*const exception_stubs[NR_EXCEPTIONS])(void);

static const char *const trap_names[NR_EXCEPTIONS] = {
	"divide error", "debug", "nmi", "int3", "overflow", "bounds", "invalid opcode",
	"device not available", "double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack segment", "general protection", "page fault",
	"spurious interrupt bug", "coprocessor error", "alignment check", "machine check",
	"simd coprocessor error", "virtualization exception", "control protection",
	"reserved 22", "reserved 23", "reserved 24", "reserved 25", "reserved 26",
	"reserved 27", "hypervisor injection", "vmm communication", "security exception",
	"reserved 31",
};

void set_idt_gate(unsigned int vector, void (*handler)(void), unsigned int type, unsigned int dpl)
{
	u32 addr = (u32)handler;

	idt_table[vector].a = (__KERNEL_CS << 16) | (addr & 0xffff);
	idt_table[vector].b = (addr & 0xffff0000) | 0x8000 | (dpl << 13) | (type << 8);
}

/* A task gate holds no handler address: the CPU switches to the TSS the selector names. */
static void set_task_gate(unsigned int vector, unsigned int tss_selector)
{
	idt_table[vector].a = tss_selector << 16;
	idt_table[vector].b = 0x8000 | (GATE_TASK << 8);
}

void load_idt(void)
{
	struct desc_ptr idt = { sizeof(idt_table) - 1, (u32)idt_table };

	__asm__ __volatile__("lidt %0" ::"m"(idt));
}

void trap_init(void)
{
	cpu_init();
	/*
	 * Interrupt gates, so no interrupt can arrive before the handler has saved what
	 * it needs (CR2 above all). int3, into and bound are reachable from ring 3, as
	 * Linux's "system gates" are, because user programs use them on purpose.
	 */
	for (int v = 0; v < NR_EXCEPTIONS; v++) {
		int dpl = (v == X86_TRAP_BP || v == X86_TRAP_OF || v == X86_TRAP_BR) ? 3 : 0;

		if (v != X86_TRAP_DF)
			set_idt_gate(v, exception_stubs[v], GATE_INTERRUPT, dpl);
	}
	set_task_gate(X86_TRAP_DF, GDT_ENTRY_DOUBLEFAULT_TSS_SEL);
	/* The system call gate: reachable from ring 3, and a trap gate, so interrupts stay on. */
	set_idt_gate(SYSCALL_VECTOR, system_call, GATE_TRAP, 3);
	load_idt();
}

/* regs as saved, esp where the stack was, stack any address on the running task's stack. */
static __noreturn void __die(const char *str, const struct pt_regs *regs, unsigned long esp,
			     unsigned long stack, long error_code, int trapnr)
{
	static int die_counter;

	local_irq_disable();
	oops_in_progress = 1;
	printk(KERN_EMERG "%s: %04lx [#%d]\n", str, error_code & 0xffff, ++die_counter);
	printk(KERN_EMERG "trap: %s (vector %d), error code %04lx\n", trap_names[trapnr], trapnr,
	       error_code);
	__show_regs(regs, esp, stack);
	panic("Fatal exception");
}

void die(const char *str, struct pt_regs *regs, long error_code, int trapnr)
{
	unsigned long esp = kernel_stack_pointer(regs);

	__die(str, regs, esp, esp, error_code, trapnr);
}

/*
 * The double faults' stacks, one per CPU: THREAD_SIZE-aligned with a thread_info at the
 * bottom, so `current` works in the code below (it names the task that faulted).
 */
unsigned char doublefault_stack[NR_CPUS][THREAD_SIZE] __aligned(THREAD_SIZE);

/*
 * The double fault's task, entered through the task gate of vector 8 with a fresh
 * stack (the CPU pushed only an error code, always 0). Which stack tells which CPU
 * faulted. The faulting state is in that CPU's init_tss, where the task switch saved
 * it; its esp0 is the top of the kernel stack of the task that was running, whatever
 * esp had become. There is no way back.
 */
void doublefault_fn(void)
{
	unsigned long esp = (unsigned long)&esp;
	int cpu = (esp - (unsigned long)doublefault_stack) / THREAD_SIZE;
	const struct tss_struct *t = &per_cpu(init_tss, cpu);
	struct pt_regs regs = {
		.ebx = t->ebx, .ecx = t->ecx, .edx = t->edx, .esi = t->esi, .edi = t->edi,
		.ebp = t->ebp, .eax = t->eax, .xds = t->ds, .xes = t->es, .orig_eax = -1,
		.eip = t->eip, .xcs = t->cs, .eflags = t->eflags, .esp = t->esp, .xss = t->ss,
	};
	unsigned long stack = t->esp0 - 1;
	struct task_struct *p = task_of_stack(stack);

	*(struct thread_info *)doublefault_stack[cpu] =
		(struct thread_info){ .task = p ? p : &init_task, .preempt_count = 1, .cpu = cpu };
	__die("double fault", &regs, t->esp, stack, 0, X86_TRAP_DF);
}

/*
 * An exception in ring 3 is the program's: it gets the signal Linux sends for it,
 * with Linux's si_code and si_addr, and the kernel goes on. In ring 0 it is the
 * kernel's bug, an oops, except for a general protection or segment-not-present
 * fault in an instruction with a fixup (a user access, or loading a user's %fs/%gs
 * selector), which the exception table recovers.
 */
static void do_trap(int trapnr, int signr, const char *str, struct pt_regs *regs, long error_code,
		    int sicode, void __user *addr)
{
	if (user_mode(regs)) {
		printk(KERN_INFO "traps: %s[%d] %s ip:%08lx sp:%08lx error:%lx\n", current->comm,
		       current->pid, str, regs->eip, regs->esp, error_code);
		current->thread.trap_nr = trapnr;
		current->thread.error_code = error_code;
		if (sicode == SI_KERNEL)
			force_sig(signr);
		else
			force_sig_fault(signr, sicode, addr);
		return;
	}
	if ((trapnr == X86_TRAP_GP || trapnr == X86_TRAP_NP) && fixup_exception(regs))
		return;
	die(str, regs, error_code, trapnr);
}

#define DO_ERROR(trapnr, signr, sicode, str, name)                              \
	void do_##name(struct pt_regs *regs, long error_code);                 \
	void do_##name(struct pt_regs *regs, long error_code)                  \
	{                                                                       \
		do_trap(trapnr, signr, str, regs, error_code, sicode,           \
			sicode == SI_KERNEL ? NULL : (void __user *)regs->eip); \
	}

DO_ERROR(0, SIGFPE, FPE_INTDIV, "divide error", divide_error)
DO_ERROR(1, SIGTRAP, SI_KERNEL, "debug", debug)
DO_ERROR(2, SIGSEGV, SI_KERNEL, "nmi", nmi)
DO_ERROR(3, SIGTRAP, SI_KERNEL, "int3", int3)
DO_ERROR(4, SIGSEGV, SI_KERNEL, "overflow", overflow)
DO_ERROR(5, SIGSEGV, SI_KERNEL, "bounds", bounds)
DO_ERROR(6, SIGILL, ILL_ILLOPN, "invalid opcode", invalid_op)
DO_ERROR(7, SIGSEGV, SI_KERNEL, "device not available", device_not_available)
DO_ERROR(9, SIGFPE, SI_KERNEL, "coprocessor segment overrun", coprocessor_segment_overrun)
DO_ERROR(10, SIGSEGV, SI_KERNEL, "invalid TSS", invalid_TSS)
DO_ERROR(11, SIGBUS, SI_KERNEL, "segment not present", segment_not_present)
DO_ERROR(12, SIGBUS, SI_KERNEL, "stack segment", stack_segment)
DO_ERROR(13, SIGSEGV, SI_KERNEL, "general protection fault", general_protection)
DO_ERROR(15, SIGSEGV, SI_KERNEL, "spurious interrupt bug", spurious_interrupt_bug)
DO_ERROR(16, SIGFPE, SI_KERNEL, "coprocessor error", coprocessor_error)
DO_ERROR(17, SIGBUS, BUS_ADRALN, "alignment check", alignment_check)
DO_ERROR(18, SIGBUS, SI_KERNEL, "machine check", machine_check)
DO_ERROR(19, SIGFPE, SI_KERNEL, "simd coprocessor error", simd_coprocessor_error)
DO_ERROR(20, SIGSEGV, SI_KERNEL, "virtualization exception", virtualization_exception)
DO_ERROR(21, SIGSEGV, SI_KERNEL, "control protection", control_protection)
DO_ERROR(22, SIGSEGV, SI_KERNEL, "reserved exception", reserved_22)
DO_ERROR(23, SIGSEGV, SI_KERNEL, "reserved exception", reserved_23)
DO_ERROR(24, SIGSEGV, SI_KERNEL, "reserved exception", reserved_24)
DO_ERROR(25, SIGSEGV, SI_KERNEL, "reserved exception", reserved_25)
DO_ERROR(26, SIGSEGV, SI_KERNEL, "reserved exception", reserved_26)
DO_ERROR(27, SIGSEGV, SI_KERNEL, "reserved exception", reserved_27)
DO_ERROR(28, SIGSEGV, SI_KERNEL, "hypervisor injection", hypervisor_injection)
DO_ERROR(29, SIGSEGV, SI_KERNEL, "vmm communication", vmm_communication)
DO_ERROR(30, SIGSEGV, SI_KERNEL, "security exception", security_exception)
DO_ERROR(31, SIGSEGV, SI_KERNEL, "reserved exception", reserved_31)
