/* arch/x86/kernel/cpu_tables_test.c: the GDT, TSS and IDT are what trap_init() meant. */
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/thread_info.h>
#include <asm/traps.h>
#include <kspace/sched.h>
#include <kspace/selftest.h>
#include <kspace/vmalloc.h>

static u16 read_selector(int which)
{
	u16 sel = 0;

	switch (which) {
	case 0: __asm__ __volatile__("movw %%cs, %0" : "=r"(sel)); break;
	case 1: __asm__ __volatile__("movw %%ds, %0" : "=r"(sel)); break;
	case 2: __asm__ __volatile__("movw %%ss, %0" : "=r"(sel)); break;
	default: __asm__ __volatile__("str %0" : "=r"(sel)); break;
	}
	return sel;
}

SELFTEST(gdt_selectors_are_linux_values)
{
	const struct desc_struct *gdt_table = get_cpu_gdt_table(smp_processor_id());
	struct desc_ptr gdt;

	__asm__ __volatile__("sgdt %0" : "=m"(gdt));
	EXPECT(read_selector(0) == 0x60);
	EXPECT(read_selector(1) == 0x68);
	EXPECT(read_selector(2) == 0x68);
	EXPECT(read_selector(3) == 0x80);
	EXPECT(__USER_CS == 0x73 && __USER_DS == 0x7b);
	/* User segments are ring 3 (DPL in bits 13-14 of the high word). */
	EXPECT(((gdt_table[GDT_ENTRY_DEFAULT_USER_CS].b >> 13) & 3) == 3);
	EXPECT(((gdt_table[GDT_ENTRY_KERNEL_CS].b >> 13) & 3) == 0);
	EXPECT(gdt.address == (u32)gdt_table); /* this CPU's own copy is the one loaded */
	return 0;
}

SELFTEST(tss_points_at_kernel_stack)
{
	const struct tss_struct *tss = this_cpu_ptr(&init_tss);
	struct desc_ptr gdt;

	EXPECT(tss->ss0 == __KERNEL_DS);
	/* The running task's own stack top: where a trap from ring 3 would land. */
	EXPECT(tss->esp0 == (u32)current->stack + THREAD_SIZE);
	EXPECT(tss->esp0 == current->thread.esp0);
	EXPECT(tss->io_bitmap_base >= sizeof(*tss));
	/* The task register names this CPU's TSS: its GDT descriptor's base. */
	__asm__ __volatile__("sgdt %0" : "=m"(gdt));
	EXPECT(((const struct desc_struct *)gdt.address)[GDT_ENTRY_TSS].a >> 16 == ((u32)tss & 0xffff));
	return 0;
}

SELFTEST(idt_gates)
{
	struct desc_ptr idt;
	const struct desc_struct *gate;

	__asm__ __volatile__("sidt %0" : "=m"(idt));
	EXPECT(idt.size == 256 * 8 - 1);
	gate = (const struct desc_struct *)idt.address;
	for (int v = 0; v < NR_EXCEPTIONS; v++) {
		int dpl = (gate[v].b >> 13) & 3;

		EXPECT(gate[v].b & 0x8000);             /* present */
		if (v == X86_TRAP_DF) {                 /* a task gate to the double fault's TSS */
			EXPECT(((gate[v].b >> 8) & 0xf) == GATE_TASK);
			EXPECT((gate[v].a >> 16) == GDT_ENTRY_DOUBLEFAULT_TSS_SEL);
			continue;
		}
		EXPECT((gate[v].a >> 16) == __KERNEL_CS);
		EXPECT(dpl == ((v == 3 || v == 4 || v == 5) ? 3 : 0));
	}
	EXPECT(gate[FIRST_EXTERNAL_VECTOR].b & 0x8000); /* the timer's vector */
	EXPECT((gate[SYSCALL_VECTOR].b & 0x8000) && ((gate[SYSCALL_VECTOR].b >> 13) & 3) == 3);
	EXPECT(((gate[SYSCALL_VECTOR].b >> 8) & 0xf) == GATE_TRAP); /* interrupts stay enabled */
	EXPECT(!(gate[0x81].b & 0x8000)); /* int $0x81 from ring 3: a #GP, not a gate */
	return 0;
}

SELFTEST(doublefault_tss_ready)
{
	int cpu = smp_processor_id();
	const struct desc_struct *d = &get_cpu_gdt_table(cpu)[GDT_ENTRY_DOUBLEFAULT_TSS];
	const struct tss_struct *t = this_cpu_ptr(&doublefault_tss);
	const unsigned char *stack = doublefault_stack[cpu];

	EXPECT(((d->b >> 8) & 0xff) == 0x89); /* present, available (not busy) 32-bit TSS */
	EXPECT(t->eip == (u32)doublefault_fn && t->cs == __KERNEL_CS);
	EXPECT(t->esp == (u32)stack + THREAD_SIZE && t->ss == __KERNEL_DS);
	EXPECT(((u32)stack & (THREAD_SIZE - 1)) == 0);
	EXPECT(t->cr3 == __pa(swapper_pg_dir));
	EXPECT(!(t->eflags & X86_EFLAGS_IF));
	return 0;
}

/*
 * A stack whose next push lands on an unmapped page, as when a stack runs off its end
 * into a guard page: the page fault cannot push its frame there, which is a double
 * fault, and the double fault could not push one either without a task (and stack) of
 * its own: the CPU would triple-fault and reset. esp is the top of a vmalloc guard page.
 */
CRASHTEST(double_fault)
{
	char *area = vmalloc(PAGE_SIZE);
	unsigned long guard_top = (unsigned long)area + 2 * PAGE_SIZE;

	__asm__ __volatile__("movl %0, %%esp\n\tpushl $0" ::"r"(guard_top) : "memory");
}
