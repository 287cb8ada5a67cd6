/*
 * arch/x86/kernel/reboot.c: the end of a run. Under QEMU, a byte written to the
 * isa-debug-exit device (port 0xf4) ends QEMU with exit code (byte << 1) | 1, which
 * is how init's exit status and a panic reach the test harness. On a real PC the
 * port is unused and the CPU then halts for good.
 *
 * The byte is never 0: that would make QEMU exit with 1, which QEMU also uses for
 * its own errors. So status s is sent as 1 + s (s above 125 is sent as 125, and the
 * console line below has the exact value), and a panic as 127: QEMU's exit code is
 * then 2s + 3 for a status and 255 for a panic.
 */
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>

#define QEMU_EXIT_PORT 0xf4
#define QEMU_EXIT_MAX_STATUS 125
#define QEMU_EXIT_PANIC 127

void machine_power_off(int status)
{
	u8 code = status == EXIT_PANIC ? QEMU_EXIT_PANIC : 1 + clamp(status, 0, QEMU_EXIT_MAX_STATUS);

	local_irq_disable();
	if (status == EXIT_PANIC)
		printk(KERN_EMERG "Power down after a kernel panic.\n");
	else
		printk(KERN_NOTICE "Power down (exit status %d).\n", status);
	outb(code, QEMU_EXIT_PORT);
	for (;;)
		halt();
}
