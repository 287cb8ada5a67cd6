/* arch/x86/kernel/cpu_tables_test.c: the GDT, TSS and IDT are what trap_init() meant. */
#include <asm/desc.h>
#include <asm/thread_info.h>
#include <asm/traps.h>
#include <kspace/sched.h>
#include <kspace/selftest.h>

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
	EXPECT(read_selector(0) == 0x60);
	EXPECT(read_selector(1) == 0x68);
	EXPECT(read_selector(2) == 0x68);
	EXPECT(read_selector(3) == 0x80);
	EXPECT(__USER_CS == 0x73 && __USER_DS == 0x7b);
	/* User segments are ring 3 (DPL in bits 13-14 of the high word). */
	EXPECT(((gdt_table[GDT_ENTRY_DEFAULT_USER_CS].b >> 13) & 3) == 3);
	EXPECT(((gdt_table[GDT_ENTRY_KERNEL_CS].b >> 13) & 3) == 0);
	return 0;
}

SELFTEST(tss_points_at_kernel_stack)
{
	EXPECT(init_tss.ss0 == __KERNEL_DS);
	/* The running task's own stack top: where a trap from ring 3 would land. */
	EXPECT(init_tss.esp0 == (u32)current->stack + THREAD_SIZE);
	EXPECT(init_tss.esp0 == current->thread.esp0);
	EXPECT(init_tss.io_bitmap_base >= sizeof(init_tss));
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
		EXPECT((gate[v].a >> 16) == __KERNEL_CS);
		EXPECT(dpl == ((v == 3 || v == 4 || v == 5) ? 3 : 0));
	}
	EXPECT(gate[FIRST_EXTERNAL_VECTOR].b & 0x8000); /* the timer's vector */
	EXPECT((gate[SYSCALL_VECTOR].b & 0x8000) && ((gate[SYSCALL_VECTOR].b >> 13) & 3) == 3);
	EXPECT(((gate[SYSCALL_VECTOR].b >> 8) & 0xf) == GATE_TRAP); /* interrupts stay enabled */
	EXPECT(!(gate[0x81].b & 0x8000)); /* int $0x81 from ring 3: a #GP, not a gate */
	return 0;
}
