/* GDT, IDT and TSS: the descriptor tables the CPU consults on every privilege change. */
#ifndef ASM_DESC_H
#define ASM_DESC_H

#include <asm/segment.h>
#include <kspace/compiler.h>
#include <kspace/percpu.h>
#include <kspace/types.h>

struct desc_struct {
	u32 a, b;
};

struct desc_ptr {
	u16 size;
	u32 address;
} __packed;

/* The 32-bit TSS. The kernel only uses ss0:esp0, the stack ring 3 traps land on. */
struct tss_struct {
	u16 back_link, __blh;
	u32 esp0;
	u16 ss0, __ss0h;
	u32 esp1;
	u16 ss1, __ss1h;
	u32 esp2;
	u16 ss2, __ss2h;
	u32 cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u16 es, __esh, cs, __csh, ss, __ssh, ds, __dsh, fs, __fsh, gs, __gsh, ldt, __ldth;
	u16 trace, io_bitmap_base;
} __packed;

/*
 * Each CPU has its own GDT (its TLS entries are the task it runs), its own TSS (esp0
 * is the kernel stack of that task) and its own double-fault TSS and stack.
 */
struct gdt_page {
	struct desc_struct gdt[GDT_ENTRIES];
} __aligned(8);
DECLARE_PER_CPU(struct gdt_page, gdt_page);
DECLARE_PER_CPU(struct tss_struct, init_tss);
DECLARE_PER_CPU(struct tss_struct, doublefault_tss); /* the double fault's task (traps.c) */

static inline struct desc_struct *get_cpu_gdt_table(int cpu) { return per_cpu(gdt_page, cpu).gdt; }

void cpu_init(void); /* this CPU: load its GDT, segment registers and TSS */
void trap_init(void); /* build and load the IDT */
void load_idt(void);  /* an application processor: load the IDT trap_init built */

/* Gate types for set_intr_gate and friends. */
#define GATE_INTERRUPT 0xE /* clears IF on entry */
#define GATE_TRAP 0xF      /* leaves IF alone */
#define GATE_TASK 0x5      /* switches to the task of a TSS: a fresh stack and registers */
void set_idt_gate(unsigned int vector, void (*handler)(void), unsigned int type, unsigned int dpl);

#endif
