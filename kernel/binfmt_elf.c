/*
 * kernel/binfmt_elf.c: loading a static i386 ELF executable into a new address
 * space. Everything is checked before anything is built: a malformed file (bad
 * magic, truncated headers, absurd counts, segments that overlap, wrap around or
 * reach into kernel space) is -ENOEXEC and the caller carries on unharmed.
 *
 * Each PT_LOAD segment becomes a file-backed region for its file bytes (read on
 * demand by filemap_nopage) and an anonymous region for the rest of its memory
 * size (.bss); the break starts just above the highest segment.
 */
#include <kspace/binfmts.h>
#include <kspace/elf.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/string.h>

#define MAX_PHNUM (PAGE_SIZE / sizeof(Elf32_Phdr)) /* Linux's limit: one page of headers */

extern const struct vm_operations_struct file_vm_ops;

static bool read_exact(struct ramfs_inode *file, unsigned long off, void *buf, unsigned long len)
{
	return (u64)off + len <= file->size && ramfs_read(file, off, buf, len) == (long)len;
}

static bool elf_header_ok(const Elf32_Ehdr *eh)
{
	return !memcmp(eh->e_ident, "\177ELF", 4) && eh->e_ident[4] == ELFCLASS32 &&
	       eh->e_ident[5] == ELFDATA2LSB && eh->e_ident[6] == EV_CURRENT &&
	       eh->e_type == ET_EXEC && eh->e_machine == EM_386 &&
	       eh->e_phentsize == sizeof(Elf32_Phdr) && eh->e_phnum >= 1 && eh->e_phnum <= MAX_PHNUM;
}

/* A PT_LOAD must fit the file, stay below TASK_SIZE, and map page-congruently. */
static bool segment_ok(const Elf32_Phdr *ph, unsigned long file_size)
{
	return ph->p_filesz <= ph->p_memsz && (u64)ph->p_offset + ph->p_filesz <= file_size &&
	       (u64)ph->p_vaddr + ph->p_memsz <= TASK_SIZE && ph->p_memsz &&
	       (ph->p_vaddr & ~PAGE_MASK) == (ph->p_offset & ~PAGE_MASK);
}

/* Segments in ascending order (as the ELF spec requires), no two sharing a page. */
static int check_segments(const Elf32_Phdr *phdrs, int n, unsigned long file_size)
{
	unsigned long prev_end = 0;
	int loads = 0;

	for (int i = 0; i < n; i++) {
		const Elf32_Phdr *ph = &phdrs[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (!segment_ok(ph, file_size) || (ph->p_vaddr & PAGE_MASK) < prev_end)
			return -ENOEXEC;
		prev_end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
		loads++;
	}
	return loads ? 0 : -ENOEXEC;
}

static unsigned long segment_flags(const Elf32_Phdr *ph)
{
	return (ph->p_flags & PF_R ? VM_READ : 0) | (ph->p_flags & PF_W ? VM_WRITE : 0) |
	       (ph->p_flags & PF_X ? VM_EXEC : 0);
}

static int add_region(struct mm_struct *mm, unsigned long start, unsigned long end,
		      unsigned long flags, struct vm_area_struct **out)
{
	struct vm_area_struct *vma;

	if (start >= end)
		return 0;
	vma = vm_area_alloc(mm, start, end, flags);
	if (!vma)
		return -ENOMEM;
	if (insert_vm_struct(mm, vma)) {
		kfree(vma);
		return -ENOEXEC;
	}
	if (out)
		*out = vma;
	return 0;
}

static int map_segment(struct linux_binprm *bprm, const Elf32_Phdr *ph)
{
	unsigned long start = ph->p_vaddr & PAGE_MASK, file_end = PAGE_ALIGN(ph->p_vaddr + ph->p_filesz);
	unsigned long flags = segment_flags(ph);
	struct vm_area_struct *vma = NULL;
	int err;

	if (ph->p_filesz) {
		err = add_region(bprm->mm, start, file_end, flags, &vma);
		if (err)
			return err;
		vma->vm_ops = &file_vm_ops;
		vma->vm_file = bprm->file;
		vma->vm_pgoff = ph->p_offset >> PAGE_SHIFT;
		vma->vm_file_end = ph->p_offset + ph->p_filesz;
	}
	return add_region(bprm->mm, max(start, file_end), PAGE_ALIGN(ph->p_vaddr + ph->p_memsz),
			  flags, NULL);
}

/* Record the code/data/brk layout that /proc/<pid>/maps and brk() rely on. */
static void note_layout(struct mm_struct *mm, const Elf32_Phdr *ph)
{
	unsigned long end = ph->p_vaddr + ph->p_memsz;

	if (ph->p_flags & PF_X) {
		mm->start_code = mm->start_code ? min(mm->start_code, (unsigned long)ph->p_vaddr) : ph->p_vaddr;
		mm->end_code = max(mm->end_code, (unsigned long)ph->p_vaddr + ph->p_filesz);
	} else {
		mm->start_data = mm->start_data ? min(mm->start_data, (unsigned long)ph->p_vaddr) : ph->p_vaddr;
		mm->end_data = max(mm->end_data, (unsigned long)ph->p_vaddr + ph->p_filesz);
	}
	mm->start_brk = mm->brk = max(mm->brk, PAGE_ALIGN(end));
}

static int map_segments(struct linux_binprm *bprm, const Elf32_Ehdr *eh, const Elf32_Phdr *phdrs)
{
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = &phdrs[i];
		int err;

		if (ph->p_type != PT_LOAD)
			continue;
		err = map_segment(bprm, ph);
		if (err)
			return err;
		note_layout(bprm->mm, ph);
		/* AT_PHDR: the program headers' address, if a segment maps them. */
		if (eh->e_phoff >= ph->p_offset && eh->e_phoff < ph->p_offset + ph->p_filesz)
			bprm->phdr_addr = ph->p_vaddr + (eh->e_phoff - ph->p_offset);
	}
	return 0;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	Elf32_Ehdr eh;
	Elf32_Phdr *phdrs;
	int err;

	if (!read_exact(bprm->file, 0, &eh, sizeof(eh)) || !elf_header_ok(&eh))
		return -ENOEXEC;
	phdrs = kmalloc(eh.e_phnum * sizeof(*phdrs), GFP_KERNEL);
	if (!phdrs)
		return -ENOMEM;
	err = -ENOEXEC;
	if (read_exact(bprm->file, eh.e_phoff, phdrs, eh.e_phnum * sizeof(*phdrs)))
		err = check_segments(phdrs, eh.e_phnum, bprm->file->size);
	if (!err) {
		bprm->entry = eh.e_entry;
		bprm->phnum = eh.e_phnum;
		err = map_segments(bprm, &eh, phdrs);
	}
	kfree(phdrs);
	return err;
}
