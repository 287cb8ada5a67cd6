/*
 * mm/mprotect.c: mprotect(2), changing the access rights of a range of regions.
 *
 * The range is cut out of the regions it touches (split_vma at its edges), each
 * piece gets its new flags and its pages new PTE bits, and then merges back with a
 * neighbour that now looks the same (vma_merge), as Linux's mprotect_fixup does.
 * A right can be added only if the region may have it (VM_MAY*): a read-only
 * shared mapping stays read-only. PROT_NONE pages stay in memory but become
 * unreachable, to user and kernel alike (_PAGE_PROTNONE).
 */
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/mmap_lock.h>
#include <kspace/sched.h>
#include <kspace/syscall_defs.h>

#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)

/* Give [start, end), which lies inside vma, the flags newflags. */
static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
			  unsigned long end, unsigned long newflags)
{
	int err;

	if (newflags == vma->vm_flags)
		return 0;
	/* Becoming private and writable: the overcommit check, once, as for mmap. */
	if (accountable_mapping(newflags) && !(vma->vm_flags & VM_ACCOUNT)) {
		if (vm_enough_memory((end - start) >> PAGE_SHIFT))
			return -ENOMEM;
		newflags |= VM_ACCOUNT;
	}
	if (start > vma->vm_start) {
		err = split_vma(mm, vma, start);
		if (err)
			return err;
		vma = vma->vm_next;
	}
	if (end < vma->vm_end) {
		err = split_vma(mm, vma, end);
		if (err)
			return err;
	}
	vma->vm_flags = newflags;
	vma->vm_page_prot = vm_prot_bits(newflags);
	change_protection(vma, start, end);
	vma_merge(mm, vma);
	return 0;
}

static long do_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP), end, nstart;
	struct vm_area_struct *vma;

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) { /* the change reaches down to the stack's start */
		if (vma->vm_start >= end)
			return -ENOMEM;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
		start = vma->vm_start;
	} else if (vma->vm_start > start) {
		return -ENOMEM;
	} else if (grows & PROT_GROWSUP) {
		return -EINVAL; /* no region on i386 grows up */
	}
	/* Region by region; a hole stops it with -ENOMEM, what came before stays changed. */
	for (nstart = start;;) {
		unsigned long newflags = (vma->vm_flags & ~VM_ACCESS_FLAGS) |
					 (prot & PROT_READ ? VM_READ : 0) |
					 (prot & PROT_WRITE ? VM_WRITE : 0) |
					 (prot & PROT_EXEC ? VM_EXEC : 0);
		unsigned long tmp = min(vma->vm_end, end);
		int err;

		if (newflags & ~(newflags >> 4) & VM_ACCESS_FLAGS)
			return -EACCES; /* a right the region may not have */
		err = mprotect_fixup(mm, vma, nstart, tmp, newflags);
		if (err)
			return err;
		nstart = tmp;
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, nstart); /* may have merged across nstart: it still holds it */
		if (!vma || vma->vm_start > nstart)
			return -ENOMEM;
	}
}

/* The regions and page tables change under the address space's lock (mmap_lock.h). */
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_mprotect(start, len, prot);
	mmap_write_unlock(mm);
	return ret;
}
