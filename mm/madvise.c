/*
 * mm/madvise.c: madvise(2), advice about how a range of memory will be used.
 *
 * MADV_DONTNEED (and MADV_FREE, which may act the same) drops the pages: private
 * anonymous memory then reads back as zeroes, a private file mapping as the file's
 * bytes again, and shared memory keeps its contents, as on Linux. MADV_DONTFORK and
 * MADV_WIPEONFORK change what fork gives a child. The other advice Linux accepts is
 * about paging policy kspace does not have (readahead, swap, huge pages, core dumps):
 * it is checked like the rest and then has nothing to do.
 */
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/mmap_lock.h>
#include <kspace/sched.h>
#include <kspace/syscall_defs.h>

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_DONTNEED_LOCKED: case MADV_FREE:
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_COLD: case MADV_PAGEOUT:
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
		return true;
	default:
		return false;
	}
}

/* Set or clear a fork flag on [start, end) of vma, splitting it to fit. */
static int madvise_update_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long start, unsigned long end, unsigned long newflags)
{
	int err;

	if (newflags == vma->vm_flags)
		return 0;
	if (start > vma->vm_start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
		vma = vma->vm_next;
	}
	if (end < vma->vm_end && (err = split_vma(mm, vma, end)))
		return err;
	vma->vm_flags = newflags;
	vma_merge(mm, vma);
	return 0;
}

/* Apply behavior to [start, end), which lies inside vma. */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, int behavior)
{
	unsigned long flags = vma->vm_flags;

	switch (behavior) {
	case MADV_DONTNEED: case MADV_DONTNEED_LOCKED: case MADV_FREE:
		zap_page_range(vma, start, end);
		return 0;
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
		if (!(flags & (VM_READ | VM_WRITE | VM_EXEC)))
			return -ENOMEM; /* Linux: a PROT_NONE page cannot be populated */
		mm_populate(mm, start, end);
		return 0;
	case MADV_DONTFORK:
		return madvise_update_vma(mm, vma, start, end, flags | VM_DONTCOPY);
	case MADV_DOFORK:
		return madvise_update_vma(mm, vma, start, end, flags & ~VM_DONTCOPY);
	case MADV_WIPEONFORK: /* private anonymous memory only */
		if (vma->vm_ops || (flags & VM_SHARED))
			return -EINVAL;
		return madvise_update_vma(mm, vma, start, end, flags | VM_WIPEONFORK);
	case MADV_KEEPONFORK:
		return madvise_update_vma(mm, vma, start, end, flags & ~VM_WIPEONFORK);
	default:
		return 0;
	}
}

static long do_madvise(unsigned long start, unsigned long len_in, int behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long len = PAGE_ALIGN(len_in), end;
	int unmapped_error = 0;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len_in && !len) /* rounded up from a "negative" length to 0 */
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	/* Region by region; a hole is skipped but makes the result -ENOMEM, as on Linux. */
	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);
		unsigned long tmp;
		int err;

		if (!vma || vma->vm_start >= end)
			return -ENOMEM;
		if (vma->vm_start > start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
		}
		tmp = min(vma->vm_end, end);
		err = madvise_vma(mm, vma, start, tmp, behavior);
		if (err)
			return err;
		start = tmp;
	}
	return unmapped_error;
}

/* The regions and page tables change under the address space's lock (mmap_lock.h). */
long sys_madvise(unsigned long start, unsigned long len_in, int behavior)
{
	struct mm_struct *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_madvise(start, len_in, behavior);
	mmap_write_unlock(mm);
	return ret;
}
