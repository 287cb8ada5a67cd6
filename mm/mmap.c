/*
 * mm/mmap.c: the regions of an address space (see mm_types.h).
 *
 * Regions never overlap. insert_vm_struct() links a new one into both the rb-tree
 * and the address-ordered list, then merges it with a neighbour that touches it
 * and is compatible (same flags, both anonymous), so growing the heap page by page
 * leaves one region, not hundreds. do_munmap() splits regions at the edges of the
 * range and removes what lies inside, freeing its pages.
 */
#include <kspace/bug.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <kspace/sched.h>

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm, unsigned long start,
				     unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		vma->vm_start = start;
		vma->vm_end = end;
		vma->vm_flags = flags;
		vma->vm_page_prot = vm_prot_bits(flags);
	}
	return vma;
}

/* User pages are present and user-accessible; writable only in a writable region. */
unsigned long vm_prot_bits(unsigned long vm_flags)
{
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

static struct vm_area_struct *find_prev(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *prev = NULL;

	for (struct vm_area_struct *v = mm->mmap; v && v->vm_start < addr; v = v->vm_next)
		prev = v;
	return prev;
}

static bool can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags && !a->vm_ops && !b->vm_ops &&
	       a->vm_name == b->vm_name;
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

/* Absorb next into vma (they touch and are compatible). */
static void merge_next(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma->vm_next;

	unlink_vma(mm, next, vma);
	vma->vm_end = next->vm_end;
	kfree(next);
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

int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = find_prev(mm, vma->vm_start), *next;

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
	mm->total_vm += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	if (next && can_merge(vma, next))
		merge_next(mm, vma);
	if (prev && can_merge(prev, vma))
		merge_next(mm, prev);
	return 0;
}

/* Split vma at addr: vma keeps [start, addr), a new region gets [addr, end). */
static int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
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

static void remove_vma(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	kfree(vma);
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + PAGE_ALIGN(len);
	struct vm_area_struct *vma, *prev = NULL, *next;

	if (start & ~PAGE_MASK || end > TASK_SIZE || end < start)
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
		mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		remove_vma(vma);
	}
	return 0;
}

/*
 * Linux checks RLIMIT_AS here; RLIMIT_DATA it checks against data_vm (private
 * writable regions), which kspace does not count yet: brk checks its own size below.
 */
bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages)
{
	(void)vm_flags;
	return mm->total_vm + npages <= rlimit(RLIMIT_AS) >> PAGE_SHIFT;
}

/* Grow the stack region down to cover address, within RLIMIT_STACK and RLIMIT_AS. */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	unsigned long start = address & PAGE_MASK;
	struct vm_area_struct *prev = find_prev(vma->vm_mm, vma->vm_start);

	if (!(vma->vm_flags & VM_GROWSDOWN) || vma->vm_end - start > rlimit(RLIMIT_STACK))
		return -ENOMEM;
	if (!may_expand_vm(vma->vm_mm, vma->vm_flags, (vma->vm_start - start) >> PAGE_SHIFT))
		return -ENOMEM;
	if (prev && prev->vm_end > start - PAGE_SIZE) /* keep a guard page from the region below */
		return -ENOMEM;
	vma->vm_mm->total_vm += (vma->vm_start - start) >> PAGE_SHIFT;
	vma->vm_start = start; /* the rb-tree order is unchanged: nothing lies in between */
	vma->vm_pgoff = 0;
	return 0;
}

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap;

	while (vma) {
		struct vm_area_struct *next = vma->vm_next;
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		remove_vma(vma);
		vma = next;
	}
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	free_pgtables(mm);
}

/* fork: copy every region, and share its pages copy-on-write. */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	for (struct vm_area_struct *v = oldmm->mmap; v; v = v->vm_next) {
		struct vm_area_struct *copy = kmalloc(sizeof(*copy), GFP_KERNEL);

		if (!copy)
			return -ENOMEM;
		*copy = *v;
		copy->vm_mm = mm;
		if (insert_vm_struct(mm, copy)) {
			kfree(copy);
			return -ENOMEM;
		}
		if (copy->vm_ops && copy->vm_ops->open)
			copy->vm_ops->open(copy);
		if (copy_page_range(mm, oldmm, v))
			return -ENOMEM;
	}
	return 0;
}

