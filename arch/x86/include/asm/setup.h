/* Boot-time set-up entry points private to arch/x86. */
#ifndef ASM_SETUP_H
#define ASM_SETUP_H

void serial_console_init(void);
void vga_console_init(void);
void serial_input_init(void);
void keyboard_init(void);
void paging_init(void);
void print_layout(void);

struct seq_buf;
void layout_render(struct seq_buf *s); /* the text of /proc/layout */

#endif
