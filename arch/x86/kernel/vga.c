/*
 * arch/x86/kernel/vga.c: the VGA text-mode console, 80x25 cells of (character,
 * attribute) at physical 0xb8000, mapped with ioremap like any device memory, with
 * the hardware cursor kept at the end.
 *
 * What programs write to the terminal goes through a small VT100 emulator, the
 * part of Linux's vt.c that shells, line editors and full-screen programs use:
 * cursor motion (CSI A B C D H f, ESC 7/8, CSI s/u, ESC M), erasing (CSI J, K) and
 * colours (CSI m). As on a VT100, writing the last column wraps only when the next
 * character comes, so a program may fill the bottom-right cell without scrolling.
 */
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/vga.h>
#include <kspace/printk.h>
#include <kspace/string.h>
#include <kspace/vmalloc.h>

#define VGA_PHYS 0xb8000
#define VGA_ATTR 0x0700 /* light grey on black */
#define CRTC_INDEX 0x3d4
#define CRTC_DATA 0x3d5
#define ESC 033
#define CSI_PARAMS 4

static u16 *vga_buf;
static int cursor_row, cursor_col;
static bool need_wrap; /* the last column was written: the next character wraps first */

/* The escape-sequence parser's state, and what CSI m set. */
static enum { VT_NORMAL, VT_ESC, VT_CSI } vt_state;
static int vt_params[CSI_PARAMS], vt_nparams;
static bool vt_private; /* CSI ? ...: DEC private modes, which are ignored */
static int saved_row, saved_col;
static int fg = 7, bg, bold, reverse;
static u16 attr = VGA_ATTR;

static void vga_erase(int from, int to)
{
	for (int i = from; i < to; i++)
		vga_buf[i] = VGA_ATTR | ' ';
}

static void vga_scroll(void)
{
	memmove(vga_buf, vga_buf + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * 2);
	vga_erase((VGA_ROWS - 1) * VGA_COLS, VGA_ROWS * VGA_COLS);
	cursor_row = VGA_ROWS - 1;
}

static void line_feed(void)
{
	if (++cursor_row >= VGA_ROWS)
		vga_scroll();
}

/* ESC M: up a line, scrolling the screen down at the top. */
static void reverse_index(void)
{
	if (cursor_row > 0) {
		cursor_row--;
		return;
	}
	memmove(vga_buf + VGA_COLS, vga_buf, (VGA_ROWS - 1) * VGA_COLS * 2);
	vga_erase(0, VGA_COLS);
}

static void move_to(int row, int col)
{
	cursor_row = row < 0 ? 0 : row >= VGA_ROWS ? VGA_ROWS - 1 : row;
	cursor_col = col < 0 ? 0 : col >= VGA_COLS ? VGA_COLS - 1 : col;
	need_wrap = false;
}

static void put_glyph(u8 c)
{
	if (need_wrap) {
		cursor_col = 0;
		line_feed();
		need_wrap = false;
	}
	vga_buf[cursor_row * VGA_COLS + cursor_col] = attr | c;
	if (cursor_col == VGA_COLS - 1)
		need_wrap = true;
	else
		cursor_col++;
}

/* CSI m: 0 resets, 1/22 bold, 7/27 reverse, 30-37/39 and 40-47/49 the colours. */
static void set_rendition(void)
{
	static const u8 ansi_to_vga[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };
	int f, b;

	for (int i = 0; i < (vt_nparams ? vt_nparams : 1); i++) {
		int p = vt_params[i];

		if (p == 0)
			fg = 7, bg = 0, bold = 0, reverse = 0;
		else if (p == 1 || p == 22)
			bold = p == 1;
		else if (p == 7 || p == 27)
			reverse = p == 7;
		else if (p >= 30 && p <= 37)
			fg = ansi_to_vga[p - 30];
		else if (p == 39)
			fg = 7;
		else if (p >= 40 && p <= 47)
			bg = ansi_to_vga[p - 40];
		else if (p == 49)
			bg = 0;
	}
	f = reverse ? bg : fg;
	b = reverse ? fg : bg;
	attr = (u16)((b << 12) | ((f | (bold ? 8 : 0)) << 8));
}

/* CSI J and CSI K: 0 from the cursor on, 1 up to the cursor, 2 all (of the screen or line). */
static void erase(bool in_line, int how)
{
	int here = cursor_row * VGA_COLS + cursor_col;
	int start = in_line ? cursor_row * VGA_COLS : 0;
	int end = in_line ? start + VGA_COLS : VGA_ROWS * VGA_COLS;

	if (how == 0)
		vga_erase(here, end);
	else if (how == 1)
		vga_erase(start, here + 1);
	else if (how == 2)
		vga_erase(start, end);
}

