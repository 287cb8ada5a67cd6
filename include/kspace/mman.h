/* Address-space operations (mm/mmap.c, mm/memory.c), used by fork, exec, exit and faults. */
#ifndef KSPACE_MMAN_H
#define KSPACE_MMAN_H

#include <kspace/mm_types.h>
#include <uapi/asm-generic/mman-common.h>

#define STACK_TOP TASK_SIZE           /* the user stack grows down from the 3 GiB line */
#define STACK_GUARD_GAP (256UL << PAGE_SHIFT) /* kept free below a stack (Linux's 1 MiB) */
#define MMAP_MIN_ADDR 65536UL         /* Linux's vm.mmap_min_addr (Debian's value) */
#define TASK_UNMAPPED_BASE PAGE_ALIGN(TASK_SIZE / 3) /* where a bottom-up search starts */

#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-4095) /* an -errno result */

struct file;

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* kernel/fork.c */
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);     /* drop a user; the last one frees everything */
void exit_mmap(struct mm_struct *mm); /* mm/mmap.c: unmap and free every region */

/* mm/vma.c: the regions as a data structure */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm, unsigned long start,
				     unsigned long end, unsigned long flags);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
/* fork: link vma after prev, mm's last region (NULL: vma is the first), as it is. */
void append_vma(struct mm_struct *mm, struct vm_area_struct *prev, struct vm_area_struct *vma);
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *vma);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);
void remove_vma(struct vm_area_struct *vma); /* free it (it is unlinked already) */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);

/* mm/mmap.c */
struct vm_unmapped_area_info {
#define VM_UNMAPPED_AREA_TOPDOWN 1
	unsigned long flags;
	unsigned long length;
	unsigned long low_limit, high_limit;
};
unsigned long vm_unmapped_area(struct mm_struct *mm, const struct vm_unmapped_area_info *info);
unsigned long vm_start_gap(const struct vm_area_struct *vma);
unsigned long get_unmapped_area(unsigned long addr, unsigned long len, unsigned long flags);
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff);
void mm_populate(struct mm_struct *mm, unsigned long start, unsigned long end);
int vm_enough_memory(unsigned long pages);      /* 0, or -ENOMEM: the overcommit check */
bool accountable_mapping(unsigned long vm_flags);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
/* RLIMIT_AS: may mm grow by npages? Every path that adds pages to total_vm asks first. */
bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages);
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);
/* A temporary address space for a kernel thread, for in-kernel tests of user access. */
struct mm_struct *mm_borrow(unsigned long start, unsigned long end);
void mm_return(struct mm_struct *mm);
unsigned long vm_prot_bits(unsigned long vm_flags); /* PTE bits for a region's pages */

/* mm/memory.c */
#define VM_FAULT_OK 0
#define VM_FAULT_OOM 1
#define VM_FAULT_SIGSEGV 2
#define VM_FAULT_SIGBUS 3 /* the page lies wholly past the end of the file or shared memory */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, bool write);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void unmap_vmas(struct mm_struct *mm); /* exit: all of mm's pages, with one gather */
void free_pgtables(struct mm_struct *mm);
int install_page(struct vm_area_struct *vma, unsigned long address, struct page *page);

/* The PTE for address, allocating its page table if alloc; NULL if there is none. */
pte_t *pte_offset(struct mm_struct *mm, unsigned long address, bool alloc);
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end);
int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len);

/* mm/shmem.c: MAP_SHARED|MAP_ANONYMOUS memory */
int shmem_zero_setup(struct vm_area_struct *vma);

/* arch/x86/mm/mmap.c: where mmap puts things */
void arch_pick_mmap_layout(struct mm_struct *mm);
unsigned long arch_get_unmapped_area_topdown(struct mm_struct *mm, unsigned long addr,
					     unsigned long len, unsigned long flags);

/* arch/x86/mm/pgtable.c */
pgd_t *pgd_alloc(void);
void pgd_free(pgd_t *pgd);

struct seq_buf;
void show_maps(struct seq_buf *s, struct mm_struct *mm); /* /proc/<pid>/maps */
void show_pagetable(struct seq_buf *s, struct mm_struct *mm); /* /proc/<pid>/pagetable */

#endif
