/* Symbols the linker script defines around the kernel image's sections. */
#ifndef KSPACE_SECTIONS_H
#define KSPACE_SECTIONS_H

extern char _text[], _etext[], _sdata[], _edata[], __bss_start[], __bss_stop[], _end[];

static inline int is_kernel_text(unsigned long addr)
{
	return addr >= (unsigned long)_text && addr < (unsigned long)_etext;
}

#endif
