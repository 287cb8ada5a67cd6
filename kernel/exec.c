/*
 * kernel/exec.c: execve. The program's arguments and environment are copied out of
 * the old address space first (they live there), the new address space is built
 * beside the old one, and only when nothing can fail any more does the task switch
 * to it and drop the old one: a failed execve returns to a caller left unharmed.
 *
 * The new stack, from STACK_TOP (0xC0000000) down, as Linux/i386 lays it out:
 *   the program's path (AT_EXECFN), environment strings, argument strings,
 *   the platform name (AT_PLATFORM, "i686"), 16 random bytes (AT_RANDOM), then,
 *   16-byte aligned: the auxiliary vector (AT_* pairs up to AT_NULL, in Linux's
 *   order), envp[] with its NULL, argv[] with its NULL, and argc, where esp points.
 */
#include <asm/elf.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/uaccess.h>
#include <kspace/binfmts.h>
#include <kspace/elf.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/jiffies.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/ramfs.h>
#include <kspace/random.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/slab.h>
#include <kspace/stat.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <kspace/vmalloc.h>

#define NR_AUXV 18 /* pairs written by create_elf_tables, AT_NULL included */

/* The i-th string pointer of a NULL-terminated vector (from the user, or the kernel). */
static int get_arg(const char *const *vec, int i, bool user, const char **out)
{
	if (!vec) {
		*out = NULL; /* a NULL vector is an empty one, as on Linux */
		return 0;
	}
	if (!user) {
		*out = vec[i];
		return 0;
	}
	return get_user(*out, (const char *const __user *)vec + i);
}

/* Length with the NUL, or a negative errno: -EFAULT, or -E2BIG past the limits. */
static long arg_len(const char *s, bool user)
{
	long len = user ? strnlen_user(s, MAX_ARG_STRLEN) : (long)strlen(s) + 1;

	if (len == 0)
		return -EFAULT;
	return len > (long)MAX_ARG_STRLEN ? -E2BIG : len;
}

/* Pass 1 (buf NULL): count and measure; pass 2: copy into buf. */
static long walk_strings(const char *const *vec, bool user, char *buf, int *count)
{
	long total = 0;

	for (int i = 0;; i++) {
		const char *s;
		long len;

		if (get_arg(vec, i, user, &s))
			return -EFAULT;
		if (!s) {
			*count = i;
			return total;
		}
		len = arg_len(s, user);
		if (len < 0)
			return len;
		if (total + len > (long)MAX_ARG_TOTAL)
			return -E2BIG;
		if (buf) {
			if (user ? copy_from_user(buf + total, s, len) : (memcpy(buf + total, s, len), 0))
				return -EFAULT;
			if (buf[total + len - 1]) /* the string changed under us */
				return -EFAULT;
		}
		total += len;
	}
}

static int copy_strings(struct linux_binprm *bprm, const char *const *argv,
			const char *const *envp, bool user)
{
	long alen = walk_strings(argv, user, NULL, &bprm->argc);
	long elen = alen < 0 ? 0 : walk_strings(envp, user, NULL, &bprm->envc);

	if (alen < 0 || elen < 0)
		return alen < 0 ? alen : elen;
	if (bprm->argc == 0) /* as Linux since 5.18: an empty argv becomes { "" } */
		alen = 1;
	if (alen + elen > (long)MAX_ARG_TOTAL)
		return -E2BIG;
	bprm->strings_len = alen + elen;
	bprm->arg_bytes = alen;
	bprm->strings = vmalloc(bprm->strings_len + 1);
	if (!bprm->strings)
		return -ENOMEM;
	bprm->strings[0] = '\0';
	if ((bprm->argc && walk_strings(argv, user, bprm->strings, &bprm->argc) != alen) ||
	    walk_strings(envp, user, bprm->strings + alen, &bprm->envc) != elen)
		return -EFAULT; /* the vectors changed between the passes */
	bprm->argc = bprm->argc ? bprm->argc : 1;
	return 0;
}

/* Fill the words below the strings: argc, argv, envp and the auxiliary vector. */
static void create_elf_tables(struct linux_binprm *bprm, u32 *sp, unsigned long args,
			      unsigned long platform, unsigned long random, unsigned long execfn)
{
	unsigned long a = args;

	*sp++ = bprm->argc;
	for (int i = 0; i < bprm->argc + bprm->envc; i++) {
		if (i == bprm->argc)
			*sp++ = 0; /* argv's NULL */
		*sp++ = a;
		a += strlen(bprm->strings + (a - args)) + 1;
	}
	if (!bprm->envc)
		*sp++ = 0;
	*sp++ = 0; /* envp's NULL */
	/* AT_BASE and AT_FLAGS are 0: a static program has no interpreter. */
	const u32 auxv[NR_AUXV * 2] = {
		AT_HWCAP, ELF_HWCAP, AT_PAGESZ, PAGE_SIZE, AT_CLKTCK, HZ,
		AT_PHDR, bprm->phdr_addr, AT_PHENT, sizeof(Elf32_Phdr), AT_PHNUM, bprm->phnum,
		AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, bprm->entry,
		AT_UID, current->cred.uid, AT_EUID, current->cred.euid, AT_GID, current->cred.gid,
		AT_EGID, current->cred.egid,
		AT_SECURE, 0, AT_RANDOM, random, AT_EXECFN, execfn, AT_PLATFORM, platform,
		AT_NULL, 0,
	};
	memcpy(sp, auxv, sizeof(auxv));
}

