/*
 * mm/shmem.c: shared anonymous memory (mmap MAP_SHARED|MAP_ANONYMOUS). Its pages
 * belong to a shmem_object, not to one page table: every region that maps it (the
 * original, its copies made by fork, the pieces left by a split) finds the same page
 * at the same offset, so a write through one is seen through all, and nothing is
 * copied on write. Pages are zero-filled on first touch; the object, and its pages,
 * go when the last region referring to it does. Its size is fixed when it is made:
 * a mapping grown by mremap faults with SIGBUS past it, as Linux's shmem does.
 *
 * Pages are found by offset in a two-level table like an i386 page table: a page of
 * pointers to leaf pages, each holding PAGES_PER_LEAF page pointers, made on demand.
 *
 * Processes sharing an object fault on their own CPUs, each under its own mm's
 * mmap_sem: the object's mutex makes the first touch of a page happen once, so that
 * two of them touching it at the same time get the same page, not one each.
 */
#include <kspace/errno.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/mm.h>
#include <kspace/mman.h>
#include <kspace/mutex.h>
#include <kspace/slab.h>
#include <kspace/string.h>

#define PAGES_PER_LEAF (PAGE_SIZE / sizeof(struct page *))
#define NR_LEAVES (PAGE_SIZE / sizeof(struct page **)) /* 1024 x 1024 pages: 4 GiB */

struct shmem_object {
	atomic_t count;             /* regions referring to it (in any process) */
	struct mutex lock;          /* leaf[] and the pages in it */
	struct page **leaf[NR_LEAVES];
};

/* The slot for page index, its leaf made if need be; NULL out of memory or range. */
static struct page **shmem_slot(struct shmem_object *obj, unsigned long index)
{
	struct page ***leaf;

	if (index >= NR_LEAVES * PAGES_PER_LEAF)
		return NULL;
	leaf = &obj->leaf[index / PAGES_PER_LEAF];
	if (!*leaf)
		*leaf = (struct page **)get_zeroed_page(GFP_KERNEL);
	return *leaf ? &(*leaf)[index % PAGES_PER_LEAF] : NULL;
}

/* The page at slot, made (zero-filled) if it is not there yet; NULL out of memory. */
static struct page *shmem_getpage(struct page **slot)
{
	void *v;

	if (!*slot) {
		*slot = alloc_page(GFP_HIGHUSER);
		if (!*slot)
			return NULL;
		v = kmap_atomic(*slot, KM_USER0);
		memset(v, 0, PAGE_SIZE);
		kunmap_atomic(v, KM_USER0);
	}
	get_page(*slot); /* the PTE's reference */
	return *slot;
}

/* The object's page for a fault at address, with one more reference for the PTE. */
static struct page *shmem_nopage(struct vm_area_struct *vma, unsigned long address)
{
	struct shmem_object *obj = vma->vm_private_data;
	struct page **slot, *page = NULL;

	mutex_lock(&obj->lock);
	slot = shmem_slot(obj, vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT));
	if (slot)
		page = shmem_getpage(slot);
	mutex_unlock(&obj->lock);
	return page;
}

static void shmem_open(struct vm_area_struct *vma)
{
	atomic_inc(&((struct shmem_object *)vma->vm_private_data)->count);
}

/* The last region gone (no process can fault on it any more): the pages go. */
static void shmem_close(struct vm_area_struct *vma)
{
	struct shmem_object *obj = vma->vm_private_data;

	if (!atomic_dec_and_test(&obj->count))
		return;
	for (unsigned long i = 0; i < NR_LEAVES; i++) {
		if (!obj->leaf[i])
			continue;
		for (unsigned long j = 0; j < PAGES_PER_LEAF; j++)
			if (obj->leaf[i][j])
				__free_page(obj->leaf[i][j]);
		free_page((unsigned long)obj->leaf[i]);
	}
	kfree(obj);
}

static const struct vm_operations_struct shmem_vm_ops = {
	.open = shmem_open,
	.close = shmem_close,
	.nopage = shmem_nopage,
};

/* Back a new MAP_SHARED|MAP_ANONYMOUS region with an empty object of its own. */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct shmem_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return -ENOMEM;
	atomic_set(&obj->count, 1);
	mutex_init(&obj->lock);
	vma->vm_private_data = obj;
	vma->vm_ops = &shmem_vm_ops;
	vma->vm_pgoff = 0;
	vma->vm_file_end = vma->vm_end - vma->vm_start; /* its size: mremap may map past it */
	return 0;
}
