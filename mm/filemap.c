/*
 * mm/filemap.c: regions backed by a file in the initramfs. A page is read on its
 * first touch (nopage) into a fresh page of the process: private, so writes to a
 * program's data never reach the file. Bytes past vm_file_end read as zero: that
 * is how the tail of an ELF data segment becomes the start of its .bss.
 * generic_file_mmap() is what mmap of such a file sets up.
 */
#include <kspace/fs.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/ramfs.h>
#include <kspace/string.h>

static struct page *filemap_nopage(struct vm_area_struct *vma, unsigned long address)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	unsigned long off = (vma->vm_pgoff << PAGE_SHIFT) + (address - vma->vm_start);
	unsigned long n = off < vma->vm_file_end ? min(PAGE_SIZE, vma->vm_file_end - off) : 0;
	long got;
	char *v;

	if (!page)
		return NULL;
	v = kmap_atomic(page, KM_USER0);
	got = n ? ramfs_read(vma->vm_file, off, v, n) : 0;
	got = got > 0 ? got : 0;
	memset(v + got, 0, PAGE_SIZE - got);
	kunmap_atomic(v, KM_USER0);
	return page;
}

const struct vm_operations_struct file_vm_ops = {
	.nopage = filemap_nopage,
};

/* mmap of an initramfs file: its pages come from the file; past its end they are zero. */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &file_vm_ops;
	vma->vm_file = file->f_inode;
	vma->vm_file_end = file->f_inode->size;
	return 0;
}
