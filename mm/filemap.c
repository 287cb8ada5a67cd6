/*
 * mm/filemap.c: a ramfs file's data, and regions mapped from it. A regular file keeps
 * its bytes in pages of its own (inode->pages), taken from GFP_HIGHUSER as Linux's
 * page cache takes them: they need no kernel address of their own, so a file system
 * full of programs does not eat lowmem. A page without a permanent address is reached
 * through a temporary mapping (kmap, kmap_atomic), which is what makes files the
 * persistent kmap window's first real users. A slot of pages[] left NULL (a hole
 * made by truncate or lseek) reads as zeros.
 *
 * A private mapping's page that lies wholly inside the file is the file's own page
 * (nopage): every process running one program maps the same text, and do_nopage
 * maps it read-only, so a write copies it and never reaches the file. The mapping's
 * last page, past which bytes read as zero (that is how the tail of an ELF data
 * segment becomes the start of its .bss), a hole, and every page of a shared mapping
 * are read into a fresh page of the process instead. generic_file_mmap() is what mmap
 * of such a file sets up.
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

/*
 * Another CPU may be growing pages[] (a new array, the old one freed) or truncating
 * (pages freed) while this one reads: a reader takes the page under i_lock, with a
 * reference of its own, as Linux's find_get_page takes it from the page cache. The
 * copy then needs no lock, and may sleep. NULL: a hole.
 */
static struct page *find_get_page(struct ramfs_inode *inode, unsigned long index)
{
	struct page *page = NULL;

	spin_lock(&inode->i_lock);
	if (index < inode->nr_pages && (page = inode->pages[index]))
		get_page(page);
	spin_unlock(&inode->i_lock);
	return page;
}

/*
 * Make pages[] hold index: at least double it, so appending costs O(1) per page. The
 * writer holds i_mutex, so no other grows or truncates it; readers see the old array
 * or the new one, switched under i_lock.
 */
