/*
 * kallsyms: the kernel's own symbol table, generated at build time from nm output
 * (scripts/kallsyms.py) and linked in, so an oops can name functions.
 */
#ifndef KSPACE_KALLSYMS_H
#define KSPACE_KALLSYMS_H

#include <kspace/types.h>

#define KSYM_NAME_LEN 128
#define KSYM_SYMBOL_LEN (KSYM_NAME_LEN + 32)

/* Tables emitted by scripts/kallsyms.py: sorted addresses, names at name offsets. */
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_name_offsets[];
extern const char kallsyms_names[];
extern const unsigned int kallsyms_num_syms;
extern const unsigned long kallsyms_text_end;

/* The symbol containing addr, with its size and addr's offset into it; NULL if none. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset);

/* "name+0x1c/0x30", or the bare hex address when no symbol contains it. */
int sprint_symbol(char *buf, size_t len, unsigned long addr);

/* The address of a symbol by name, or 0. */
unsigned long kallsyms_lookup_name(const char *name);

#endif
