/*
 * arch/x86/kernel/i8259.c: the two cascaded 8259A interrupt controllers of the PC.
 * The BIOS leaves them on vectors 0x08-0x0f, where they collide with CPU exceptions;
 * init_8259A() moves IRQ 0-7 to 0x20-0x27 and IRQ 8-15 to 0x28-0x2f.
 */
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/traps.h>

#define PIC_MASTER_CMD 0x20
#define PIC_MASTER_IMR 0x21
#define PIC_SLAVE_CMD 0xa0
#define PIC_SLAVE_IMR 0xa1
#define PIC_CASCADE_IR 2 /* the slave hangs off master line 2 */

#define ICW1_INIT_ICW4 0x11 /* edge-triggered, cascaded, ICW4 follows */
#define ICW4_8086 0x01
#define OCW3_READ_ISR 0x0b
#define PIC_EOI 0x20

static u16 cached_irq_mask = 0xffff & ~(1 << PIC_CASCADE_IR);

static void write_masks(void)
{
	outb(cached_irq_mask & 0xff, PIC_MASTER_IMR);
	outb(cached_irq_mask >> 8, PIC_SLAVE_IMR);
}

void init_8259A(void)
{
	outb(0xff, PIC_MASTER_IMR);
	outb(0xff, PIC_SLAVE_IMR);

	outb(ICW1_INIT_ICW4, PIC_MASTER_CMD), io_delay();
	outb(FIRST_EXTERNAL_VECTOR, PIC_MASTER_IMR), io_delay();
	outb(1 << PIC_CASCADE_IR, PIC_MASTER_IMR), io_delay();
	outb(ICW4_8086, PIC_MASTER_IMR), io_delay();

	outb(ICW1_INIT_ICW4, PIC_SLAVE_CMD), io_delay();
	outb(FIRST_EXTERNAL_VECTOR + 8, PIC_SLAVE_IMR), io_delay();
	outb(PIC_CASCADE_IR, PIC_SLAVE_IMR), io_delay();
	outb(ICW4_8086, PIC_SLAVE_IMR), io_delay();

	write_masks();
}

void enable_8259A_irq(int irq)
{
	cached_irq_mask &= ~(1 << irq);
	write_masks();
}

/*
 * A request that goes away before the CPU acknowledges it is delivered as IRQ 7
 * (or 15) with its in-service bit clear. Such a spurious IRQ gets no EOI from its
 * own PIC, though a spurious 15 still came through the master's cascade line.
 */
bool i8259A_irq_real(int irq)
{
	u16 port = irq < 8 ? PIC_MASTER_CMD : PIC_SLAVE_CMD;

	if ((irq & 7) != 7)
		return true;
	outb(OCW3_READ_ISR, port);
	if (inb(port) & 0x80)
		return true;
	if (irq == 15)
		outb(PIC_EOI, PIC_MASTER_CMD);
	return false;
}

void mask_8259A(void)
{
	cached_irq_mask = 0xffff;
	write_masks();
}

void ack_8259A_irq(int irq)
{
	if (irq >= 8)
		outb(PIC_EOI, PIC_SLAVE_CMD);
	outb(PIC_EOI, PIC_MASTER_CMD);
}
