/*
 * arch/x86/kernel/apic.c: the local APIC of each CPU.
 *
 * The boot CPU maps the registers into the fixmap (every CPU reaches its own APIC at
 * the same address) and enables it: a spurious-interrupt vector, an error vector,
 * task priority 0. On the boot CPU the LINT0 pin carries the 8259's output: it is
 * passed through as ExtINT when the 8259 stays in charge ("virtual wire", noapic), and
 * masked when the I/O APIC delivers the ISA lines. The APIC timer is measured once
 * against the PIT, then ticks HZ times a second on every CPU: the per-CPU tick
 * (LOC in /proc/interrupts), while the PIT keeps jiffies.
 */
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/mpspec.h>
#include <asm/processor.h>
#include <kspace/hardirq.h>
#include <kspace/jiffies.h>
#include <kspace/kernel.h>
#include <kspace/percpu.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/smp.h>

#define PIT_TICK_RATE 1193182 /* Hz */
#define PIT_CH2 0x42
#define PIT_MODE 0x43
#define PIT_MODE0_LOHI_CH2 0xb0 /* channel 2, low then high byte, interrupt on terminal count */
#define PORT_B 0x61             /* bit 0: channel 2's gate; bit 1: speaker; bit 5: channel 2's output */
#define CALIBRATE_USECS 10000   /* one tick at HZ 100: long enough for a precise count */
#define CALIBRATE_TRIES 5

bool lapic_in_use;
bool using_apic_timer;
u8 x86_cpu_to_apicid[NR_CPUS];
DEFINE_PER_CPU(irq_cpustat_t, irq_stat);

static u32 lapic_timer_period; /* timer counts (after the divide by 16) per tick */

/*
 * PIT channel 2 counts down once from usecs' worth of PIT cycles; its output goes high
 * at zero. It is free of IRQ 0 and readable through port 0x61, so it works with
 * interrupts off. At most 54 ms in one go (16 bits).
 */
static void pit_wait(unsigned long usecs)
{
	u32 count = (u64)usecs * PIT_TICK_RATE / 1000000;

	if (count > 0xffff)
		count = 0xffff;
	if (!count)
		count = 1;
	outb((inb(PORT_B) & ~0x02) | 0x01, PORT_B);
	outb(PIT_MODE0_LOHI_CH2, PIT_MODE);
	outb(count & 0xff, PIT_CH2);
	outb(count >> 8, PIT_CH2);
	while (!(inb(PORT_B) & 0x20))
		cpu_relax();
}

void udelay(unsigned long usecs)
{
	while (usecs > 50000) {
		pit_wait(50000);
		usecs -= 50000;
	}
	pit_wait(usecs);
}

void init_bsp_APIC(bool virtual_wire)
{
	u32 phys = mp_config.lapic_addr ? mp_config.lapic_addr : APIC_DEFAULT_PHYS_BASE;

	__set_fixmap(FIX_APIC_BASE, phys, PAGE_KERNEL_NOCACHE);
	lapic_in_use = true;
	x86_cpu_to_apicid[0] = read_apic_id();
	setup_local_APIC();
	/* LINT0: the 8259 through this pin, or nothing; LINT1: the NMI line, as the MP spec wires it. */
	apic_write(APIC_LVT0, virtual_wire ? APIC_DM_EXTINT : APIC_DM_EXTINT | APIC_LVT_MASKED);
	apic_write(APIC_LVT1, APIC_DM_NMI);
	pr_info("APIC: local APIC id %d at 0x%08x, version 0x%02x, %s\n", x86_cpu_to_apicid[0],
		phys, apic_read(APIC_LVR) & 0xff,
		virtual_wire ? "8259 in virtual wire mode" : "ISA interrupts through the I/O APIC");
}

