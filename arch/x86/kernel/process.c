/* arch/x86/kernel/process.c: what the CPU does when there is nothing to run. */
#include <asm/irqflags.h>
#include <kspace/arch.h>

void arch_cpu_idle(void)
{
	safe_halt(); /* sleep until the next interrupt: QEMU then uses no host CPU */
}
