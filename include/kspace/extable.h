/*
 * The exception table (kernel/extable.c): for every kernel instruction allowed to
 * fault on a user address, the address to resume at. Sorted at boot, searched by
 * binary search when a fault happens in kernel mode.
 */
#ifndef KSPACE_EXTABLE_H
#define KSPACE_EXTABLE_H

#include <kspace/types.h>

struct exception_table_entry {
	unsigned long insn, fixup;
};

extern struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/* Sort the table and check it: one entry per insn, insn and fixup in kernel text. */
void sort_main_extable(void);
const struct exception_table_entry *search_exception_tables(unsigned long addr);

void sort_extable(struct exception_table_entry *start, struct exception_table_entry *end);
const struct exception_table_entry *search_extable(const struct exception_table_entry *first,
						   unsigned long num, unsigned long value);

struct seq_buf;
void extable_render(struct seq_buf *s); /* the text of /proc/extable */

#endif
