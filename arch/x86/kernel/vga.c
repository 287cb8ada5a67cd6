/*
 * arch/x86/kernel/vga.c: the VGA text-mode console, 80x25 cells of (character,
 * attribute) at physical 0xb8000, mapped with ioremap like any device memory, with
 * the hardware cursor kept at the end.
 */
#include <asm/io.h>
#include <kspace/printk.h>
#include <kspace/string.h>
#include <kspace/vmalloc.h>

#define VGA_PHYS 0xb8000
#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x0700 /* light grey on black */
#define CRTC_INDEX 0x3d4
#define CRTC_DATA 0x3d5

static u16 *vga_buf;
static int cursor_row, cursor_col;

static void vga_scroll(void)
{
	memmove(vga_buf, vga_buf + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * 2);
	for (int i = 0; i < VGA_COLS; i++)
		vga_buf[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
	cursor_row = VGA_ROWS - 1;
}

static void vga_putc(char c)
{
	switch (c) {
	case '\n': cursor_col = 0; cursor_row++; break;
	case '\r': cursor_col = 0; break;
	case '\b': if (cursor_col) cursor_col--; break;
	case '\t': cursor_col = (cursor_col + 8) & ~7; break;
	default: vga_buf[cursor_row * VGA_COLS + cursor_col++] = VGA_ATTR | (u8)c; break;
	}
	if (cursor_col >= VGA_COLS)
		cursor_col = 0, cursor_row++;
	if (cursor_row >= VGA_ROWS)
		vga_scroll();
}

static void vga_move_cursor(void)
{
	u16 pos = cursor_row * VGA_COLS + cursor_col;

	outb(0x0f, CRTC_INDEX);
	outb(pos & 0xff, CRTC_DATA);
	outb(0x0e, CRTC_INDEX);
	outb(pos >> 8, CRTC_DATA);
}

static void vga_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	for (size_t i = 0; i < n; i++)
		vga_putc(s[i]);
	vga_move_cursor();
}

static struct console vga_console = { .name = "tty0", .write = vga_write };

void vga_console_init(void)
{
	if (!console_wanted("tty0"))
		return;
	vga_buf = ioremap(VGA_PHYS, VGA_COLS * VGA_ROWS * 2);
	if (!vga_buf) {
		pr_err("vga: cannot map the text buffer\n");
		return;
	}
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga_buf[i] = VGA_ATTR | ' ';
	register_console(&vga_console);
}
