/*
 * arch/x86/kernel/vga_test.c: the VGA console's VT100 emulation moves the cursor,
 * erases, colours and wraps as a terminal program expects. It draws on the real
 * screen and clears it afterwards.
 */
#include <asm/vga.h>
#include <kspace/selftest.h>
#include <kspace/string.h>

static void draw(const char *s)
{
	vga_write_terminal(s, strlen(s));
}

/* The attribute and character at (row, col), 1-based as in CSI H. */
static u16 cell(int row, int col)
{
	u16 c = 0;
	int cursor;

	vga_peek(row - 1, col - 1, &c, &cursor);
	return c;
}

/* Where the cursor is, 1-based: row * 100 + col. */
static int cursor_at(void)
{
	u16 c;
	int cursor = 0;

	vga_peek(0, 0, &c, &cursor);
	return (cursor / VGA_COLS + 1) * 100 + cursor % VGA_COLS + 1;
}

SELFTEST(vga_escape_sequences)
{
	u16 c;
	int cursor;

	if (!vga_peek(0, 0, &c, &cursor))
		SKIP("no VGA console");
	draw("\033[2J\033[H");
	EXPECT((cell(1, 1) & 0xff) == ' ' && cursor_at() == 101);
	draw("ab\033[5;10Hx");
	EXPECT((cell(1, 2) & 0xff) == 'b' && (cell(5, 10) & 0xff) == 'x' && cursor_at() == 511);
	draw("\033[3D\033[A");
	EXPECT(cursor_at() == 408);
	draw("\033[1;31mR\033[0m\033[7mV\033[m");
	EXPECT(cell(4, 8) == (0x0c00 | 'R')); /* bright red on black */
	EXPECT(cell(4, 9) == (0x7000 | 'V')); /* reversed: black on grey */
	draw("\033[25;80HZ");
	EXPECT((cell(25, 80) & 0xff) == 'Z' && cursor_at() == 2580);
	EXPECT((cell(5, 10) & 0xff) == 'x'); /* writing the last cell did not scroll */
	draw("\033[5;1H\033[K");
	EXPECT((cell(5, 10) & 0xff) == ' ');
	draw("\033[10;5Hq\n");
	EXPECT(cursor_at() == 1106); /* a terminal's NL only moves down */
	draw("\0337\033[2;2H\0338");
	EXPECT(cursor_at() == 1106);
	draw("\033[2J\033[H");
	return 0;
}
