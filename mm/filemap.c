/*
 * mm/filemap.c: a ramfs file's data, and regions mapped from it. A regular file keeps
 * its bytes in pages of its own (inode->pages), taken from GFP_HIGHUSER as Linux's
 * page cache takes them: they need no kernel address of their own, so a file system
 * full of programs does not eat lowmem. A page without a permanent address is reached
 * through a temporary mapping (kmap, kmap_atomic), which is what makes files the
 * persistent kmap window's first real users. A slot of pages[] left NULL (a hole
 * made by truncate or lseek) reads as zeros.
 *
 * A mapped region's page is read on its first touch (nopage) into a fresh page of the
 * process: private, so writes to a program's data never reach the file. Bytes past
 * vm_file_end read as zero: that is how the tail of an ELF data segment becomes the
 * start of its .bss. generic_file_mmap() is what mmap of such a file sets up.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/string.h>

static struct page *find_page(const struct ramfs_inode *inode, unsigned long index)
{
	return index < inode->nr_pages ? inode->pages[index] : NULL;
}

/* Make pages[] hold index: at least double it, so appending costs O(1) per page. */
static int grow_pages(struct ramfs_inode *inode, unsigned long index)
{
	unsigned long nr = max(max(index + 1, 2 * inode->nr_pages), 4UL);
	struct page **pages;

	if (index >= ~0UL / sizeof(*pages) / 2)
		return -ENOMEM;
	pages = kzalloc(nr * sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	if (inode->nr_pages)
		memcpy(pages, inode->pages, inode->nr_pages * sizeof(*pages));
	kfree(inode->pages);
	inode->pages = pages;
	inode->nr_pages = nr;
	return 0;
}

/* The page holding byte index << PAGE_SHIFT, allocated (zeroed) if it is a hole. */
static struct page *grab_page(struct ramfs_inode *inode, unsigned long index)
{
	struct page *page = find_page(inode, index);
	void *v;

	if (page)
		return page;
	if (index >= inode->nr_pages && grow_pages(inode, index))
		return NULL;
	page = alloc_page(GFP_HIGHUSER);
	if (!page)
		return NULL;
	v = kmap_atomic(page, KM_USER1);
	memset(v, 0, PAGE_SIZE);
	kunmap_atomic(v, KM_USER1);
	inode->pages[index] = page;
	return page;
}

/*
 * Kernel-to-kernel copies (ELF loading, the initramfs) never sleep, so a per-CPU
 * kmap_atomic slot is enough. KM_USER1: filemap_nopage holds KM_USER0 around
 * ramfs_read.
 */
long filemap_read(struct ramfs_inode *inode, loff_t off, void *buf, unsigned long len)
{
	unsigned long done = 0;

	while (done < len) {
		unsigned long in_page = (off + done) & ~PAGE_MASK;
		unsigned long n = min(len - done, PAGE_SIZE - in_page);
		struct page *page = find_page(inode, (off + done) >> PAGE_SHIFT);
		char *v;

		if (!page) {
			memset((char *)buf + done, 0, n);
		} else {
			v = kmap_atomic(page, KM_USER1);
			memcpy((char *)buf + done, v + in_page, n);
			kunmap_atomic(v, KM_USER1);
		}
		done += n;
	}
	return done;
}

long filemap_write(struct ramfs_inode *inode, loff_t off, const void *buf, unsigned long len)
{
	unsigned long done = 0;

	while (done < len) {
		unsigned long in_page = (off + done) & ~PAGE_MASK;
		unsigned long n = min(len - done, PAGE_SIZE - in_page);
		struct page *page = grab_page(inode, (off + done) >> PAGE_SHIFT);
		char *v;

		if (!page)
			return -ENOMEM;
		v = kmap_atomic(page, KM_USER1);
		memcpy(v + in_page, (const char *)buf + done, n);
		kunmap_atomic(v, KM_USER1);
		done += n;
	}
	if (off + (loff_t)len > inode->size)
		inode->size = off + len;
	return done;
}

void filemap_truncate(struct ramfs_inode *inode, loff_t size)
{
	unsigned long keep = (size + PAGE_SIZE - 1) >> PAGE_SHIFT; /* pages still (partly) in */
	unsigned long tail = size & ~PAGE_MASK;
	struct page *last = tail ? find_page(inode, keep - 1) : NULL;
	char *v;

	for (unsigned long i = keep; i < inode->nr_pages; i++)
		if (inode->pages[i]) {
			__free_page(inode->pages[i]);
			inode->pages[i] = NULL;
		}
	if (last && size < inode->size) { /* growing again later must read zeros here */
		v = kmap_atomic(last, KM_USER1);
		memset(v + tail, 0, PAGE_SIZE - tail);
		kunmap_atomic(v, KM_USER1);
	}
	if (!keep) {
		kfree(inode->pages);
		inode->pages = NULL;
		inode->nr_pages = 0;
	}
	inode->size = size;
}

/*
 * read(2) and write(2) copy between the user's buffer and the page while it is mapped,
 * and copy_to_user/copy_from_user may fault on the user's address and sleep until the
 * page is brought in, or another task may run meanwhile. A kmap_atomic slot is per
 * CPU and must not be held across a sleep (the next task would take the same slot),
 * so these use kmap: a persistent mapping that stays valid while its user sleeps.
 */
long filemap_read_user(struct ramfs_inode *inode, loff_t *ppos, char __user *buf,
		       unsigned long count)
{
	unsigned long done = 0, left = 0;
	loff_t pos = *ppos;

	if (pos >= inode->size || !count)
		return 0;
	count = min((u64)count, (u64)(inode->size - pos));
	while (done < count && !left) {
		unsigned long in_page = (pos + done) & ~PAGE_MASK;
		unsigned long n = min(count - done, PAGE_SIZE - in_page);
		struct page *page = find_page(inode, (pos + done) >> PAGE_SHIFT);

		if (!page) {
			left = clear_user(buf + done, n);
		} else {
			left = copy_to_user(buf + done, (char *)kmap(page) + in_page, n);
			kunmap(page);
		}
		done += n - left;
	}
	if (!done)
		return -EFAULT;
	*ppos = pos + done;
	return done;
}

long filemap_write_user(struct ramfs_inode *inode, loff_t *ppos, const char __user *buf,
			unsigned long count)
{
	unsigned long done = 0, left = 0;
	loff_t pos = *ppos;

	if (pos >= RAMFS_MAX_FILESIZE)
		return -EFBIG;
	count = min((u64)count, (u64)(RAMFS_MAX_FILESIZE - pos));
	while (done < count && !left) {
		unsigned long in_page = (pos + done) & ~PAGE_MASK;
		unsigned long n = min(count - done, PAGE_SIZE - in_page);
		struct page *page = grab_page(inode, (pos + done) >> PAGE_SHIFT);

		if (!page)
			break;
		left = copy_from_user((char *)kmap(page) + in_page, buf + done, n);
		kunmap(page);
		done += n - left;
	}
	if (!done)
		return left ? -EFAULT : -ENOMEM; /* no page: as tmpfs, ENOSPC is for a size limit */
	*ppos = pos + done;
	if (*ppos > inode->size)
		inode->size = *ppos;
	return done;
}

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

/* Each region holds its file, so that an unlinked file lives while it is mapped. */
static void filemap_open(struct vm_area_struct *vma)
{
	ramfs_iget(vma->vm_file);
}

static void filemap_close(struct vm_area_struct *vma)
{
	ramfs_iput(vma->vm_file);
}

const struct vm_operations_struct file_vm_ops = {
	.nopage = filemap_nopage,
	.open = filemap_open,
	.close = filemap_close,
};

/* mmap of a ramfs file: its pages come from the file; past its end they are zero. */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &file_vm_ops;
	vma->vm_file = file->f_inode;
	vma->vm_file_end = min((u64)file->f_inode->size, (u64)~0UL);
	filemap_open(vma);
	return 0;
}