/* Linux's /proc/<pid>/maps line: range, rwxp, offset, device, inode, name. */
void show_maps(struct seq_buf *s, struct mm_struct *mm)
{
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		const char *name = v->vm_name ? v->vm_name : v->vm_file ? mm->exe_name : "";
		int len = s->len;

		seq_buf_printf(s, "%08lx-%08lx %c%c%c%c %08lx 00:00 %lu", v->vm_start, v->vm_end,
			       v->vm_flags & VM_READ ? 'r' : '-', v->vm_flags & VM_WRITE ? 'w' : '-',
			       v->vm_flags & VM_EXEC ? 'x' : '-', v->vm_flags & VM_SHARED ? 's' : 'p',
			       v->vm_file ? v->vm_pgoff << PAGE_SHIFT : 0UL, v->vm_file ? 1UL : 0UL);
		if (*name)
			seq_buf_printf(s, "%*s%s", max(1, 73 - (int)(s->len - len)), "", name);
		seq_buf_printf(s, "\n");
	}
}

/* Linux's RLIMIT_DATA rule for brk: the heap and the data segment together. */
static bool check_data_rlimit(unsigned long brk, const struct mm_struct *mm)
{
	unsigned long lim = rlimit(RLIMIT_DATA);

	return lim != RLIM_INFINITY && (brk - mm->start_brk) + (mm->end_data - mm->start_data) > lim;
}

/* The heap grows in one anonymous region, named like Linux's. */
static int do_brk(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma;

	if (!may_expand_vm(mm, VM_READ | VM_WRITE, len >> PAGE_SHIFT))
		return -ENOMEM;
	vma = vm_area_alloc(mm, addr, addr + len, VM_READ | VM_WRITE);
	if (!vma)
		return -ENOMEM;
	vma->vm_name = "[heap]";
	if (insert_vm_struct(mm, vma)) {
		kfree(vma);
		return -ENOMEM;
	}
	return 0;
}

/*
 * brk(addr): move the end of the heap to exactly addr; the result is the new break,
 * or the old one if the move is impossible. brk(0) asks where it is. Pages wholly
 * above a lowered break are unmapped, so touching them again faults.
 */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk = PAGE_ALIGN(brk), oldbrk = PAGE_ALIGN(mm->brk);
	struct vm_area_struct *next;

	if (brk < mm->start_brk || brk > TASK_SIZE)
		return mm->brk;
	if (check_data_rlimit(brk, mm))
		return mm->brk;
	if (newbrk < oldbrk && do_munmap(mm, newbrk, oldbrk - newbrk))
		return mm->brk;
	if (newbrk > oldbrk) {
		next = find_vma(mm, oldbrk);
		if (next && next->vm_start < newbrk + PAGE_SIZE) /* keep a page from the stack */
			return mm->brk;
		if (do_brk(mm, oldbrk, newbrk - oldbrk))
			return mm->brk;
	}
	mm->brk = brk;
	return brk;
}

/*
 * Give the current kernel thread a temporary user address space holding one
 * read-write region [start, end): the in-kernel tests and benchmarks of user
 * access run against it. mm_return() switches back and frees it all.
 */
struct mm_struct *mm_borrow(unsigned long start, unsigned long end)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *v = mm ? vm_area_alloc(mm, start, end, VM_READ | VM_WRITE) : NULL;

	if (!v || insert_vm_struct(mm, v)) {
		kfree(v);
		if (mm)
			mmput(mm);
		return NULL;
	}
	current->mm = mm;
	switch_mm(NULL, mm);
	return mm;
}

void mm_return(struct mm_struct *mm)
{
	switch_mm(mm, NULL);
	current->mm = NULL;
	mmput(mm);
}
