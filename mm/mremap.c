/*
 * mm/mremap.c: mremap(2), resizing and moving a mapping with its contents.
 *
 * Shrinking unmaps the tail. Growing extends the region in place when the room
 * after it is free, and otherwise (MREMAP_MAYMOVE) moves it: a copy of the region
 * is made at the new address and the page-table entries are moved over, pages and
 * all, so nothing is copied and no data is lost. MREMAP_FIXED picks the new place,
 * replacing what is there; MREMAP_DONTUNMAP leaves the old range mapped but empty.
 */
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/mmap_lock.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/syscall_defs.h>

/* The region holding [addr, addr + old_len), if it may become new_len long; 0 or -errno. */
static int vma_to_resize(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			 unsigned long new_len, struct vm_area_struct **out)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long pgoff;

	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	/* old_len 0 duplicates a mapping: it makes sense only for shared memory. */
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return -EINVAL;
	if (old_len > vma->vm_end - addr) /* it cannot span regions */
		return -EFAULT;
	*out = vma;
	if (new_len <= old_len)
		return 0;
	pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	if (!may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return -ENOMEM; /* RLIMIT_AS */
	if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory((new_len - old_len) >> PAGE_SHIFT))
		return -ENOMEM;
	return 0;
}

/* Whether vma can grow by delta bytes where it is. */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > TASK_SIZE)
		return false;
	return !find_vma_intersection(mm, vma->vm_end, end);
}

/* Move [old_addr, old_addr + old_len) of vma to a new region [new_addr, + new_len). */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long old_addr,
		     unsigned long old_len, unsigned long new_len, unsigned long new_addr,
		     unsigned long flags)
{
	struct vm_area_struct *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return -ENOMEM;
	*new = *vma;
	new->vm_start = new_addr;
	new->vm_end = new_addr + new_len;
	new->vm_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	if (move_page_tables(mm, old_addr, new_addr, min(old_len, new_len))) {
		remove_vma(new);
		return -ENOMEM;
	}
	insert_vm_struct(mm, new); /* the new range is free: it cannot overlap */
	if (old_len && !(flags & MREMAP_DONTUNMAP))
		do_munmap(mm, old_addr, old_len);
	return new_addr;
}

/* MREMAP_FIXED or MREMAP_DONTUNMAP: the mapping goes to (or near) new_addr. */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long map_flags = 0;
	long ret;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr) /* they overlap */
		return -EINVAL;
	if (flags & MREMAP_FIXED) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
		map_flags |= MAP_FIXED;
	}
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	ret = vma_to_resize(mm, addr, old_len, new_len, &vma);
	if (ret)
		return ret;
	if (vma->vm_flags & VM_MAYSHARE)
		map_flags |= MAP_SHARED;
	ret = get_unmapped_area(new_addr, new_len, map_flags);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(mm, vma, addr, old_len, new_len, ret, flags);
}

static long do_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		      unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr) /* even to shrink, addr must be mapped */
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_addr, new_len, flags);
	if (old_len >= new_len) { /* shrinking always works: the tail is unmapped */
		if (old_len > new_len && (ret = do_munmap(mm, addr + new_len, old_len - new_len)))
			return ret;
		return addr;
	}
	ret = vma_to_resize(mm, addr, old_len, new_len, &vma);
	if (ret)
		return ret;
	if (old_len == vma->vm_end - addr && vma_expandable(mm, vma, new_len - old_len)) {
		mm->total_vm += (new_len - old_len) >> PAGE_SHIFT;
		vma->vm_end = addr + new_len;
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	ret = get_unmapped_area(0, new_len, vma->vm_flags & VM_MAYSHARE ? MAP_SHARED : 0);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(mm, vma, addr, old_len, new_len, ret, flags);
}

/* The regions and page tables change under the address space's lock (mmap_lock.h). */
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	long ret;

	mmap_write_lock(mm);
	ret = do_mremap(addr, old_len, new_len, flags, new_addr);
	mmap_write_unlock(mm);
	return ret;
}
