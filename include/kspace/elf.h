/* The parts of the ELF format kspace's loader reads (kernel/binfmt_elf.c). */
#ifndef KSPACE_ELF_H
#define KSPACE_ELF_H

#include <kspace/types.h>
#include <uapi/linux/auxvec.h>

#define EI_NIDENT 16
#define ELFCLASS32 1
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define ET_DYN 3
#define EM_386 3
#define PT_LOAD 1
#define PT_INTERP 3             /* a dynamic program's loader: kspace refuses these */
#define PT_TLS 7                /* the C library sets it up, from AT_PHDR */
#define PT_GNU_STACK 0x6474e551 /* PF_X: the program wants an executable stack */
#define PT_GNU_RELRO 0x6474e552 /* made read-only by the C library after relocation */
#define PF_X 1
#define PF_W 2
#define PF_R 4

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} Elf32_Phdr;

#endif
