/*
 * user/bad_elf.h: the malformed executables: mkbadelf writes one file per entry into
 * bad-elf/, and test-exec hands each to execve.
 *
 * kspace checks an ELF file completely before it commits to an exec, so it refuses
 * every one of these with ENOEXEC and the caller carries on. Linux i386 checks less
 * before its point of no return (begin_new_exec in load_elf_binary): it refuses some
 * too (linux_errno, ENOEXEC mostly), but commits to the exec of the others and then
 * either runs hello or, when mapping a segment fails past that point, kills the
 * process with SIGSEGV (as the comments say, observed on Debian's 6.1 i386 kernel).
 * A dynamic program (PT_INTERP) is not malformed, but kspace has no dynamic loader
 * to run it with; Linux opens the interpreter before committing, and fails with
 * ENOENT where there is none, as in the test systems.
 */
#ifndef USER_BAD_ELF_H
#define USER_BAD_ELF_H

#include <errno.h>

struct bad_elf {
	const char *name;
	int linux_errno; /* what Linux's execve fails with before committing, or 0 */
};

static const struct bad_elf bad_elf_files[] = {
	{ "bad-magic", ENOEXEC },
	{ "truncated-ehdr", ENOEXEC },           /* only e_ident: e_type reads as 0 */
	{ "no-phdrs", ENOEXEC },                 /* e_phnum 0 */
	{ "bad-phentsize", ENOEXEC },            /* e_phentsize not sizeof(Elf32_Phdr) */
	{ "huge-phnum", ENOEXEC },               /* e_phnum 65535: over 64 KiB of headers */
	{ "truncated-phdrs", ENOEXEC },          /* the file ends inside the second header */
	{ "wrong-machine", ENOEXEC },            /* EM_ARM */
	{ "et-rel", ENOEXEC },                   /* an object file */
	{ "pt-interp", ENOENT },                 /* needs /lib/ld-linux.so.2, which is missing */
	{ "et-dyn", 0 },                         /* runs, loaded as a static PIE */
	{ "elfclass64", 0 },                     /* runs: Linux checks e_machine, not the class */
	{ "overlapping-segments", 0 },           /* runs: the later mapping replaces the earlier */
	{ "wrapping-segment", 0 },               /* SIGSEGV: p_vaddr + p_memsz wraps past 4 GiB */
	{ "kernel-segment", 0 },                 /* SIGSEGV: p_vaddr 0xC0000000 */
	{ "kernel-straddling-segment", 0 },      /* SIGSEGV: 0xBFFFF000 + 0x2000 */
	{ "filesz-over-memsz", 0 },              /* SIGSEGV */
	{ "offset-past-eof", 0 },                /* runs: pages past the end fault if touched */
	{ "misaligned-segment", 0 },             /* SIGSEGV: p_offset % 4096 != p_vaddr % 4096 */
};

#define BAD_ELF_COUNT (sizeof(bad_elf_files) / sizeof(bad_elf_files[0]))

#endif
