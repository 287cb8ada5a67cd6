/*
 * mm/mmap.c: the memory system calls that make and remove regions: mmap (mmap2 and
 * the old one-argument-block mmap), munmap and brk, with Linux 6.1's checks; and the
 * address space's life around them: fork's copy, exit's teardown, /proc/<pid>/maps.
 *
 * A new region goes where get_unmapped_area() says: at a hint if it is free, else in
 * the highest gap below mm->mmap_base (top-down, the layout arch/x86/mm/mmap.c picks).
 * Pages arrive later, on first touch (mm/memory.c). Linux's default overcommit policy
 * (OVERCOMMIT_GUESS) refuses only a single request larger than all of RAM and swap.
 */
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <kspace/bug.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/mm.h>
#include <kspace/mman.h>
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/syscall_defs.h>

#define MAX_MAP_COUNT 65530 /* Linux's vm.max_map_count */
#define RLIM_INFINITY (~0UL)  /* an rlimit that does not limit */

/*
 * The flags of a MAP_SHARED file mapping that predate MAP_SHARED_VALIDATE, all
 * accepted by it (MAP_32BIT and the huge page sizes included); MAP_SYNC is not.
 */
#define MAP_32BIT 0x40
#define MAP_HUGE_2MB (21UL << 26)
#define MAP_HUGE_1GB (30UL << 26)
#define LEGACY_MAP_MASK                                                                          \
	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE | \
	 MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |         \
	 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_32BIT | MAP_HUGE_2MB | MAP_HUGE_1GB)

/*
 * OVERCOMMIT_GUESS: may a request for pages more be promised? Only an obviously
 * impossible one is refused: more than RAM plus swap (kspace has no swap).
 */
int vm_enough_memory(unsigned long pages)
{
	return pages > totalram_pages ? -ENOMEM : 0;
}

/* Private writable memory is what the overcommit check counts (MAP_NORESERVE opts out). */
bool accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* A stack's region keeps STACK_GUARD_GAP free below it, so it can grow. */
unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN)
		start = start > STACK_GUARD_GAP ? start - STACK_GUARD_GAP : 0;
	return start;
}

/*
 * The lowest (or, with VM_UNMAPPED_AREA_TOPDOWN, the highest) address where length
 * bytes fit in [low_limit, high_limit) between the regions and their guard gaps;
 * -ENOMEM if nowhere. The regions are visited in address order.
 */
unsigned long vm_unmapped_area(struct mm_struct *mm, const struct vm_unmapped_area_info *info)
{
	unsigned long gap_start = 0, found = -ENOMEM;
	struct vm_area_struct *vma = mm->mmap;

	for (;;) {
		unsigned long gap_end = vma ? vm_start_gap(vma) : TASK_SIZE;
		unsigned long lo = max(gap_start, info->low_limit), hi = min(gap_end, info->high_limit);

		if (lo < hi && hi - lo >= info->length) {
			if (!(info->flags & VM_UNMAPPED_AREA_TOPDOWN))
				return lo;
			found = hi - info->length; /* a later gap is higher: keep looking */
		}
		if (!vma || gap_end >= info->high_limit)
			return found;
		gap_start = vma->vm_end;
		vma = vma->vm_next;
	}
}

/* Linux's security_mmap_addr: only root may map below mmap_min_addr. */
static int security_mmap_addr(unsigned long addr)
{
	return addr < MMAP_MIN_ADDR && !capable() ? -EPERM : 0;
}

/*
 * Where a mapping of len bytes goes (flags: MAP_FIXED takes addr as it is). Linux
 * also passes the file and offset, for files that place their own mappings; kspace's
 * files and anonymous memory all share the one search.
 */
unsigned long get_unmapped_area(unsigned long addr, unsigned long len, unsigned long flags)
{
	int err;

	if (len > TASK_SIZE)
		return -ENOMEM;
	addr = arch_get_unmapped_area_topdown(current->mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (addr > TASK_SIZE - len)
		return -ENOMEM;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	err = security_mmap_addr(addr);
	return err ? (unsigned long)err : addr;
}

static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* The file half of do_mmap's checks: is this open file mappable this way? */
static int file_mmap_flags(struct file *file, unsigned long flags, unsigned long prot,
			   unsigned long *vm_flags)
{
	unsigned int acc = file->f_flags & O_ACCMODE;
	bool readable = acc != O_WRONLY, writable = acc != O_RDONLY;

	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		flags &= LEGACY_MAP_MASK;
		__attribute__((fallthrough));
	case MAP_SHARED_VALIDATE:
		if (flags & ~LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !writable)
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!writable) /* shared but never writable: the same as private, and stays so */
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		__attribute__((fallthrough));
	case MAP_PRIVATE:
		if (!readable)
			return -EACCES;
		if (!file->f_op->mmap)
			return -ENODEV; /* a directory, the console, a /proc file */
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

/* The anonymous half: shared memory or private; the offset means nothing. */
static int anon_mmap_flags(unsigned long flags, unsigned long *vm_flags, unsigned long *pgoff)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		*pgoff = 0;
		return 0;
	case MAP_PRIVATE:
		*pgoff = 0;
		return 0;
	default:
		return -EINVAL;
	}
}

