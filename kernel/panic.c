/*
 * kernel/panic.c: the end of the line. panic() prints the reason and a backtrace,
 * then powers off with EXIT_PANIC, which under the test harness ends QEMU at once
 * (so a dying kernel never waits for a timeout) and on real hardware halts.
 */
#include <asm/irqflags.h>
#include <kspace/bug.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/stacktrace.h>

int oops_in_progress;

void panic(const char *fmt, ...)
{
	static char buf[256];
	va_list ap;

	int after_oops = oops_in_progress;

	local_irq_disable();
	if (after_oops > 1) /* panicked while panicking: just stop */
		machine_power_off(EXIT_PANIC);
	oops_in_progress = 2;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	if (!after_oops) /* an oops has already shown the trace */
		dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_power_off(EXIT_PANIC);
}

void __bug(const char *file, int line, const char *cond)
{
	local_irq_disable();
	printk(KERN_EMERG "kernel BUG at %s:%d!%s%s\n", file, line, cond ? " " : "", cond ? cond : "");
	panic("BUG");
}

void __warn(const char *file, int line, const char *cond)
{
	printk(KERN_WARNING "WARNING: at %s:%d: %s\n", file, line, cond);
	dump_stack();
}
