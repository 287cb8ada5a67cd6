/*
 * The memory image of a static ELF program, planned from its headers alone
 * (kernel/elf_layout.c) before kernel/binfmt_elf.c builds it. The plan speaks ELF
 * (PF_* permissions, file offsets), not mm, so the host tests can check it.
 */
#ifndef KSPACE_ELF_LAYOUT_H
#define KSPACE_ELF_LAYOUT_H

#include <kspace/elf.h>

enum elf_backing {
	ELF_FILE,   /* read from the file on first touch; bytes from file_end on are zero */
	ELF_ZERO,   /* zero-filled (.bss) */
	ELF_SHARED, /* one page holding parts of several segments, built at exec */
};

/* Page-aligned, one set of permissions and one backing; a plan lists them in address order. */
struct elf_region {
	unsigned long start, end;
	u32 flags; /* PF_R | PF_W | PF_X */
	enum elf_backing backing;
	unsigned long offset;   /* ELF_FILE: the file offset of start (page-aligned) */
	unsigned long file_end; /* ELF_FILE: the file offset where the segment's file part ends */
};

/* At most: a page shared with the segment below, a file part and a .bss part per PT_LOAD. */
#define ELF_MAX_REGIONS(phnum) (3 * (unsigned int)(phnum))

struct elf_layout {
	struct elf_region *regions; /* the caller's, room for ELF_MAX_REGIONS(e_phnum) */
	unsigned int nr_regions;
	const Elf32_Phdr *interp;   /* the program's PT_INTERP: it is dynamic, and refused */
	bool exec_stack;            /* no PT_GNU_STACK, or one with PF_X (Linux i386's rule) */
	unsigned long phdr_addr;    /* AT_PHDR: where a segment maps the headers, or 0 */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long brk;          /* the page above the highest segment */
};

/*
 * Is this the header of an i386 program kspace could load (ET_EXEC or ET_DYN, with
 * 1 to a page of program headers of the usual size)? Dynamic ones are refused by
 * elf_plan_layout(), which says so.
 */
bool elf_check_header(const Elf32_Ehdr *eh);

/*
 * Check the program headers (e_phnum of them, already read) of an ET_EXEC or
 * ET_DYN file of file_size bytes and fill layout: 0, or -ENOEXEC for a program
 * that cannot be loaded (then layout->interp says whether it is a dynamic one).
 */
int elf_plan_layout(const Elf32_Ehdr *eh, const Elf32_Phdr *phdrs, unsigned long file_size,
		    struct elf_layout *layout);

/* The file bytes of segment ph in the page at page: len bytes from offset go at in_page. */
struct elf_piece {
	unsigned long in_page, offset, len;
};
bool elf_piece_in_page(const Elf32_Phdr *ph, unsigned long page, struct elf_piece *piece);

#endif
