/*
 * arch/x86/kernel/serial.c: the 16550 UART on COM1 (port 0x3f8), 115200 8N1, as a
 * console: what the test harness reads and what "make run-nox" shows. What is
 * typed on the serial line arrives through IRQ 4 and goes to the tty.
 */
#include <asm/io.h>
#include <asm/irq.h>
#include <kspace/printk.h>
#include <kspace/tty.h>

#define COM1 0x3f8
#define UART_TX 0  /* transmit holding register */
#define UART_DLL 0 /* divisor latch, low byte (with DLAB) */
#define UART_IER 1
#define UART_DLM 1 /* divisor latch, high byte (with DLAB) */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7

#define UART_LCR_DLAB 0x80
#define UART_LCR_8N1 0x03
#define UART_FCR_ENABLE_CLEAR 0x07
#define UART_MCR_DTR_RTS_OUT2 0x0b
#define UART_LSR_THRE 0x20 /* transmitter ready for a byte */
#define UART_LSR_DR 0x01   /* a received byte is waiting */
#define UART_IER_RDI 0x01  /* interrupt when a byte arrives */
#define UART_RX 0

/* Bounded: a UART that never gets ready must not hang the kernel. */
static void serial_putc(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + UART_LSR) & UART_LSR_THRE); i++)
		;
	outb(c, COM1 + UART_TX);
}

static void serial_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/* The terminal's bytes go out as they are: the line discipline did NL -> CR NL. */
static void serial_write_tty(struct console *con, const char *s, size_t n)
{
	(void)con;
	for (size_t i = 0; i < n; i++)
		serial_putc(s[i]);
}

static struct console serial_console = {
	.name = "ttyS0", .write = serial_write, .write_tty = serial_write_tty,
};

/* The scratch register holds what is written to it only when a UART is there. */
static bool serial_present(void)
{
	outb(0x5a, COM1 + UART_SCR);
	return inb(COM1 + UART_SCR) == 0x5a;
}

void serial_console_init(void)
{
	if (!console_wanted("ttyS0") || !serial_present())
		return;
	outb(0, COM1 + UART_IER);
	outb(UART_LCR_DLAB, COM1 + UART_LCR);
	outb(1, COM1 + UART_DLL); /* 115200 / 1 */
	outb(0, COM1 + UART_DLM);
	outb(UART_LCR_8N1, COM1 + UART_LCR);
	outb(UART_FCR_ENABLE_CLEAR, COM1 + UART_FCR);
	outb(UART_MCR_DTR_RTS_OUT2, COM1 + UART_MCR);
	register_console(&serial_console);
}

static void serial_interrupt(int irq, struct pt_regs *regs)
{
	(void)irq, (void)regs;
	while (inb(COM1 + UART_LSR) & UART_LSR_DR)
		tty_receive_char(inb(COM1 + UART_RX));
}

/* Input needs the interrupt controller, which comes after the early console. */
void serial_input_init(void)
{
	if (!serial_present())
		return;
	request_irq(COM1_IRQ, serial_interrupt, "serial");
	outb(UART_IER_RDI, COM1 + UART_IER);
}
