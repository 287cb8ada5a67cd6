/*
 * arch/x86/kernel/setup.c: the architecture's part of boot, called from
 * start_kernel() in order: trap_init() (in traps.c), early_console_init(),
 * setup_arch(), and after mm_core_init(), console_init().
 */
#include <asm/desc.h>
#include <asm/early_ioremap.h>
#include <asm/fpu.h>
#include <asm/mpspec.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/tsc.h>
#include <kspace/arch.h>
#include <kspace/multiboot.h>
#include <kspace/percpu.h>
#include <kspace/smp.h>

void early_console_init(void)
{
	serial_console_init();
}

void console_init(void)
{
	vga_console_init();
}

void setup_arch(void)
{
	cpu_detect();
	print_cpu_info();
	fpu__init();
	tsc_init();
	multiboot_print_mmap();
	early_ioremap_init();
	find_smp_config(); /* the CPUs the firmware lists: the possible map comes from them */
	prefill_possible_map(); /* the possible map is final before the per-CPU areas are made */
	paging_init(); /* and setup_per_cpu_areas(), for the possible CPUs known by now */
	cpu_init(); /* the boot CPU moves to its own copy of the GDT and TSS */
	smp_store_cpu_info(0); /* the boot CPU's cpu_data: its per-CPU copy exists now */
	print_layout();
}
