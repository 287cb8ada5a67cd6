/*
 * arch/x86/kernel/traps.c: the IDT and the C handlers of the 32 CPU exceptions.
 *
 * Each vector has a named entry stub in entry.asm and a do_<name>() here. A fault
 * the kernel cannot handle ends in die(), which prints an oops (what, where, the
 * registers, a symbolized backtrace) and panics.
 */
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>

static struct desc_struct idt_table[256] __aligned(8);
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

void trap_init(void)
{
	struct desc_ptr idt = { sizeof(idt_table) - 1, (u32)idt_table };

	cpu_init();
	/*
	 * Interrupt gates, so no interrupt can arrive before the handler has saved what
	 * it needs (CR2 above all). int3, into and bound are reachable from ring 3, as
	 * Linux's "system gates" are, because user programs use them on purpose.
	 */
	for (int v = 0; v < NR_EXCEPTIONS; v++) {
		int dpl = (v == X86_TRAP_BP || v == X86_TRAP_OF || v == X86_TRAP_BR) ? 3 : 0;
		set_idt_gate(v, exception_stubs[v], GATE_INTERRUPT, dpl);
	}
	__asm__ __volatile__("lidt %0" ::"m"(idt));
}

void die(const char *str, struct pt_regs *regs, long error_code, int trapnr)
{
	static int die_counter;

	local_irq_disable();
	oops_in_progress = 1;
	printk(KERN_EMERG "%s: %04lx [#%d]\n", str, error_code & 0xffff, ++die_counter);
	printk(KERN_EMERG "trap: %s (vector %d), error code %04lx\n", trap_names[trapnr], trapnr,
	       error_code);
	show_regs(regs);
	panic("Fatal exception");
}

/* Exceptions with nothing better to do than report themselves. */
#define DO_ERROR(trapnr, str, name)                                        \
	void do_##name(struct pt_regs *regs, long error_code);            \
	void do_##name(struct pt_regs *regs, long error_code)             \
	{                                                                  \
		die(str, regs, error_code, trapnr);                        \
	}

DO_ERROR(0, "divide error", divide_error)
DO_ERROR(1, "debug", debug)
DO_ERROR(2, "nmi", nmi)
DO_ERROR(3, "int3", int3)
DO_ERROR(4, "overflow", overflow)
DO_ERROR(5, "bounds", bounds)
DO_ERROR(6, "invalid opcode", invalid_op)
DO_ERROR(7, "device not available", device_not_available)
DO_ERROR(8, "double fault", double_fault)
DO_ERROR(9, "coprocessor segment overrun", coprocessor_segment_overrun)
DO_ERROR(10, "invalid TSS", invalid_TSS)
DO_ERROR(11, "segment not present", segment_not_present)
DO_ERROR(12, "stack segment", stack_segment)
DO_ERROR(13, "general protection fault", general_protection)
DO_ERROR(15, "spurious interrupt bug", spurious_interrupt_bug)
DO_ERROR(16, "coprocessor error", coprocessor_error)
DO_ERROR(17, "alignment check", alignment_check)
DO_ERROR(18, "machine check", machine_check)
DO_ERROR(19, "simd coprocessor error", simd_coprocessor_error)
DO_ERROR(20, "virtualization exception", virtualization_exception)
DO_ERROR(21, "control protection", control_protection)
DO_ERROR(22, "reserved exception", reserved_22)
DO_ERROR(23, "reserved exception", reserved_23)
DO_ERROR(24, "reserved exception", reserved_24)
DO_ERROR(25, "reserved exception", reserved_25)
DO_ERROR(26, "reserved exception", reserved_26)
DO_ERROR(27, "reserved exception", reserved_27)
DO_ERROR(28, "hypervisor injection", hypervisor_injection)
DO_ERROR(29, "vmm communication", vmm_communication)
DO_ERROR(30, "security exception", security_exception)
DO_ERROR(31, "reserved exception", reserved_31)
