/*
 * tests/host/stub_filemap.c: mm/filemap.c's file data functions for ramfs tested on
 * the host. The layout is the kernel's (inode->pages, NULL for a hole), but a "page"
 * is a kmalloc'd PAGE_SIZE buffer: no page allocator, no kmap, and stub_alloc.c's
 * count still catches a leaked page.
 */
#include <string.h>

#include "kapi.h"

#include <kspace/ramfs.h>
#include <kspace/slab.h>

#define HOST_PAGE_SIZE 4096UL

static char *page_of(const struct ramfs_inode *inode, unsigned long index)
{
	return index < inode->nr_pages ? (char *)inode->pages[index] : NULL;
}

static char *grab(struct ramfs_inode *inode, unsigned long index)
{
	struct page **pages;
	unsigned long nr = index + 1 > 2 * inode->nr_pages ? index + 1 : 2 * inode->nr_pages;

	if (index >= inode->nr_pages) {
		pages = kzalloc(nr * sizeof(*pages), GFP_KERNEL);
		if (!pages)
			return NULL;
		if (inode->nr_pages)
			memcpy(pages, inode->pages, inode->nr_pages * sizeof(*pages));
		kfree(inode->pages);
		inode->pages = pages;
		inode->nr_pages = nr;
	}
	if (!inode->pages[index]) {
		inode->pages[index] = kzalloc(HOST_PAGE_SIZE, GFP_KERNEL);
		if (!inode->pages[index])
			return NULL;
	}
	return (char *)inode->pages[index];
}

long filemap_read(struct ramfs_inode *inode, loff_t off, void *buf, unsigned long len)
{
	for (unsigned long done = 0, n; done < len; done += n) {
		unsigned long in_page = (off + done) % HOST_PAGE_SIZE;
		char *p = page_of(inode, (off + done) / HOST_PAGE_SIZE);

		n = len - done < HOST_PAGE_SIZE - in_page ? len - done : HOST_PAGE_SIZE - in_page;
		if (p)
			memcpy((char *)buf + done, p + in_page, n);
		else
			memset((char *)buf + done, 0, n);
	}
	return len;
}

long filemap_write(struct ramfs_inode *inode, loff_t off, const void *buf, unsigned long len)
{
	for (unsigned long done = 0, n; done < len; done += n) {
		unsigned long in_page = (off + done) % HOST_PAGE_SIZE;
		char *p = grab(inode, (off + done) / HOST_PAGE_SIZE);

		if (!p)
			return -ENOMEM;
		n = len - done < HOST_PAGE_SIZE - in_page ? len - done : HOST_PAGE_SIZE - in_page;
		memcpy(p + in_page, (const char *)buf + done, n);
	}
	if (off + (loff_t)len > inode->size)
		inode->size = off + len;
	return len;
}

void filemap_truncate(struct ramfs_inode *inode, loff_t size)
{
	unsigned long keep = (size + HOST_PAGE_SIZE - 1) / HOST_PAGE_SIZE;
	char *last = size % HOST_PAGE_SIZE ? page_of(inode, keep - 1) : NULL;

	for (unsigned long i = keep; i < inode->nr_pages; i++) {
		kfree(inode->pages[i]);
		inode->pages[i] = NULL;
	}
	if (last && size < inode->size)
		memset(last + size % HOST_PAGE_SIZE, 0, HOST_PAGE_SIZE - size % HOST_PAGE_SIZE);
	if (!keep) {
		kfree(inode->pages);
		inode->pages = NULL;
		inode->nr_pages = 0;
	}
	inode->size = size;
}
