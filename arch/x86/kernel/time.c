/*
 * arch/x86/kernel/time.c: the 8253/8254 PIT, channel 0, programmed to interrupt HZ
 * times a second on IRQ 0. Each tick advances jiffies and charges the running task;
 * between ticks, the channel's down-counter tells how far into the tick we are.
 */
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/ptrace.h>
#include <kspace/arch.h>
#include <kspace/jiffies.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/timer.h>

#define PIT_TICK_RATE 1193182 /* Hz: the PIT's input clock */
#define LATCH ((PIT_TICK_RATE + HZ / 2) / HZ)
#define PIT_CH0 0x40
#define PIT_MODE 0x43
#define PIT_MODE2_LOHI_CH0 0x34 /* channel 0, low then high byte, rate generator */
#define PIT_LATCH_CH0 0x00      /* freeze channel 0's count for reading */

static void timer_interrupt(int irq, struct pt_regs *regs)
{
	(void)irq;
	do_timer();
	if (!using_apic_timer) /* else each CPU's LAPIC timer charges its own ticks */
		update_process_times(user_mode(regs));
}

/* The count runs down from LATCH to 1 during each tick. */
unsigned long arch_gettimeoffset(void)
{
	unsigned int count;

	outb(PIT_LATCH_CH0, PIT_MODE);
	count = inb(PIT_CH0);
	count |= inb(PIT_CH0) << 8;
	if (count > LATCH)
		count = LATCH;
	return (u64)(LATCH - count) * NSEC_PER_SEC / PIT_TICK_RATE;
}

void time_init(void)
{
	outb(PIT_MODE2_LOHI_CH0, PIT_MODE);
	outb(LATCH & 0xff, PIT_CH0);
	outb(LATCH >> 8, PIT_CH0);
	request_irq(TIMER_IRQ, timer_interrupt, "timer");
	if (lapic_in_use)
		setup_boot_APIC_clock();
	timekeeping_init();
	pr_info("time: PIT channel 0 at %d Hz (divisor %d)\n", HZ, LATCH);
}