/* Fault in every accessible page of [start, end) now (MAP_POPULATE, MADV_POPULATE_*). */
void mm_populate(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);

		if (!vma || vma->vm_start > addr)
			continue;
		/* As Linux: out of memory, the rest of the region is left to later faults. */
		if ((vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) &&
		    handle_mm_fault(vma, addr, false) == VM_FAULT_OOM)
			addr = vma->vm_end - PAGE_SIZE;
	}
}

/* Make the region [addr, addr + len) (MAP_FIXED: replacing whatever is there). */
/* Pages of [start, end) that are mapped already (MAP_FIXED replaces them). */
static unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long start,
					   unsigned long end)
{
	unsigned long pages = 0;

	for (struct vm_area_struct *v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next)
		pages += (min(end, v->vm_end) - max(start, v->vm_start)) >> PAGE_SHIFT;
	return pages;
}

static unsigned long mmap_region(struct file *file, unsigned long addr, unsigned long len,
				 unsigned long vm_flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	bool shared_anon = !file && (vm_flags & VM_SHARED);
	int err;

	if (!may_expand_vm(mm, vm_flags,
			   (len >> PAGE_SHIFT) - count_vma_pages_range(mm, addr, addr + len)))
		return -ENOMEM; /* RLIMIT_AS */
	if (find_vma_intersection(mm, addr, addr + len) && do_munmap(mm, addr, len))
		return -ENOMEM;
	if (accountable_mapping(vm_flags) || (shared_anon && !(vm_flags & VM_NORESERVE))) {
		if (vm_enough_memory(len >> PAGE_SHIFT))
			return -ENOMEM;
		vm_flags |= accountable_mapping(vm_flags) ? VM_ACCOUNT : 0;
	}
	vma = vm_area_alloc(mm, addr, addr + len, 0);
	if (!vma)
		return -ENOMEM;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_prot_bits(vm_flags);
	vma->vm_pgoff = pgoff;
	err = file ? file->f_op->mmap(file, vma) : shared_anon ? shmem_zero_setup(vma) : 0;
	if (err) {
		kfree(vma);
		return err;
	}
	insert_vm_struct(mm, vma); /* cannot overlap: the range was emptied above */
	return addr;
}

