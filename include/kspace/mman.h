/* Address-space operations (mm/mmap.c, mm/memory.c), used by fork, exec, exit and faults. */
#ifndef KSPACE_MMAN_H
#define KSPACE_MMAN_H

#include <kspace/mm_types.h>

#define STACK_TOP TASK_SIZE           /* the user stack grows down from the 3 GiB line */

/* kernel/fork.c */
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);     /* drop a user; the last one frees everything */
void exit_mmap(struct mm_struct *mm); /* mm/mmap.c: unmap and free every region */

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm, unsigned long start,
				     unsigned long end, unsigned long flags);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
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
int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, bool write);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void free_pgtables(struct mm_struct *mm);
int install_page(struct vm_area_struct *vma, unsigned long address, struct page *page);

/* arch/x86/mm/pgtable.c */
pgd_t *pgd_alloc(void);
void pgd_free(pgd_t *pgd);
void switch_mm(struct mm_struct *prev, struct mm_struct *next);

struct seq_buf;
void show_maps(struct seq_buf *s, struct mm_struct *mm); /* /proc/<pid>/maps */
void show_pagetable(struct seq_buf *s, struct mm_struct *mm); /* /proc/<pid>/pagetable */

#endif
