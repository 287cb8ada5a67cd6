/*
 * kernel/main.c: start_kernel(), where head.asm hands over. The order matters:
 * copy the boot information before memory is reused, read the command line before
 * choosing consoles, install the IDT before anything can fault, and enable
 * interrupts only once every handler exists.
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <kspace/arch.h>
#include <kspace/binfmts.h>
#include <kspace/errno.h>
#include <kspace/extable.h>
#include <kspace/fs.h>
#include <kspace/slab.h>
#include <kspace/initramfs.h>
#include <kspace/ramfs.h>
#include <kspace/string.h>
#include <kspace/bench.h>
#include <kspace/init.h>
#include <kspace/kernel.h>
#include <kspace/mm.h>
#include <kspace/multiboot.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/selftest.h>
#include <kspace/smp.h>

#define KSPACE_VERSION "0.1"

extern u32 boot_multiboot_magic, boot_multiboot_info;

static const char *init_filename = "/sbin/init";
static char init_buf[128];

/* Refused before the copy, so a bad init= leaves an earlier good one in place. */
static int init_setup(const char *value)
{
	if (!*value || strlen(value) >= sizeof(init_buf))
		return -EINVAL;
	strlcpy(init_buf, value, sizeof(init_buf));
	init_filename = init_buf;
	return 0;
}
__setup("init=", init_setup);

/* The initramfs is the first Multiboot module: unpack it into the root file system. */
static void populate_rootfs(void)
{
	const struct boot_module *m = &boot_info.modules[0];

	ramfs_init();
	if (!boot_info.nr_modules) {
		pr_warn("initramfs: none (no Multiboot module was loaded)\n");
		return;
	}
	if (PFN_UP(m->end) > max_low_pfn) {
		pr_err("initramfs: at 0x%08x, above lowmem: ignored\n", m->start);
		return;
	}
	unpack_initramfs(__va(m->start), m->end - m->start);
}

/* pid 1 stops being a kernel thread: exec the init program and return to user mode. */
static __noreturn void run_init_process(void)
{
	struct pt_regs *regs = current_pt_regs();
	struct file *console = tty_open();
	int err;

	/* Like Linux opening /dev/console for init: stdin, stdout and stderr. */
	current->files = dup_files(NULL);
	current->fs = fs_alloc("/", 0022);
	if (!console || !current->files || !current->fs)
		panic("cannot open the console for init");
	for (int fd = 0; fd < 3; fd++)
		fd_install_from(fd ? get_file(console) : console, fd, false);
	pr_info("Run %s as init process\n", init_filename);
	argv_init[0] = init_filename;
	err = kernel_execve(init_filename, argv_init, envp_init, regs);
	if (err)
		panic("No working init found (%s: error %d). Try passing init= option to kernel.",
		      init_filename, err);
	enter_user_mode(regs);
}

/*
 * pid 1, a kernel thread until it becomes the first user process: it runs what the
 * command line asked for (benchmarks, self-tests) where sleeping is allowed, then
 * starts init.
 */
static int kernel_init(void *unused)
{
	(void)unused;
	current->pgid = 1;
	smp_init();
	set_cpus_allowed_ptr(current, CPU_BITS_ALL); /* init came from CPU 0's idle task: free it */
	populate_rootfs();
	namei_init();
	chrdev_init();
	pr_info("kspace: boot complete\n");
	if (bench_requested()) {
		run_benchmarks();
		machine_power_off(0);
	}
	if (selftest_requested()) {
		run_crashtest();
		machine_power_off(run_selftests() ? 1 : 0);
	}
	run_init_process();
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
	boot_task_init(); /* `current` works from here on */
	boot_cpu_init();
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
	sched_init();
	sort_main_extable();
	mm_core_init();
	console_init();
	init_IRQ();
	fork_init();
	time_init();
	local_irq_enable();
	rest_init();
}
