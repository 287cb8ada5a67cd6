/*
 * arch/x86/kernel/keyboard.c: the PS/2 keyboard (i8042, IRQ 1), so that typing in
 * the QEMU window reaches the tty as typing on the serial line does. Scancode set 1,
 * US layout; Shift and Ctrl are tracked, Ctrl+letter gives the control character.
 * Backspace sends DEL (the default VERASE) and the cursor keys send the escape
 * sequences a VT100 sends, as Linux's console keyboard does, for line editors.
 */
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/setup.h>
#include <kspace/tty.h>

#define I8042_DATA 0x60
#define I8042_STATUS 0x64
#define I8042_OBF 0x01     /* output buffer full: a byte to read */
#define SC_RELEASE 0x80    /* set in the scancode of a key release */
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_CTRL 0x1d
#define SC_EXTENDED 0xe0 /* prefix: the next scancode is a cursor-block key */
#define SC_HOME 0x47
#define SC_DELETE 0x53

static const char normal[0x3a] =
	"\0\0331234567890-=\177\tqwertyuiop[]\n\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
static const char shifted[0x3a] =
	"\0\033!@#$%^&*()_+\177\tQWERTYUIOP{}\n\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";

/* The cursor block (and the keypad without Num Lock), SC_HOME to SC_DELETE. */
static const char *const cursor_keys[SC_DELETE - SC_HOME + 1] = {
	[0x47 - SC_HOME] = "\033[H", [0x48 - SC_HOME] = "\033[A", [0x49 - SC_HOME] = "\033[5~",
	[0x4b - SC_HOME] = "\033[D", [0x4d - SC_HOME] = "\033[C", [0x4f - SC_HOME] = "\033[F",
	[0x50 - SC_HOME] = "\033[B", [0x51 - SC_HOME] = "\033[6~", [0x52 - SC_HOME] = "\033[2~",
	[0x53 - SC_HOME] = "\033[3~",
};

static bool shift, ctrl;

static void send_sequence(const char *s)
{
	while (*s)
		tty_receive_char(*s++);
}

static void keyboard_interrupt(int irq, struct pt_regs *regs)
{
	(void)irq, (void)regs;
	while (inb(I8042_STATUS) & I8042_OBF) {
		u8 sc = inb(I8042_DATA);
		bool release = sc & SC_RELEASE;
		char c;

		if (sc == SC_EXTENDED)
			continue; /* the cursor keys' codes below mean the same with or without it */
		sc &= ~SC_RELEASE;
		if (!release && sc >= SC_HOME && sc <= SC_DELETE && cursor_keys[sc - SC_HOME]) {
			send_sequence(cursor_keys[sc - SC_HOME]);
			continue;
		}
		if (sc == SC_LSHIFT || sc == SC_RSHIFT)
			shift = !release;
		else if (sc == SC_CTRL)
			ctrl = !release;
		if (release || sc >= sizeof(normal) || !(c = (shift ? shifted : normal)[sc]))
			continue;
		/* Ctrl+C = 3, Ctrl+D = 4, Ctrl+[ = ESC, Ctrl+\ = 0x1c (VQUIT) */
		if (ctrl && ((c >= 'a' && c <= 'z') || (c >= '@' && c <= '_')))
			c &= 0x1f;
		tty_receive_char(c);
	}
}

void keyboard_init(void)
{
	while (inb(I8042_STATUS) & I8042_OBF) /* drop what the BIOS left */
		inb(I8042_DATA);
	request_irq(KEYBOARD_IRQ, keyboard_interrupt, "keyboard");
}
