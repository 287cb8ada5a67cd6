/*
 * arch/x86/kernel/reboot.c: the end of a run. Under QEMU, a byte written to the
 * isa-debug-exit device (port 0xf4) ends QEMU with exit code (byte << 1) | 1, which
 * is how init's exit status and a panic reach the test harness. On a real PC the
 * port is unused and the CPU then halts for good.
 */
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>

#define QEMU_EXIT_PORT 0xf4

void machine_power_off(int status)
{
	int code = status == EXIT_PANIC ? EXIT_PANIC : clamp(status, 0, EXIT_PANIC - 1);

	local_irq_disable();
	printk(KERN_NOTICE "Power down (exit status %d).\n", code);
	outb(code, QEMU_EXIT_PORT);
	for (;;)
		halt();
}
