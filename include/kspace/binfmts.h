/*
 * execve (kernel/exec.c) and the ELF loader (kernel/binfmt_elf.c). linux_binprm
 * carries a program being started from one to the other: the file, the argument
 * and environment strings copied out of the old address space, and the new one
 * being built.
 */
#ifndef KSPACE_BINFMTS_H
#define KSPACE_BINFMTS_H

#include <asm/ptrace.h>
#include <kspace/mm_types.h>

#define MAX_ARG_STRLEN (32 * PAGE_SIZE)  /* one argument or variable: 128 KiB */
#define MAX_ARG_TOTAL (2UL << 20)        /* all of them: a quarter of the 8 MiB stack */

struct linux_binprm {
	const char *filename;
	struct ramfs_inode *file;
	char *strings;               /* argv then envp strings, NUL-separated (vmalloc) */
	unsigned long strings_len;
	unsigned long arg_bytes;     /* of which the argv strings */
	int argc, envc;
	struct mm_struct *mm;        /* the new address space */
	unsigned long entry;
	unsigned long phdr_addr;     /* AT_PHDR: where the program headers are mapped */
	unsigned int phnum;
	bool exec_stack;             /* PT_GNU_STACK asks for it (or is missing) */
};

int load_elf_binary(struct linux_binprm *bprm); /* builds bprm->mm; -ENOEXEC if not ELF */
int setup_arg_pages(struct linux_binprm *bprm, unsigned long *sp);

/* Start a program from kernel space (init), filling regs for the return to user mode. */
int kernel_execve(const char *filename, const char *const argv[], const char *const envp[],
		  struct pt_regs *regs);

#endif
