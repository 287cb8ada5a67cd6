/* mm/mmap_test.c: regions: insertion, lookup, merging, splitting, the free-area search. */
#include <kspace/errno.h>
#include <kspace/gfp.h>
#include <kspace/mman.h>
#include <kspace/selftest.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/string.h>

#define A 0x10000000UL
#define RW (VM_READ | VM_WRITE)

static struct vm_area_struct *add(struct mm_struct *mm, unsigned long s, unsigned long e,
				  unsigned long flags)
{
	struct vm_area_struct *v = vm_area_alloc(mm, s, e, flags);

	if (v && insert_vm_struct(mm, v)) {
		kfree(v);
		return NULL;
	}
	return v;
}

SELFTEST(mmap_find_vma_and_merge)
{
	struct mm_struct *mm = mm_alloc();

	EXPECT(mm);
	EXPECT(add(mm, A, A + 0x1000, RW));
	EXPECT(add(mm, A + 0x3000, A + 0x4000, RW));
	EXPECT(add(mm, A + 0x8000, A + 0x9000, VM_READ));
	EXPECT(!add(mm, A + 0x3800 - 0x800, A + 0x5000, RW)); /* overlaps: refused */
	EXPECT(mm->map_count == 3);
	EXPECT(find_vma(mm, A - 1)->vm_start == A);         /* the first region above */
	EXPECT(find_vma(mm, A + 0x1000)->vm_start == A + 0x3000);
	EXPECT(find_vma(mm, A + 0x8fff)->vm_start == A + 0x8000);
	EXPECT(find_vma(mm, A + 0x9000) == NULL);
	EXPECT(mm->mmap_cache && mm->mmap_cache->vm_start == A + 0x8000);
	/* Filling the gap joins three compatible regions into one. */
	EXPECT(add(mm, A + 0x1000, A + 0x3000, RW));
	EXPECT(mm->map_count == 2 && mm->mmap->vm_end == A + 0x4000);
	/* A different flag does not merge. */
	EXPECT(add(mm, A + 0x4000, A + 0x5000, VM_READ));
	EXPECT(mm->map_count == 3);
	mmput(mm);
	return 0;
}

SELFTEST(mmap_munmap_splits_and_frees)
{
	unsigned long free_before;
	struct mm_struct *mm;
	struct vm_area_struct *v;

	kmem_cache_shrink_all();
	free_before = nr_free_pages();
	mm = mm_alloc();
	EXPECT(mm && (v = add(mm, A, A + 0x10000, RW)));
	for (unsigned long a = A; a < A + 0x10000; a += PAGE_SIZE)
		EXPECT(handle_mm_fault(v, a, true) == VM_FAULT_OK); /* 16 demand-zero pages */
	EXPECT(mm->rss == 16);
	EXPECT(do_munmap(mm, A + 0x4000, 0x2000) == 0); /* a hole in the middle */
	EXPECT(mm->map_count == 2 && mm->rss == 14);
	EXPECT(find_vma(mm, A + 0x4000)->vm_start == A + 0x6000);
	EXPECT(do_munmap(mm, A + 0x1001, 0x1000) == -EINVAL); /* not page-aligned */
	mmput(mm);
	kmem_cache_shrink_all();
	EXPECT(nr_free_pages() == free_before); /* pages, page tables, pgd, regions: all back */
	return 0;
}

/* Linux's maps format, column for column; the name starts at column 73. */
SELFTEST(mmap_show_maps_format)
{
	static char buf[512];
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *heap;
	struct seq_buf s;

	EXPECT(mm && add(mm, 0x08048000, 0x08049000, VM_READ | VM_EXEC));
	EXPECT((heap = add(mm, 0x0804a000, 0x0804c000, RW)));
	heap->vm_name = "[heap]";
	seq_buf_init(&s, buf, sizeof(buf));
	show_maps(&s, mm);
	EXPECT(!strcmp(buf, "08048000-08049000 r-xp 00000000 00:00 0\n"
			    "0804a000-0804c000 rw-p 00000000 00:00 0"
			    "                                  [heap]\n"));
	mmput(mm);
	return 0;
}

/* The top-down search: the highest gap that fits, below the limit, clear of a stack's guard. */
SELFTEST(mmap_unmapped_area_topdown)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_unmapped_area_info info = {
		.flags = VM_UNMAPPED_AREA_TOPDOWN, .length = 0x2000,
		.low_limit = A, .high_limit = A + 0x10000,
	};
	struct vm_area_struct *stack;

	EXPECT(mm && mm->mmap_base == 0xb8000000); /* 3 GiB - 128 MiB: the smallest gap */
	EXPECT(add(mm, A + 0xe000, A + 0x10000, RW));
	EXPECT(vm_unmapped_area(mm, &info) == A + 0xc000); /* just below the region */
	EXPECT(add(mm, A + 0x3000, A + 0xd000, RW));
	EXPECT(vm_unmapped_area(mm, &info) == A + 0x1000); /* 0xd000-0xe000 is too small */
	info.length = 0x4000;
	EXPECT(vm_unmapped_area(mm, &info) == (unsigned long)-ENOMEM);
	info.flags = 0;
	info.length = 0x1000;
	EXPECT(vm_unmapped_area(mm, &info) == A); /* bottom-up: the lowest */
	info = (struct vm_unmapped_area_info){ VM_UNMAPPED_AREA_TOPDOWN, 0x1000, A + 0x10000, TASK_SIZE };
	EXPECT((stack = add(mm, 0xbf000000, 0xc0000000, RW | VM_GROWSDOWN)));
	EXPECT(vm_unmapped_area(mm, &info) == 0xbf000000 - STACK_GUARD_GAP - 0x1000);
	mmput(mm);
	return 0;
}

/* A flag change on part of a region splits it; changing it back lets vma_merge join it. */
SELFTEST(mmap_split_then_merge)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *v;

	EXPECT(mm && (v = add(mm, A, A + 0x3000, RW)));
	EXPECT(split_vma(mm, v, A + 0x1000) == 0 && split_vma(mm, v->vm_next, A + 0x2000) == 0);
	EXPECT(mm->map_count == 3);
	v->vm_next->vm_flags &= ~VM_WRITE;
	EXPECT(vma_merge(mm, v->vm_next) == v->vm_next && mm->map_count == 3); /* differs: stays */
	v->vm_next->vm_flags |= VM_WRITE;
	EXPECT(vma_merge(mm, v->vm_next) == v && mm->map_count == 1);
	EXPECT(v->vm_start == A && v->vm_end == A + 0x3000);
	EXPECT(vm_prot_bits(VM_READ) == (_PAGE_PRESENT | _PAGE_USER));
	EXPECT(vm_prot_bits(0) == _PAGE_PROTNONE && !(vm_prot_bits(0) & _PAGE_PRESENT));
	mmput(mm);
	return 0;
}