static int grow_pages(struct ramfs_inode *inode, unsigned long index)
{
	unsigned long nr = max(max(index + 1, 2 * inode->nr_pages), 4UL);
	struct page **pages, **old;

	if (index >= ~0UL / sizeof(*pages) / 2)
		return -ENOMEM;
	pages = kzalloc(nr * sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	spin_lock(&inode->i_lock);
	if (inode->nr_pages)
		memcpy(pages, inode->pages, inode->nr_pages * sizeof(*pages));
	old = inode->pages;
	inode->pages = pages;
	inode->nr_pages = nr;
	spin_unlock(&inode->i_lock);
	kfree(old);
	return 0;
}

/*
 * The page holding byte index << PAGE_SHIFT, allocated (zeroed) if it is a hole.
 * i_mutex held: only its holder changes pages[], so it reads pages[] without i_lock,
 * and the page stays until it lets i_mutex go.
 */
static struct page *grab_page(struct ramfs_inode *inode, unsigned long index)
{
	struct page *page = index < inode->nr_pages ? inode->pages[index] : NULL;
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
	spin_lock(&inode->i_lock);
	inode->pages[index] = page;
	spin_unlock(&inode->i_lock);
	return page;
}

/* Bytes from pos that a read of count may return: what is there at this instant. */
static unsigned long readable(struct ramfs_inode *inode, loff_t pos, unsigned long count)
{
	loff_t size = i_size_read(inode);

	return pos >= size ? 0 : min((u64)count, (u64)(size - pos));
}

/* i_mutex held: the size only it changes, set whole for readers. */
static void i_size_write(struct ramfs_inode *inode, loff_t size)
{
	spin_lock(&inode->i_lock);
	inode->size = size;
	spin_unlock(&inode->i_lock);
}

/*
 * Kernel-to-kernel copies (ELF loading, the initramfs) never sleep, so a per-CPU
 * kmap_atomic slot is enough. KM_USER1: filemap_nopage holds KM_USER0 around
 * ramfs_read.
 */
long filemap_read(struct ramfs_inode *inode, loff_t off, void *buf, unsigned long len)
{
	unsigned long done = 0;

	len = readable(inode, off, len);
	while (done < len) {
		unsigned long in_page = (off + done) & ~PAGE_MASK;
		unsigned long n = min(len - done, PAGE_SIZE - in_page);
		struct page *page = find_get_page(inode, (off + done) >> PAGE_SHIFT);
		char *v;

		if (!page) {
			memset((char *)buf + done, 0, n);
		} else {
			v = kmap_atomic(page, KM_USER1);
			memcpy((char *)buf + done, v + in_page, n);
			kunmap_atomic(v, KM_USER1);
			__free_page(page); /* find_get_page's reference */
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
		i_size_write(inode, off + len);
	return done;
}

/*
 * The size goes first, then the pages past it, each taken out of pages[] under
 * i_lock: a reader that found one before holds its own reference, and the page is
 * freed with the last of them.
 */
void filemap_truncate(struct ramfs_inode *inode, loff_t size)
{
	unsigned long keep = (size + PAGE_SIZE - 1) >> PAGE_SHIFT; /* pages still (partly) in */
	unsigned long tail = size & ~PAGE_MASK;
	struct page *last = tail && keep - 1 < inode->nr_pages ? inode->pages[keep - 1] : NULL;
	bool shrink = size < inode->size;
	struct page **pages = NULL;
	char *v;

	i_size_write(inode, size);
	for (unsigned long i = keep; i < inode->nr_pages; i++) {
		struct page *page;

		spin_lock(&inode->i_lock);
		page = inode->pages[i];
		inode->pages[i] = NULL;
		spin_unlock(&inode->i_lock);
		if (page)
			__free_page(page);
	}
	if (last && shrink) { /* growing again later must read zeros here */
		v = kmap_atomic(last, KM_USER1);
		memset(v + tail, 0, PAGE_SIZE - tail);
		kunmap_atomic(v, KM_USER1);
	}
	if (!keep) {
		spin_lock(&inode->i_lock);
		pages = inode->pages;
		inode->pages = NULL;
		inode->nr_pages = 0;
		spin_unlock(&inode->i_lock);
	}
	kfree(pages);
}

/*
 * read(2) and write(2) copy between the user's buffer and the page while it is mapped,
 * and copy_to_user/copy_from_user may fault on the user's address and sleep until the
 * page is brought in, or another task may run meanwhile. A kmap_atomic slot is per
 * CPU and must not be held across a sleep (the next task would take the same slot),
 * so these use kmap: a persistent mapping that stays valid while its user sleeps.
 * A read takes no mutex: a fault in its copy may lead to filemap_nopage, which must
 * not wait for a writer that is itself faulting (see the lock order in ramfs.c).
 */
long filemap_read_user(struct ramfs_inode *inode, loff_t *ppos, char __user *buf,
		       unsigned long count)
{
	unsigned long done = 0, left = 0;
	loff_t pos = *ppos;

	count = readable(inode, pos, count);
	if (!count)
		return 0;
	while (done < count && !left) {
		unsigned long in_page = (pos + done) & ~PAGE_MASK;
		unsigned long n = min(count - done, PAGE_SIZE - in_page);
		struct page *page = find_get_page(inode, (pos + done) >> PAGE_SHIFT);

		if (!page) {
			left = clear_user(buf + done, n);
		} else {
			left = copy_to_user(buf + done, (char *)kmap(page) + in_page, n);
			kunmap(page);
			__free_page(page);
		}
		done += n - left;
	}
	if (!done)
		return -EFAULT;
	*ppos = pos + done;
	return done;
}

/* i_mutex held (ramfs_file_write). */
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
		i_size_write(inode, *ppos);
	return done;
}

static struct page *filemap_nopage(struct vm_area_struct *vma, unsigned long address)
{
	unsigned long off = (vma->vm_pgoff << PAGE_SHIFT) + (address - vma->vm_start);
	unsigned long n = off < vma->vm_file_end ? min(PAGE_SIZE, vma->vm_file_end - off) : 0;
	struct page *page;
	long got;
	char *v;

	if (n == PAGE_SIZE && !(vma->vm_flags & VM_SHARED)) {
		page = find_get_page(vma->vm_file, off >> PAGE_SHIFT);
		if (page)
			return page; /* the file's reference and ours */
	}
	page = alloc_page(GFP_HIGHUSER);
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
	vma->vm_file_end = min((u64)i_size_read(file->f_inode), (u64)~0UL);
	filemap_open(vma);
	return 0;
}
