/*
 * arch/x86/kernel/gdt.c: the Global Descriptor Table and the TSS.
 *
 * Segmentation is flat (base 0, limit 4 GiB) for ring 0 and ring 3 alike; what the
 * segments add is the privilege level in the low bits of CS. The TSS exists for one
 * field: esp0, the kernel stack the CPU switches to when ring 3 traps into ring 0.
 * A second TSS is the double fault's task: the IDT's task gate for vector 8 makes the
 * CPU save everything into init_tss and load this one, with its own stack, so a fault
 * whose frame cannot be pushed (a kernel stack run off its end) is still reported.
 */
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/thread_info.h>
#include <asm/traps.h>
#include <kspace/sched.h>
#include <kspace/string.h>

/* access byte: P | DPL | S | type; flags nibble: G (4 KiB granularity) | D (32-bit) */
#define DESC(base, limit, access, flags)                                                  \
	(struct desc_struct)                                                               \
	{                                                                                  \
		.a = ((base) << 16) | ((limit) & 0xffff),                                   \
		.b = ((base) & 0xff000000) | ((flags) << 20) | ((limit) & 0xf0000) |        \
		     ((access) << 8) | (((base) >> 16) & 0xff)                              \
	}

#define ACCESS_CODE 0x9a /* present, ring 0, code, readable */
#define ACCESS_DATA 0x92 /* present, ring 0, data, writable */
#define ACCESS_DPL3 0x60
#define ACCESS_TSS 0x89  /* present, available 32-bit TSS */
#define FLAGS_4G 0xc

DEFINE_PER_CPU(struct gdt_page, gdt_page);
DEFINE_PER_CPU(struct tss_struct, init_tss);
DEFINE_PER_CPU(struct tss_struct, doublefault_tss);

/* The double fault's task starts afresh each time: interrupts off, the kernel's page tables. */
static void set_doublefault_tss(int cpu, struct desc_struct *gdt_table)
{
	struct tss_struct *t = &per_cpu(doublefault_tss, cpu);

	memset(t, 0, sizeof(*t));
	t->eip = (u32)doublefault_fn;
	t->esp = (u32)doublefault_stack[cpu] + THREAD_SIZE;
	t->eflags = 0x2; /* bit 1 is always set; IF clear */
	t->cr3 = __pa(swapper_pg_dir);
	t->cs = __KERNEL_CS;
	t->ss = t->ds = t->es = __KERNEL_DS;
	t->io_bitmap_base = sizeof(*t);
	gdt_table[GDT_ENTRY_DOUBLEFAULT_TSS] = DESC((u32)t, sizeof(*t) - 1, ACCESS_TSS, 0);
}

static void load_segments(const struct desc_struct *gdt_table)
{
	struct desc_ptr gdt = { GDT_ENTRIES * sizeof(*gdt_table) - 1, (u32)gdt_table };

	__asm__ __volatile__("lgdt %0\n\t"
			     "ljmp %1, $1f\n"
			     "1:\tmovl %2, %%eax\n\t"
			     "movl %%eax, %%ds\n\t"
			     "movl %%eax, %%es\n\t"
			     "movl %%eax, %%ss\n\t"
			     "xorl %%eax, %%eax\n\t"
			     "movl %%eax, %%fs\n\t"
			     "movl %%eax, %%gs\n\t"
			     "ltr %w3"
			     :
			     : "m"(gdt), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "r"(GDT_ENTRY_TSS_SEL)
			     : "eax", "memory");
}

/*
 * The boot CPU runs this twice: from trap_init() on the linked copy of its per-CPU
 * tables, and again once setup_per_cpu_areas() has given it its own copy.
 */
void cpu_init(void)
{
	int cpu = smp_processor_id();
	struct desc_struct *gdt_table = get_cpu_gdt_table(cpu);
	struct tss_struct *tss = &per_cpu(init_tss, cpu);

	gdt_table[GDT_ENTRY_KERNEL_CS] = DESC(0, 0xfffff, ACCESS_CODE, FLAGS_4G);
	gdt_table[GDT_ENTRY_KERNEL_DS] = DESC(0, 0xfffff, ACCESS_DATA, FLAGS_4G);
	gdt_table[GDT_ENTRY_DEFAULT_USER_CS] = DESC(0, 0xfffff, ACCESS_CODE | ACCESS_DPL3, FLAGS_4G);
	gdt_table[GDT_ENTRY_DEFAULT_USER_DS] = DESC(0, 0xfffff, ACCESS_DATA | ACCESS_DPL3, FLAGS_4G);

	memset(tss, 0, sizeof(*tss));
	tss->ss0 = __KERNEL_DS;
	tss->esp0 = current->thread.esp0;
	/* An I/O bitmap offset past the TSS limit: ring 3 may use no I/O port at all. */
	tss->io_bitmap_base = sizeof(*tss);
	gdt_table[GDT_ENTRY_TSS] = DESC((u32)tss, sizeof(*tss) - 1, ACCESS_TSS, 0);
	set_doublefault_tss(cpu, gdt_table);

	load_segments(gdt_table);
}