void setup_local_APIC(void)
{
	apic_write(APIC_TASKPRI, 0);
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
	if (smp_processor_id()) { /* only the boot CPU has the 8259 and NMI wired to it */
		apic_write(APIC_LVT0, APIC_DM_EXTINT | APIC_LVT_MASKED);
		apic_write(APIC_LVT1, APIC_DM_NMI | APIC_LVT_MASKED);
	}
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	apic_write(APIC_ESR, 0); /* the SDM: write before reading, to latch the errors */
	apic_write(APIC_ESR, 0);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	ack_APIC_irq(); /* anything left in service from before */
}

static void start_apic_timer(void)
{
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, lapic_timer_period);
}

/*
 * How far the APIC timer counts in CALIBRATE_USECS of PIT time: its counts per tick.
 * A delay between the two reads (an SMI; under QEMU, the host running something else)
 * only ever adds counts, so the least of a few tries is the truest.
 */
void setup_boot_APIC_clock(void)
{
	u32 best = 0xffffffff;

	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	for (int i = 0; i < CALIBRATE_TRIES; i++) {
		u32 start, end;

		apic_write(APIC_TMICT, 0xffffffff);
		start = apic_read(APIC_TMCCT);
		pit_wait(CALIBRATE_USECS);
		end = apic_read(APIC_TMCCT);
		if (start - end < best)
			best = start - end;
	}
	lapic_timer_period = (u64)best * (1000000 / HZ) / CALIBRATE_USECS;
	if (!lapic_timer_period)
		lapic_timer_period = 1;
	pr_info("APIC: timer calibrated against the PIT: %u.%04u MHz bus, %u counts per tick\n",
		lapic_timer_period * 16 * HZ / 1000000, lapic_timer_period * 16 * HZ / 100 % 10000,
		lapic_timer_period);
	start_apic_timer();
	using_apic_timer = true;
}

void setup_secondary_APIC_clock(void)
{
	start_apic_timer();
}

static void apic_wait_icr_idle(void)
{
	while (apic_read(APIC_ICR) & APIC_ICR_BUSY)
		cpu_relax();
}

/* The ICR is one register pair per CPU: no interrupt may send between the two writes. */
static void apic_icr_write(u8 apicid, u32 low)
{
	unsigned long flags = local_irq_save();

	apic_wait_icr_idle();
	apic_write(APIC_ICR2, (u32)apicid << 24);
	apic_write(APIC_ICR, low);
	local_irq_restore(flags);
}

void apic_send_IPI(u8 apicid, u32 vector)
{
	apic_icr_write(apicid, APIC_DM_FIXED | vector);
}

void apic_send_init(u8 apicid, bool assert)
{
	apic_icr_write(apicid, APIC_INT_LEVELTRIG | (assert ? APIC_INT_ASSERT : 0) | APIC_DM_INIT);
	apic_wait_icr_idle();
}

/* The AP starts in real mode at page << 12: the vector field is the page number. */
void apic_send_startup(u8 apicid, u32 page)
{
	apic_icr_write(apicid, APIC_DM_STARTUP | page);
	apic_wait_icr_idle();
}

/* The per-CPU tick: the boot CPU charges its running task; the others only idle yet. */
void smp_apic_timer_interrupt(struct pt_regs *regs);
void smp_apic_timer_interrupt(struct pt_regs *regs)
{
	ack_APIC_irq();
	inc_irq_stat(apic_timer_irqs);
	irq_enter();
	update_process_times(user_mode(regs)); /* this CPU's task, its slice, balancing */
	irq_exit();
}

void smp_error_interrupt(struct pt_regs *regs);
void smp_error_interrupt(struct pt_regs *regs)
{
	u32 esr;

	(void)regs;
	apic_write(APIC_ESR, 0);
	esr = apic_read(APIC_ESR);
	ack_APIC_irq();
	inc_irq_stat(irq_error_count);
	pr_err("APIC error on CPU%d: %02x\n", smp_processor_id(), esr);
}

/* No EOI: a spurious interrupt never set an in-service bit. */
void smp_spurious_interrupt(struct pt_regs *regs);
void smp_spurious_interrupt(struct pt_regs *regs)
{
	(void)regs;
	inc_irq_stat(irq_spurious_count);
}
