/* The VGA text console (arch/x86/kernel/vga.c): its size, and a look inside for self-tests. */
#ifndef ASM_VGA_H
#define ASM_VGA_H

#include <kspace/types.h>

#define VGA_COLS 80
#define VGA_ROWS 25

/* Bytes as the terminal writes them (escape sequences acted on), to the screen only. */
void vga_write_terminal(const char *s, size_t n);
/* A cell (attribute << 8 | character) and the cursor (row * VGA_COLS + col); false: no VGA. */
bool vga_peek(int row, int col, u16 *cell, int *cursor);

#endif
