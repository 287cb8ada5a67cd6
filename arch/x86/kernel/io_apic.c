/*
 * arch/x86/kernel/io_apic.c: the I/O APICs, which take over the ISA interrupt lines
 * from the 8259 when the firmware lists one (mp_config).
 *
 * Each I/O APIC has a window of two registers (select, data) and one 64-bit
 * redirection entry per input pin. An ISA line arrives at the pin its global system
 * interrupt names (the firmware may override: QEMU wires the PIT, ISA line 0, to pin
 * 2), edge-triggered and active high unless the override says otherwise. Every pin
 * starts masked; request_irq() unmasks the ones with a handler. The 8259 is masked
 * whole, and on boards with an IMCR (MP table "PIC mode") disconnected from the CPU.
 */
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/io_apic.h>
#include <asm/irq.h>
#include <asm/mpspec.h>
#include <asm/traps.h>
#include <kspace/printk.h>
#include <kspace/spinlock.h>

#define IO_APIC_REGSEL 0x00
#define IO_APIC_WIN 0x10
#define IO_APIC_VERSION 0x01    /* bits 16-23: the highest redirection entry */
#define IO_APIC_REDTBL(pin) (0x10 + 2 * (pin))
#define IO_APIC_POLARITY_LOW (1 << 13)
#define IO_APIC_TRIGGER_LEVEL (1 << 15)
#define IO_APIC_MASKED (1 << 16)

#define IMCR_ADDR 0x22
#define IMCR_DATA 0x23
#define IMCR_SELECT 0x70
#define IMCR_APIC 0x01 /* INTR and NMI go to the BSP's local APIC, not straight to the CPU */

bool io_apic_irqs;
static volatile u32 *io_apic_base[MAX_IO_APICS];
static int io_apic_pins[MAX_IO_APICS];
static spinlock_t ioapic_lock; /* the select/data pair is one register window */

static u32 io_apic_read(int apic, u32 reg)
{
	io_apic_base[apic][IO_APIC_REGSEL / 4] = reg;
	return io_apic_base[apic][IO_APIC_WIN / 4];
}

static void io_apic_write(int apic, u32 reg, u32 value)
{
	io_apic_base[apic][IO_APIC_REGSEL / 4] = reg;
	io_apic_base[apic][IO_APIC_WIN / 4] = value;
}

/* The I/O APIC and pin behind a global system interrupt; false if none has it. */
static bool gsi_to_pin(u32 gsi, int *apic, int *pin)
{
	for (int i = 0; i < mp_config.nr_ioapics && i < MAX_IO_APICS; i++) {
		u32 base = mp_config.ioapic[i].gsi_base;

		if (gsi >= base && gsi - base < (u32)io_apic_pins[i]) {
			*apic = i, *pin = gsi - base;
			return true;
		}
	}
	return false;
}

int io_apic_irq_pin(int irq, const char **trigger)
{
	int apic, pin;
	u16 flags = mp_config.isa_irq_flags[irq];

	*trigger = (flags & MP_IRQTRIG_MASK) == MP_IRQTRIG_LEVEL ? "level" : "edge";
	return gsi_to_pin(mp_config.isa_irq_gsi[irq], &apic, &pin) ? pin : -1;
}

void io_apic_enable_irq(int irq)
{
	u16 flags = mp_config.isa_irq_flags[irq];
	u32 low = FIRST_EXTERNAL_VECTOR + irq; /* fixed delivery, physical destination */
	unsigned long irqflags;
	int apic, pin;

	if (!gsi_to_pin(mp_config.isa_irq_gsi[irq], &apic, &pin)) {
		pr_warn("IOAPIC: IRQ %d (GSI %u) has no I/O APIC pin\n", irq, mp_config.isa_irq_gsi[irq]);
		return;
	}
	if ((flags & MP_IRQPOL_MASK) == MP_IRQPOL_ACTIVE_LOW)
		low |= IO_APIC_POLARITY_LOW;
	if ((flags & MP_IRQTRIG_MASK) == MP_IRQTRIG_LEVEL)
		low |= IO_APIC_TRIGGER_LEVEL;
	spin_lock_irqsave(&ioapic_lock, irqflags);
	io_apic_write(apic, IO_APIC_REDTBL(pin) + 1, (u32)x86_cpu_to_apicid[0] << 24);
	io_apic_write(apic, IO_APIC_REDTBL(pin), low);
	spin_unlock_irqrestore(&ioapic_lock, irqflags);
}

/* Map one I/O APIC (its registers need not be page-aligned) and mask all its pins. */
static void map_io_apic(int i)
{
	u32 phys = mp_config.ioapic[i].addr;

	__set_fixmap(FIX_IO_APIC_BASE_0 + i, phys & PAGE_MASK, PAGE_KERNEL_NOCACHE);
	io_apic_base[i] = (volatile u32 *)(__fix_to_virt(FIX_IO_APIC_BASE_0 + i) + (phys & ~PAGE_MASK));
	io_apic_pins[i] = ((io_apic_read(i, IO_APIC_VERSION) >> 16) & 0xff) + 1;
	for (int pin = 0; pin < io_apic_pins[i]; pin++)
		io_apic_write(i, IO_APIC_REDTBL(pin), IO_APIC_MASKED);
	pr_info("IOAPIC[%d]: apic_id %d, version %d, address 0x%08x, GSI %u-%u\n", i,
		mp_config.ioapic[i].apic_id, io_apic_read(i, IO_APIC_VERSION) & 0xff, phys,
		mp_config.ioapic[i].gsi_base, mp_config.ioapic[i].gsi_base + io_apic_pins[i] - 1);
}

void setup_IO_APIC(void)
{
	int n = mp_config.nr_ioapics < MAX_IO_APICS ? mp_config.nr_ioapics : MAX_IO_APICS;

	spin_lock_init(&ioapic_lock);
	for (int i = 0; i < n; i++)
		map_io_apic(i);
	mask_8259A();
	if (mp_config.pic_mode) {
		outb(IMCR_SELECT, IMCR_ADDR);
		outb(IMCR_APIC, IMCR_DATA);
	}
	io_apic_irqs = true;
}
