/*
 * mm/vma.c: the regions of an address space (see mm_types.h) as a data structure:
 * finding, linking, splitting, merging and removing vm_area_structs.
 *
 * Regions never overlap. A region is kept in both the rb-tree (by vm_start) and the
 * address-ordered list. After a change, vma_merge() joins a region with a neighbour
 * that touches it and is compatible (same flags and backing, the file offsets
 * continuing), as Linux's vma_merge does, so growing the heap page by page, or
 * undoing an mprotect, leaves one region, not many. do_munmap() splits regions at
 * the edges of a range and removes what lies inside, freeing its pages.
 */
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/slab.h>

/* Every region may later be made readable, writable or executable, unless do_mmap says not. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm, unsigned long start,
				     unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		vma->vm_start = start;
		vma->vm_end = end;
		vma->vm_flags = flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
		vma->vm_page_prot = vm_prot_bits(vma->vm_flags);
	}
	return vma;
}

/*
 * The PTE bits for a region's pages. Without NX, i386 cannot refuse execution alone:
 * any access right makes the page present and user-visible (so PROT_WRITE alone also
 * reads, as on Linux). No right at all makes it PROT_NONE: not present to the MMU.
 */
unsigned long vm_prot_bits(unsigned long vm_flags)
{
	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return _PAGE_PROTNONE;
	return _PAGE_PRESENT | _PAGE_USER | (vm_flags & VM_WRITE ? _PAGE_RW : 0);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache, *found = NULL;
	struct rb_node *n;

	if (vma && vma->vm_start <= addr && addr < vma->vm_end)
		return vma;
	/* The lowest region ending above addr: it contains addr, or lies above it. */
	for (n = mm->mm_rb.rb_node; n;) {
		vma = rb_entry(n, struct vm_area_struct, vm_rb);
		if (vma->vm_end > addr) {
			found = vma;
			if (vma->vm_start <= addr)
				break;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	if (found)
		mm->mmap_cache = found;
	return found;
}

/* The first region overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

/* The last region starting below addr (the list is singly linked: a walk). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *prev = NULL;

	for (struct vm_area_struct *v = mm->mmap; v && v->vm_start < addr; v = v->vm_next)
		prev = v;
	return prev;
}

/* Whether b may be absorbed into a: they touch, and one region could describe both. */
static bool is_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags || a->vm_name != b->vm_name ||
	    a->vm_ops != b->vm_ops || a->vm_file != b->vm_file ||
	    a->vm_private_data != b->vm_private_data || a->vm_file_end != b->vm_file_end)
		return false;
	/* Backed regions must continue the same offsets; anonymous memory has none. */
	return !a->vm_ops || b->vm_pgoff == a->vm_pgoff + vma_pages(a);
}

static void unlink_vma(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *prev)
{
	if (prev)
		prev->vm_next = vma->vm_next;
	else
		mm->mmap = vma->vm_next;
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	if (mm->mmap_cache == vma)
		mm->mmap_cache = NULL;
	mm->map_count--;
}

void remove_vma(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	kfree(vma);
}

/* Absorb next into vma (they touch and are compatible); next's reference goes too. */
static void merge_next(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma->vm_next;

	unlink_vma(mm, next, vma);
	vma->vm_end = next->vm_end;
	remove_vma(next);
}

/*
 * Join vma with the regions on either side where they are compatible; returns the
 * region that now covers vma's range (vma itself, or prev that absorbed it).
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = find_vma_prev(mm, vma->vm_start);

	if (vma->vm_next && is_mergeable(vma, vma->vm_next))
		merge_next(mm, vma);
	if (prev && is_mergeable(prev, vma)) {
		merge_next(mm, prev);
		return prev;
	}
	return vma;
}

/* The caller has checked vma overlaps nothing: place it in the tree by vm_start. */
static void rb_insert_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = vma->vm_start < rb_entry(parent, struct vm_area_struct, vm_rb)->vm_start
			       ? &parent->rb_left
			       : &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
}

/* Link vma into mm, merging it with compatible neighbours; -EINVAL if it overlaps. */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = find_vma_prev(mm, vma->vm_start), *next;

	next = prev ? prev->vm_next : mm->mmap;
	if ((prev && prev->vm_end > vma->vm_start) || (next && next->vm_start < vma->vm_end))
		return -EINVAL; /* overlaps an existing region */
	rb_insert_vma(mm, vma);
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	mm->map_count++;
	mm->total_vm += vma_pages(vma);
	vma_merge(mm, vma);
	return 0;
}

/*
 * fork copies the parent's regions in address order, none overlapping or mergeable,
 * so each goes last without a search or a merge (Linux's dup_mmap). The last node of
 * the tree has no right child: the new one goes there.
 */
void append_vma(struct mm_struct *mm, struct vm_area_struct *prev, struct vm_area_struct *vma)
{
	rb_link_node(&vma->vm_rb, prev ? &prev->vm_rb : NULL,
		     prev ? &prev->vm_rb.rb_right : &mm->mm_rb.rb_node);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
	vma->vm_next = NULL;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	mm->map_count++;
	mm->total_vm += vma_pages(vma);
}

/* Split vma at addr: vma keeps [start, addr), a new region gets [addr, end). */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *tail = kmalloc(sizeof(*tail), GFP_KERNEL);

	if (!tail)
		return -ENOMEM;
	*tail = *vma;
	tail->vm_start = addr;
	tail->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma->vm_end = addr;
	tail->vm_next = vma->vm_next;
	vma->vm_next = tail;
	rb_insert_vma(mm, tail);
	mm->map_count++;
	if (tail->vm_ops && tail->vm_ops->open)
		tail->vm_ops->open(tail);
	return 0;
}

/* Remove the pages and regions in [start, start + len), splitting regions at its edges. */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + PAGE_ALIGN(len);
	struct vm_area_struct *vma, *prev = NULL, *next;

	if (start & ~PAGE_MASK || start > TASK_SIZE || len > TASK_SIZE - start || end == start)
		return -EINVAL;
	for (vma = mm->mmap; vma && vma->vm_end <= start; vma = vma->vm_next)
		prev = vma;
	for (; vma && vma->vm_start < end; vma = next) {
		if (vma->vm_start < start) { /* keep the part below start */
			if (split_vma(mm, vma, start))
				return -ENOMEM;
			prev = vma;
			vma = vma->vm_next;
		}
		if (vma->vm_end > end && split_vma(mm, vma, end))
			return -ENOMEM;
		next = vma->vm_next;
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		unlink_vma(mm, vma, prev);
		mm->total_vm -= vma_pages(vma);
		remove_vma(vma);
	}
	return 0;
}
