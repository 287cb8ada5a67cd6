/* mm/mmap_test.c: regions: insertion, lookup through the rb-tree, merging, splitting. */
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