/* Copy the finished image into fresh pages mapped at [base, STACK_TOP) of the new mm. */
static int install_stack(struct vm_area_struct *vma, const char *img, unsigned long base)
{
	for (unsigned long addr = base; addr < STACK_TOP; addr += PAGE_SIZE) {
		struct page *page = alloc_page(GFP_HIGHUSER);
		void *v;

		if (!page)
			return -ENOMEM;
		v = kmap_atomic(page, KM_USER0);
		memcpy(v, img + (addr - base), PAGE_SIZE);
		kunmap_atomic(v, KM_USER0);
		if (install_page(vma, addr, page)) {
			__free_page(page);
			return -ENOMEM;
		}
	}
	return 0;
}

int setup_arg_pages(struct linux_binprm *bprm, unsigned long *sp_out)
{
	unsigned long name_len = strlen(bprm->filename) + 1, plat_len = strlen(ELF_PLATFORM) + 1;
	unsigned long words = 1 + bprm->argc + 1 + bprm->envc + 1 + 2 * NR_AUXV;
	unsigned long need = name_len + bprm->strings_len + plat_len + 16 + 16 + 4 * words;
	unsigned long base = STACK_TOP - PAGE_ALIGN(need), p = STACK_TOP, sp, platform;
	unsigned long flags = VM_READ | VM_WRITE | VM_GROWSDOWN | (bprm->exec_stack ? VM_EXEC : 0);
	struct vm_area_struct *vma;
	char *img;
	int err = -ENOMEM;

	img = vzalloc(STACK_TOP - base);
	vma = vm_area_alloc(bprm->mm, base, STACK_TOP, flags);
	if (!img || !vma) {
		kfree(vma); /* not in the mm yet: mmput would not find it */
		goto out;
	}
	vma->vm_name = "[stack]";
	if (insert_vm_struct(bprm->mm, vma)) {
		kfree(vma);
		goto out;
	}
	p -= name_len;
	memcpy(img + (p - base), bprm->filename, name_len);
	p -= bprm->strings_len;
	memcpy(img + (p - base), bprm->strings, bprm->strings_len);
	bprm->mm->arg_start = p;
	bprm->mm->arg_end = bprm->mm->env_start = p + bprm->arg_bytes;
	bprm->mm->env_end = p + bprm->strings_len;
	p = platform = p - plat_len;
	memcpy(img + (p - base), ELF_PLATFORM, plat_len);
	p -= 16;
	get_random_bytes(img + (p - base), 16);
	sp = (p - 4 * words) & ~15UL;
	create_elf_tables(bprm, (u32 *)(img + (sp - base)), bprm->mm->arg_start, platform, p,
			  STACK_TOP - name_len);
	bprm->mm->start_stack = sp;
	err = install_stack(vma, img, base);
	*sp_out = sp;
out:
	vfree(img);
	return err;
}

static void exec_mmap(struct mm_struct *mm)
{
	struct mm_struct *old = current->mm;

	current->mm = mm;
	switch_mm(old, mm);
	if (old)
		mmput(old);
}

static const char *basename(const char *path)
{
	const char *base = path;

	for (; *path; path++)
		if (*path == '/')
			base = path + 1;
	return base;
}

static int do_execve(const char *filename, const char *const *argv, const char *const *envp,
		     bool user, struct pt_regs *regs)
{
	struct linux_binprm bprm = { .filename = filename };
	unsigned long sp;
	int err = path_lookup(filename, &bprm.file); /* held until the end: mm's own come first */

	if (err)
		return err;
	if (!S_ISREG(bprm.file->mode) || ramfs_permission(bprm.file, &current->cred, MAY_EXEC))
		err = -EACCES;
	if (!err)
		err = copy_strings(&bprm, argv, envp, user);
	if (!err)
		err = (bprm.mm = mm_alloc()) ? load_elf_binary(&bprm) : -ENOMEM;
	if (!err)
		err = setup_arg_pages(&bprm, &sp);
	if (!err) /* the other threads end; nothing is shared with another process */
		err = de_thread() ?: unshare_files_sighand();
	if (!err) { /* the point of no return */
		strlcpy(bprm.mm->exe_name, filename, sizeof(bprm.mm->exe_name));
		bprm.mm->exe_file = bprm.file;
		ramfs_iget(bprm.file);
		exec_mm_release(current);
		install_exec_creds();
		exec_mmap(bprm.mm);
		bprm.mm = NULL;
		strlcpy(current->comm, basename(filename), sizeof(current->comm));
		flush_thread();
		flush_signal_handlers(current);
		do_close_on_exec(current->files);
		start_thread(regs, bprm.entry, sp);
	}
	if (bprm.mm)
		mmput(bprm.mm);
	vfree(bprm.strings);
	ramfs_iput(bprm.file);
	return err;
}

long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len, err;

	if (!name)
		return -ENOMEM;
	len = strncpy_from_user(name, filename, PATH_MAX);
	err = len < 0 ? len : len == PATH_MAX ? -ENAMETOOLONG : len == 0 ? -ENOENT : 0;
	if (!err)
		err = do_execve(name, (const char *const *)argv, (const char *const *)envp, true,
				current_pt_regs());
	kfree(name);
	return err;
}

int kernel_execve(const char *filename, const char *const argv[], const char *const envp[],
		  struct pt_regs *regs)
{
	return do_execve(filename, argv, envp, false, regs);
}
