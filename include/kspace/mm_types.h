/*
 * A process's address space (mm/mmap.c, mm/memory.c).
 *
 * mm_struct describes the user part, 0 .. TASK_SIZE, of one address space: its page
 * directory (whose kernel half is a copy of swapper_pg_dir), and its regions, the
 * vm_area_structs. Each region is a range of pages with the same permissions and the
 * same backing (a file's bytes, or zero-filled anonymous memory). The regions are
 * kept twice: in address order on the mmap list, and in the mm_rb red-black tree so
 * find_vma() takes O(log n); mmap_cache remembers the last one found.
 *
 * Threads share one mm on several CPUs. mmap_sem orders them: whatever changes the
 * regions (mmap, munmap, mprotect, mremap, madvise, brk, fork's copy) holds it for
 * writing; a page fault holds it for reading, so faults run side by side, and
 * page_table_lock then decides which of two faults on one entry fills it.
 */
#ifndef KSPACE_MM_TYPES_H
#define KSPACE_MM_TYPES_H

#include <asm/atomic.h>
#include <asm/pgtable.h>
#include <kspace/cpumask.h>
#include <kspace/rbtree.h>
#include <kspace/rwsem.h>
#include <kspace/spinlock.h>
#include <kspace/types.h>

struct mm_struct;
struct vm_area_struct;
struct page;
struct ramfs_inode;

#define VM_READ 0x0001
#define VM_WRITE 0x0002
#define VM_EXEC 0x0004
#define VM_SHARED 0x0008
/* What mprotect may turn on later (VM_MAY* >> 4 == VM_*), as Linux keeps them. */
#define VM_MAYREAD 0x0010
#define VM_MAYWRITE 0x0020
#define VM_MAYEXEC 0x0040
#define VM_MAYSHARE 0x0080  /* mapped MAP_SHARED (VM_SHARED too if it may be written) */
#define VM_GROWSDOWN 0x0100 /* the stack: grows down on a fault just below it */
#define VM_DONTCOPY 0x20000    /* madvise(MADV_DONTFORK): fork leaves it out */
#define VM_ACCOUNT 0x100000    /* passed the overcommit check (private and writable) */
#define VM_NORESERVE 0x200000  /* MAP_NORESERVE: never passes the overcommit check */
#define VM_WIPEONFORK 0x2000000 /* madvise(MADV_WIPEONFORK): fork gives the child zeroes */

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);  /* a copy was made (fork) */
	void (*close)(struct vm_area_struct *vma); /* it is going away */
	/* The page for a fault at address (page-aligned); NULL when out of memory. */
	struct page *(*nopage)(struct vm_area_struct *vma, unsigned long address);
};

struct vm_area_struct {
	struct mm_struct *vm_mm;
	unsigned long vm_start, vm_end; /* [vm_start, vm_end), page-aligned */
	struct vm_area_struct *vm_next; /* the next region up */
	unsigned long vm_page_prot;     /* PTE bits for its pages */
	unsigned long vm_flags;         /* VM_* */
	struct rb_node vm_rb;
	const struct vm_operations_struct *vm_ops; /* NULL: private anonymous, zero-filled */
	struct ramfs_inode *vm_file;    /* the file behind it, if any */
	unsigned long vm_pgoff;         /* file offset of vm_start, in pages */
	unsigned long vm_file_end;      /* the file (or shared memory) ends here: the rest of its
					   page reads as zero (ELF .bss), a page past it is SIGBUS */
	const char *vm_name;            /* "[heap]", "[stack]" in /proc/<pid>/maps */
	void *vm_private_data;          /* the shared pages of a MAP_SHARED|MAP_ANONYMOUS region */
};

struct mm_struct {
	struct vm_area_struct *mmap;        /* regions in address order */
	struct rb_root mm_rb;               /* the same regions, by address */
	struct vm_area_struct *mmap_cache;  /* the last find_vma() result */
	pgd_t *pgd;
	/* Which user entries of pgd hold a page table: exit frees just those. */
	unsigned long pgtables[USER_PTRS_PER_PGD / 32];
	struct rw_semaphore mmap_sem;       /* the regions: see above */
	spinlock_t page_table_lock;         /* a fault's check-and-set of an entry, and rss */
	atomic_t mm_users;                  /* tasks using this address space */
	bool oom_victim;                    /* killed for memory: the OOM killer waits for it */
	int map_count;                      /* number of regions */
	/*
	 * From here on, fork copies the parent's (and mm_init resets the counts and the
	 * mask); mm_init sets everything above.
	 */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long mmap_base;            /* mmap searches down from here (arch_pick_mmap_layout) */
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long rss;                  /* pages mapped */
	unsigned long total_vm;             /* pages in all regions */
	struct cpumask cpu_vm_mask;         /* CPUs with pgd in CR3, lazily or not: mm_cpumask() */
	char exe_name[64];                  /* the program's path as execve got it, for the debugger */
	struct ramfs_inode *exe_file;       /* the program's file, held: /proc/<pid>/exe */
};

/* Who must be told when a user mapping of mm changes (arch/x86/mm/tlb.c). */
#define mm_cpumask(mm) (&(mm)->cpu_vm_mask)

#endif
