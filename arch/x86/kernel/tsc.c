/*
 * arch/x86/kernel/tsc.c: how fast the TSC ticks, measured once at boot against PIT
 * channel 2 (the speaker's, free while the timer uses channel 0), as Linux's
 * pit_calibrate_tsc() does. /proc/cpuinfo's "cpu MHz" and "bogomips" come from it:
 * with a TSC, Linux skips the delay-loop calibration and takes loops_per_jiffy as
 * the TSC ticks per jiffy, so BogoMIPS is twice the MHz.
 */
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <kspace/jiffies.h>
#include <kspace/printk.h>

#define PIT_TICK_RATE 1193182 /* Hz: the PIT's input clock */
#define CALIBRATE_MS 10
#define CALIBRATE_LATCH (PIT_TICK_RATE / (1000 / CALIBRATE_MS))
#define PORT_SPEAKER 0x61 /* bit 0: channel 2's gate; bit 1: speaker on; bit 5: its output */
#define PIT_MODE 0x43
#define PIT_CH2 0x42

unsigned int tsc_khz;

/* TSC ticks while channel 2 counts CALIBRATE_LATCH down (mode 0: its output rises at 0). */
static u64 pit_measure_tsc(void)
{
	u64 start, end;
	unsigned long loops = 0;

	outb((inb(PORT_SPEAKER) & ~0x02) | 0x01, PORT_SPEAKER);
	outb(0xb0, PIT_MODE); /* channel 2, low then high byte, mode 0, binary */
	outb(CALIBRATE_LATCH & 0xff, PIT_CH2);
	outb(CALIBRATE_LATCH >> 8, PIT_CH2);
	start = rdtsc();
	while (!(inb(PORT_SPEAKER) & 0x20) && ++loops < 100000000)
		;
	end = rdtsc();
	return loops < 100000000 ? end - start : 0; /* a PIT that never fires: unknown */
}

void tsc_init(void)
{
	u64 ticks;

	if (!cpu_has(X86_FEATURE_TSC))
		return;
	ticks = pit_measure_tsc();
	tsc_khz = (unsigned int)(ticks / CALIBRATE_MS);
	if (!tsc_khz)
		return;
	pr_info("tsc: Detected %u.%03u MHz processor\n", tsc_khz / 1000, tsc_khz % 1000);
	pr_info("Calibrating delay loop (skipped), value calculated using timer frequency.. "
		"%u.%02u BogoMIPS (lpj=%u)\n",
		tsc_khz / 500, (tsc_khz / 5) % 100, tsc_khz * (1000 / HZ));
}