/* The checks and choices of Linux's do_mmap, in its order; returns the address or -errno. */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags;
	int err;

	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED) && addr && addr < MMAP_MIN_ADDR)
		addr = MMAP_MIN_ADDR; /* a hint too low is raised, as Linux's round_hint_to_min */
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > MAX_MAP_COUNT)
		return -ENOMEM;
	addr = get_unmapped_area(addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	vm_flags = calc_vm_prot_bits(prot) | (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	err = file ? file_mmap_flags(file, flags, prot, &vm_flags)
		   : anon_mmap_flags(flags, &vm_flags, &pgoff);
	if (err)
		return err;
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;
	addr = mmap_region(file, addr, len, vm_flags, pgoff);
	if (!IS_ERR_VALUE(addr) && (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
		mm_populate(mm, addr, addr + len);
	return addr;
}

long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
		    unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct file *file = NULL;

	if (!(flags & MAP_ANONYMOUS)) {
		file = fget(fd);
		if (!file)
			return -EBADF;
		if (flags & MAP_HUGETLB) { /* only a hugetlbfs file takes it */
			fput(file);
			return -EINVAL;
		}
	} else if (flags & MAP_HUGETLB) {
		return -ENOMEM; /* no huge pages are reserved, as with Linux's nr_hugepages = 0 */
	}
	down_write(&current->mm->mmap_sem);
	addr = do_mmap(file, addr, len, prot, flags & ~(MAP_EXECUTABLE | MAP_DENYWRITE), pgoff);
	up_write(&current->mm->mmap_sem);
	if (file) /* a mapping holds the inode itself (vm_file), not the file */
		fput(file);
	return addr;
}

/* The i386 mmap (90): its six arguments in a block in user memory, a byte offset. */
long sys_old_mmap(const struct mmap_arg_struct __user *arg)
{
	struct mmap_arg_struct a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	if (a.offset & ~PAGE_MASK)
		return -EINVAL;
	return sys_mmap_pgoff(a.addr, a.len, a.prot, a.flags, a.fd, a.offset >> PAGE_SHIFT);
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	long ret;

	down_write(&mm->mmap_sem);
	ret = do_munmap(mm, addr, len);
	up_write(&mm->mmap_sem);
	return ret;
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
	struct vm_area_struct *prev = find_vma_prev(vma->vm_mm, vma->vm_start);

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

	unmap_vmas(mm);
	while (vma) {
		struct vm_area_struct *next = vma->vm_next;
		remove_vma(vma);
		vma = next;
	}
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	/*
	 * No task uses mm any more, but a CPU may still hold it lazily (and walk its page
	 * tables): this flush makes every such CPU leave before the tables go.
	 */
	flush_tlb_mm(mm);
	BUG_ON(!cpumask_empty(mm_cpumask(mm)));
	free_pgtables(mm);
}

/*
 * fork: copy every region; share private pages copy-on-write and shared ones as
 * they are. MADV_DONTFORK regions are left out; MADV_WIPEONFORK ones start empty.
 */
static int copy_regions(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *prev = NULL;

	for (struct vm_area_struct *v = oldmm->mmap; v; v = v->vm_next) {
		struct vm_area_struct *copy;

		if (v->vm_flags & VM_DONTCOPY)
			continue;
		copy = kmalloc(sizeof(*copy), GFP_KERNEL);
		if (!copy)
			return -ENOMEM;
		*copy = *v;
		copy->vm_mm = mm;
		if (copy->vm_ops && copy->vm_ops->open)
			copy->vm_ops->open(copy);
		append_vma(mm, prev, copy);
		prev = copy;
		if (!(v->vm_flags & VM_WIPEONFORK) && copy_page_range(mm, oldmm, v))
			return -ENOMEM;
	}
	return 0;
}

int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	int err = copy_regions(mm, oldmm);

	/* The parent's private pages just became read-only, even if the copy failed halfway. */
	flush_tlb_mm(oldmm);
	return err;
}

/* A file's path, from the root of the initramfs (Linux's d_path); none once it has no name. */
static void show_path(struct seq_buf *s, const struct ramfs_inode *inode)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	char *path = buf ? ramfs_d_path(inode, buf, PATH_MAX) : NULL;

	if (path)
		seq_buf_printf(s, "%s", path);
	kfree(buf);
}

/* Linux's /proc/<pid>/maps line: range, rwxp (s: MAP_SHARED), offset, device, inode, name. */
void show_maps(struct seq_buf *s, struct mm_struct *mm)
{
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		const struct ramfs_inode *file = v->vm_file;
		int len = s->len;

		seq_buf_printf(s, "%08lx-%08lx %c%c%c%c %08lx 00:00 %lu", v->vm_start, v->vm_end,
			       v->vm_flags & VM_READ ? 'r' : '-', v->vm_flags & VM_WRITE ? 'w' : '-',
			       v->vm_flags & VM_EXEC ? 'x' : '-', v->vm_flags & VM_MAYSHARE ? 's' : 'p',
			       file ? v->vm_pgoff << PAGE_SHIFT : 0UL, file ? file->ino : 0UL);
		if (file || v->vm_name)
			seq_buf_printf(s, "%*s", max(1, 73 - (int)(s->len - len)), "");
		if (file)
			show_path(s, file);
		else if (v->vm_name)
			seq_buf_printf(s, "%s", v->vm_name);
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

	if (mm->map_count > MAX_MAP_COUNT || !may_expand_vm(mm, VM_READ | VM_WRITE, len >> PAGE_SHIFT) ||
	    vm_enough_memory(len >> PAGE_SHIFT))
		return -ENOMEM;
	vma = vm_area_alloc(mm, addr, addr + len, VM_READ | VM_WRITE | VM_ACCOUNT);
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
 * above a lowered break are unmapped, so touching them again faults. Growing stops
 * a page short of the next region, or of the guard gap below a stack.
 */
static long do_sys_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long newbrk = PAGE_ALIGN(brk), oldbrk = PAGE_ALIGN(mm->brk);
	struct vm_area_struct *next;

	if (brk < mm->start_brk || brk > TASK_SIZE || check_data_rlimit(brk, mm))
		return mm->brk;
	if (newbrk < oldbrk && do_munmap(mm, newbrk, oldbrk - newbrk))
		return mm->brk;
	if (newbrk > oldbrk) {
		next = find_vma(mm, oldbrk);
		if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
			return mm->brk;
		if (do_brk(mm, oldbrk, newbrk - oldbrk))
			return mm->brk;
	}
	mm->brk = brk;
	return brk;
}

long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	long ret;

	down_write(&mm->mmap_sem);
	ret = do_sys_brk(mm, brk);
	up_write(&mm->mmap_sem);
	return ret;
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
