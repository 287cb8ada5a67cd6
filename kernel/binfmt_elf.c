/*
 * kernel/binfmt_elf.c: loading a static i386 ELF executable into a new address
 * space. Everything is checked before anything is built: a malformed file (bad
 * magic, truncated headers, absurd counts, segments that overlap, wrap around or
 * reach into kernel space) is -ENOEXEC and the caller carries on unharmed. So is a
 * dynamic program (PT_INTERP): kspace has no dynamic loader to start it with.
 *
 * kernel/elf_layout.c plans the image; this file builds it. A file region is read
 * on demand by filemap_nopage, which zero-fills past the segment's file part; a
 * .bss region is anonymous memory; a page shared by several segments is built now.
 */
#include <kspace/binfmts.h>
#include <kspace/elf.h>
#include <kspace/elf_layout.h>
#include <kspace/errno.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/printk.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/string.h>

extern const struct vm_operations_struct file_vm_ops;

static bool read_exact(struct ramfs_inode *file, unsigned long off, void *buf, unsigned long len)
{
	return (u64)off + len <= (u64)i_size_read(file) && ramfs_read(file, off, buf, len) == (long)len;
}

/* Say why a dynamic program does not start: its interpreter's path, made printable. */
static void report_interp(struct linux_binprm *bprm, const Elf32_Phdr *interp)
{
	char name[64];
	unsigned long len = min((unsigned long)interp->p_filesz, sizeof(name) - 1);

	if (!read_exact(bprm->file, interp->p_offset, name, len))
		len = 0;
	name[len] = '\0';
	for (unsigned long i = 0; i < len && name[i]; i++)
		if (name[i] < ' ' || name[i] > '~')
			name[i] = '?';
	pr_info("%s: dynamically linked (interpreter %s), kspace runs static programs only\n",
		bprm->filename, len ? name : "unreadable");
}

static unsigned long vm_flags(u32 p_flags)
{
	return (p_flags & PF_R ? VM_READ : 0) | (p_flags & PF_W ? VM_WRITE : 0) |
	       (p_flags & PF_X ? VM_EXEC : 0);
}

/* A page shared by several segments: each one's file bytes in it, zeros elsewhere. */
static int build_shared_page(struct linux_binprm *bprm, const Elf32_Phdr *phdrs,
			     unsigned int phnum, unsigned long addr)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct elf_piece piece;
	char *v;

	if (!page)
		return -ENOMEM;
	v = kmap_atomic(page, KM_USER0);
	memset(v, 0, PAGE_SIZE);
	for (unsigned int i = 0; i < phnum; i++)
		if (elf_piece_in_page(&phdrs[i], addr, &piece))
			ramfs_read(bprm->file, piece.offset, v + piece.in_page, piece.len);
	kunmap_atomic(v, KM_USER0);
	/* The region may have merged with a neighbour: find the one holding addr now. */
	if (install_page(find_vma(bprm->mm, addr), addr, page)) {
		__free_page(page);
		return -ENOMEM;
	}
	return 0;
}

static int build_region(struct linux_binprm *bprm, const Elf32_Phdr *phdrs, unsigned int phnum,
			const struct elf_region *r)
{
	struct vm_area_struct *vma = vm_area_alloc(bprm->mm, r->start, r->end, vm_flags(r->flags));

	if (!vma)
		return -ENOMEM;
	if (r->backing == ELF_FILE) {
		vma->vm_ops = &file_vm_ops;
		vma->vm_file = bprm->file;
		vma->vm_pgoff = r->offset >> PAGE_SHIFT;
		vma->vm_file_end = r->file_end;
		file_vm_ops.open(vma);
	}
	if (insert_vm_struct(bprm->mm, vma)) { /* the plan's regions never overlap */
		remove_vma(vma);
		return -ENOEXEC;
	}
	return r->backing == ELF_SHARED ? build_shared_page(bprm, phdrs, phnum, r->start) : 0;
}

static int build_layout(struct linux_binprm *bprm, const Elf32_Phdr *phdrs, unsigned int phnum,
			const struct elf_layout *lay)
{
	struct mm_struct *mm = bprm->mm;

	for (unsigned int i = 0; i < lay->nr_regions; i++) {
		int err = build_region(bprm, phdrs, phnum, &lay->regions[i]);

		if (err)
			return err;
	}
	mm->start_code = lay->start_code;
	mm->end_code = lay->end_code;
	mm->start_data = lay->start_data;
	mm->end_data = lay->end_data;
	mm->start_brk = mm->brk = lay->brk;
	bprm->phdr_addr = lay->phdr_addr;
	bprm->exec_stack = lay->exec_stack;
	return 0;
}

/* With the headers read: plan the image, then build it. */
static int load_phdrs(struct linux_binprm *bprm, const Elf32_Ehdr *eh, const Elf32_Phdr *phdrs)
{
	struct elf_layout lay;
	int err;

	lay.regions = kmalloc(ELF_MAX_REGIONS(eh->e_phnum) * sizeof(*lay.regions), GFP_KERNEL);
	if (!lay.regions)
		return -ENOMEM;
	err = elf_plan_layout(eh, phdrs, i_size_read(bprm->file), &lay);
	if (err && lay.interp)
		report_interp(bprm, lay.interp);
	if (!err)
		err = build_layout(bprm, phdrs, eh->e_phnum, &lay);
	kfree(lay.regions);
	return err;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	Elf32_Ehdr eh;
	Elf32_Phdr *phdrs;
	int err;

	if (!read_exact(bprm->file, 0, &eh, sizeof(eh)) || !elf_check_header(&eh))
		return -ENOEXEC;
	phdrs = kmalloc(eh.e_phnum * sizeof(*phdrs), GFP_KERNEL);
	if (!phdrs)
		return -ENOMEM;
	err = -ENOEXEC;
	if (read_exact(bprm->file, eh.e_phoff, phdrs, eh.e_phnum * sizeof(*phdrs)))
		err = load_phdrs(bprm, &eh, phdrs);
	if (!err) {
		bprm->entry = eh.e_entry;
		bprm->phnum = eh.e_phnum;
	}
	kfree(phdrs);
	return err;
}
