/*
 * arch/x86/kernel/time.c: the 8253/8254 PIT, channel 0, programmed to interrupt HZ
 * times a second on IRQ 0. Each tick advances jiffies.
 */
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/ptrace.h>
#include <kspace/arch.h>
#include <kspace/jiffies.h>
#include <kspace/printk.h>
#include <kspace/timer.h>

#define PIT_TICK_RATE 1193182 /* Hz: the PIT's input clock */
#define LATCH ((PIT_TICK_RATE + HZ / 2) / HZ)
#define PIT_CH0 0x40
#define PIT_MODE 0x43
#define PIT_MODE2_LOHI_CH0 0x34 /* channel 0, low then high byte, rate generator */

static void timer_interrupt(int irq, struct pt_regs *regs)
{
	(void)irq;
	do_timer();
	update_process_times(user_mode(regs));
}

void time_init(void)
{
	outb(PIT_MODE2_LOHI_CH0, PIT_MODE);
	outb(LATCH & 0xff, PIT_CH0);
	outb(LATCH >> 8, PIT_CH0);
	request_irq(TIMER_IRQ, timer_interrupt, "timer");
	timekeeping_init();
	pr_info("time: PIT channel 0 at %d Hz (divisor %d)\n", HZ, LATCH);
}
