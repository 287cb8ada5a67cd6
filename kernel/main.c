/*
 * kernel/main.c: start_kernel(), where head.asm hands over. The order matters:
 * copy the boot information before memory is reused, read the command line before
 * choosing consoles, install the IDT before anything can fault, and enable
 * interrupts only once every handler exists.
 */
#include <asm/irqflags.h>
#include <kspace/arch.h>
#include <kspace/bench.h>
#include <kspace/init.h>
#include <kspace/kernel.h>
#include <kspace/mm.h>
#include <kspace/multiboot.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/selftest.h>

#define KSPACE_VERSION "0.1"

extern u32 boot_multiboot_magic, boot_multiboot_info;

/*
 * pid 1, a kernel thread until it becomes the first user process: it runs what the
 * command line asked for (benchmarks, self-tests) where sleeping is allowed.
 */
static int kernel_init(void *unused)
{
	(void)unused;
	pr_info("kspace: boot complete\n");
	if (bench_requested()) {
		run_benchmarks();
		machine_power_off(0);
	}
	if (selftest_requested()) {
		run_crashtest();
		machine_power_off(run_selftests() ? 1 : 0);
	}
	return 0;
}

/* The boot thread starts pid 1, then becomes the idle task (pid 0). */
static __noreturn void rest_init(void)
{
	if (kernel_thread(kernel_init, NULL, "init") != 1)
		panic("cannot start the init task");
	cpu_idle();
}

void start_kernel(void);
void start_kernel(void)
{
	multiboot_save(boot_multiboot_magic, boot_multiboot_info);
	sched_init(); /* `current` works from here on */
	trap_init();
	parse_kernel_params(boot_command_line);
	early_console_init();

	pr_notice("kspace version " KSPACE_VERSION " (gcc " __VERSION__ ") i386, 3G/1G split\n");
	pr_info("Booted %s by %s\n", boot_info.image_path[0] ? boot_info.image_path : "kernel",
		boot_info.loader_name[0] ? boot_info.loader_name : "a Multiboot loader");
	pr_info("Command line: %s\n", boot_command_line);
	if (boot_info.error)
		panic("%s", boot_info.error);

	setup_arch();
	mm_init();
	console_init();
	init_IRQ();
	time_init();
	local_irq_enable();
	rest_init();
}
