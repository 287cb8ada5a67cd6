/*
 * arch/x86/mm/mmap.c: where mmap puts a region that has no fixed address. As on
 * Linux i386, the mmap area grows down from mmap_base, below the stack's room: the
 * stack rlimit plus its guard gap, clamped to [128 MiB, 5/6 of user space]. kspace
 * does not randomize it (Linux adds a random offset under ASLR).
 */
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/resource.h>

#define MIN_GAP (128UL << 20)
#define MAX_GAP (TASK_SIZE / 6 * 5)

void arch_pick_mmap_layout(struct mm_struct *mm)
{
	/* The current task's stack rlimit: mm_alloc() runs for the program being exec'd. */
	unsigned long gap = clamp(min(rlimit(RLIMIT_STACK), MAX_GAP) + STACK_GUARD_GAP, MIN_GAP,
				  MAX_GAP);

	mm->mmap_base = PAGE_ALIGN(TASK_SIZE - gap);
}

/* Whether [addr, addr + len) is free, guard gaps included. */
static bool area_is_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return !vma || addr + len <= vm_start_gap(vma);
}

/*
 * A hint is taken if the range there is free; otherwise the highest free range
 * below mmap_base, and failing that the lowest above TASK_UNMAPPED_BASE.
 */
unsigned long arch_get_unmapped_area_topdown(struct mm_struct *mm, unsigned long addr,
					     unsigned long len, unsigned long flags)
{
	struct vm_unmapped_area_info info = {
		.flags = VM_UNMAPPED_AREA_TOPDOWN,
		.length = len,
		.low_limit = max(PAGE_SIZE, MMAP_MIN_ADDR),
		.high_limit = mm->mmap_base,
	};
	unsigned long found;

	if (flags & MAP_FIXED)
		return addr; /* get_unmapped_area checks it */
	addr &= PAGE_MASK;
	if (addr && addr <= TASK_SIZE - len && area_is_free(mm, addr, len))
		return addr;
	found = vm_unmapped_area(mm, &info);
	if (!IS_ERR_VALUE(found))
		return found;
	info.flags = 0;
	info.low_limit = TASK_UNMAPPED_BASE;
	info.high_limit = TASK_SIZE;
	return vm_unmapped_area(mm, &info);
}
