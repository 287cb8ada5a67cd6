/*
 * user/bad_elf.h: the malformed executables: mkbadelf writes one file per entry into
 * bad-elf/, and test-exec hands each to execve.
 *
 * kspace checks an ELF file completely before it commits to an exec, so it refuses
 * every one of these with ENOEXEC and the caller carries on. Linux i386 checks less
 * before its point of no return (begin_new_exec in load_elf_binary): it refuses some
 * with ENOEXEC too (linux_refuses), but commits to the exec of the others and then
 * either runs hello or, when mapping a segment fails past that point, kills the
 * process with SIGSEGV (as the comments say, observed on Debian's 6.1 i386 kernel).
 */
#ifndef USER_BAD_ELF_H
#define USER_BAD_ELF_H

#include <stdbool.h>

struct bad_elf {
	const char *name;
	bool linux_refuses; /* with ENOEXEC, before committing */
};

static const struct bad_elf bad_elf_files[] = {
	{ "bad-magic", true },
	{ "truncated-ehdr", true },              /* only e_ident: e_type reads as 0 */
	{ "no-phdrs", true },                    /* e_phnum 0 */
	{ "bad-phentsize", true },               /* e_phentsize not sizeof(Elf32_Phdr) */
	{ "huge-phnum", true },                  /* e_phnum 65535: over 64 KiB of headers */
	{ "truncated-phdrs", true },             /* the file ends inside the second header */
	{ "wrong-machine", true },               /* EM_ARM */
	{ "et-rel", true },                      /* an object file */
	{ "et-dyn", false },                     /* runs, loaded as a static PIE */
	{ "elfclass64", false },                 /* runs: Linux checks e_machine, not the class */
	{ "overlapping-segments", false },       /* runs: the later mapping replaces the earlier */
	{ "wrapping-segment", false },           /* SIGSEGV: p_vaddr + p_memsz wraps past 4 GiB */
	{ "kernel-segment", false },             /* SIGSEGV: p_vaddr 0xC0000000 */
	{ "kernel-straddling-segment", false },  /* SIGSEGV: 0xBFFFF000 + 0x2000 */
	{ "filesz-over-memsz", false },          /* SIGSEGV */
	{ "offset-past-eof", false },            /* runs: pages past the end fault if touched */
	{ "misaligned-segment", false },         /* SIGSEGV: p_offset % 4096 != p_vaddr % 4096 */
};

#define BAD_ELF_COUNT (sizeof(bad_elf_files) / sizeof(bad_elf_files[0]))

#endif