static void csi_final(char c)
{
	int n = vt_params[0] ? vt_params[0] : 1;

	vt_state = VT_NORMAL;
	if (vt_private)
		return;
	switch (c) {
	case 'A': move_to(cursor_row - n, cursor_col); break;
	case 'B': move_to(cursor_row + n, cursor_col); break;
	case 'C': move_to(cursor_row, cursor_col + n); break;
	case 'D': move_to(cursor_row, cursor_col - n); break;
	case 'G': move_to(cursor_row, n - 1); break;
	case 'd': move_to(n - 1, cursor_col); break;
	case 'H':
	case 'f': move_to(n - 1, (vt_params[1] ? vt_params[1] : 1) - 1); break;
	case 'J': erase(false, vt_params[0]); break;
	case 'K': erase(true, vt_params[0]); break;
	case 'm': set_rendition(); break;
	case 's': saved_row = cursor_row, saved_col = cursor_col; break;
	case 'u': move_to(saved_row, saved_col); break;
	}
}

static void csi_char(char c)
{
	if (c == '?' && vt_nparams == 0 && !vt_params[0]) {
		vt_private = true;
	} else if (c >= '0' && c <= '9') {
		int *p = &vt_params[vt_nparams < CSI_PARAMS ? vt_nparams : CSI_PARAMS - 1];

		if (*p < 1000)
			*p = *p * 10 + (c - '0');
	} else if (c == ';') {
		if (vt_nparams < CSI_PARAMS - 1)
			vt_nparams++;
	} else if (c >= 0x40 && c <= 0x7e) {
		vt_nparams++;
		csi_final(c);
	} else {
		vt_state = VT_NORMAL; /* not a sequence this emulator knows */
	}
}

static void esc_char(char c)
{
	vt_state = VT_NORMAL;
	switch (c) {
	case '[':
		vt_state = VT_CSI;
		vt_nparams = 0;
		vt_private = false;
		memset(vt_params, 0, sizeof(vt_params));
		break;
	case '7': saved_row = cursor_row, saved_col = cursor_col; break;
	case '8': move_to(saved_row, saved_col); break;
	case 'M': reverse_index(); break;
	}
}

/* One byte; a terminal's newline (tty) only moves down, printk's also returns. */
static void vga_putc(char c, bool tty)
{
	if (vt_state == VT_ESC) {
		esc_char(c);
		return;
	}
	if (vt_state == VT_CSI && c != ESC) {
		csi_char(c);
		return;
	}
	switch (c) {
	case '\n':
		if (!tty)
			cursor_col = 0;
		need_wrap = false;
		line_feed();
		break;
	case '\r': move_to(cursor_row, 0); break;
	case '\b': move_to(cursor_row, cursor_col - 1); break;
	case '\t': move_to(cursor_row, (cursor_col + 8) & ~7); break;
	case ESC: vt_state = VT_ESC; break;
	default:
		if ((u8)c >= ' ')
			put_glyph(c);
	}
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
		vga_putc(s[i], false);
	vga_move_cursor();
}

static void vga_write_tty(struct console *con, const char *s, size_t n)
{
	(void)con;
	for (size_t i = 0; i < n; i++)
		vga_putc(s[i], true);
	vga_move_cursor();
}

static struct console vga_console = { .name = "tty0", .write = vga_write, .write_tty = vga_write_tty };

void vga_write_terminal(const char *s, size_t n)
{
	unsigned long flags = local_irq_save();

	if (vga_buf)
		vga_write_tty(&vga_console, s, n);
	local_irq_restore(flags);
}

/* For the self-tests: a cell, and where the cursor is; false without a VGA console. */
bool vga_peek(int row, int col, u16 *cell, int *cursor)
{
	if (!vga_buf)
		return false;
	*cell = vga_buf[row * VGA_COLS + col];
	*cursor = cursor_row * VGA_COLS + cursor_col;
	return true;
}

void vga_console_init(void)
{
	if (!console_wanted("tty0"))
		return;
	vga_buf = ioremap(VGA_PHYS, VGA_COLS * VGA_ROWS * 2);
	if (!vga_buf) {
		pr_err("vga: cannot map the text buffer\n");
		return;
	}
	vga_erase(0, VGA_COLS * VGA_ROWS);
	register_console(&vga_console);
}
