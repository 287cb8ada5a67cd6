/*
 * arch/x86/mm/fault.c: the page-fault handler. The CPU leaves the faulting address
 * in CR2 and says in the error code whether the page was absent or protected, the
 * access a read or a write, and the CPU in ring 0 or 3.
 *
 * A fault inside a region is normal: the page is created now (demand paging) or
 * copied (copy-on-write). Outside every region it is the program's error
 * (SIGSEGV), unless the kernel itself faulted: then a user copy recovers through
 * the exception table, and anything else is an oops.
 */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/irqflags.h>
#include <kspace/extable.h>
#include <kspace/mman.h>
#include <kspace/oom.h>
#include <kspace/preempt.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/vmalloc.h>

/* Show the page-table entries for address, as far as the walk gets. */
static void dump_pagetable(unsigned long address)
{
	pgd_t *pgd = __va(read_cr3() & PAGE_MASK);
	pgd_t pde = pgd[pgd_index(address)];

	printk(KERN_ALERT "*pde = %08x\n", pde);
	if (!(pde & _PAGE_PRESENT) || (pde & _PAGE_PSE))
		return;
	if ((pde & PAGE_MASK) >= __pa(high_memory)) /* not in the direct map: cannot look */
		return;
	pte_t *pte = __va(pde & PAGE_MASK);
	printk(KERN_ALERT "*pte = %08x\n", pte[pte_index(address)]);
}

/*
 * A kernel address missing from this process's page directory may exist in
 * swapper_pg_dir: vmalloc created it after the process was forked. Copy the entry
 * in, as Linux does, instead of copying every change into every process.
 */
static int vmalloc_fault(unsigned long address)
{
	pgd_t *pgd = __va(read_cr3() & PAGE_MASK);
	unsigned int i = pgd_index(address);

	if (address < vmalloc_start() || !(swapper_pg_dir[i] & _PAGE_PRESENT) ||
	    (pgd[i] & _PAGE_PRESENT))
		return -1;
	pgd[i] = swapper_pg_dir[i];
	return 0;
}

static __noreturn void kernel_oops(struct pt_regs *regs, long error_code, unsigned long address)
{
	printk(KERN_ALERT "BUG: unable to handle kernel %s at virtual address %08lx\n",
	       address < PAGE_SIZE ? "NULL pointer dereference" : "paging request", address);
	printk(KERN_ALERT "page fault: %s of a %s page in %s mode\n",
	       error_code & PF_WRITE ? "write" : "read",
	       error_code & PF_PROT ? "protected" : "not-present",
	       error_code & PF_USER ? "user" : "kernel");
	dump_pagetable(address);
	die("Oops", regs, error_code, X86_TRAP_PF);
}

static int segv_code(unsigned long address)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int code;

	if (address >= TASK_SIZE || !mm)
		return SEGV_MAPERR;
	down_read(&mm->mmap_sem);
	vma = find_vma(mm, address);
	code = vma && vma->vm_start <= address ? SEGV_ACCERR : SEGV_MAPERR;
	up_read(&mm->mmap_sem);
	return code;
}

/* SEGV_MAPERR where nothing is mapped, SEGV_ACCERR where the mapping forbids the access. */
static void bad_area(struct pt_regs *regs, long error_code, unsigned long address)
{
	if (error_code & PF_USER) {
		printk(KERN_INFO "%s[%d]: segfault at %08lx ip %08lx sp %08lx error %lx\n",
		       current->comm, current->pid, address, regs->eip, regs->esp, error_code);
		current->thread.trap_nr = X86_TRAP_PF;
		current->thread.error_code = error_code;
		current->thread.cr2 = address;
		force_sig_fault(SIGSEGV, segv_code(address), (void __user *)address);
		return;
	}
	if (!fixup_exception(regs))
		kernel_oops(regs, error_code, address);
}

/* Is address a legal place for this access, growing the stack if it is just below it? */
static struct vm_area_struct *good_area(struct mm_struct *mm, struct pt_regs *regs,
					long error_code, unsigned long address)
{
	struct vm_area_struct *vma = find_vma(mm, address);
	bool write = error_code & PF_WRITE;

	if (!vma)
		return NULL;
	if (vma->vm_start > address) {
		/* A push may touch below esp, but not far below (Linux's 64 KiB rule). */
		if ((error_code & PF_USER) && address + 65536 + 32 * sizeof(long) < (unsigned long)regs->esp)
			return NULL;
		if (expand_stack(vma, address))
			return NULL;
	}
	/* A read needs some right: without NX, x86 cannot give write or execute without read. */
	if (write ? !(vma->vm_flags & VM_WRITE) : !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return NULL;
	return vma;
}

void do_page_fault(struct pt_regs *regs, long error_code);
void do_page_fault(struct pt_regs *regs, long error_code)
{
	unsigned long address = read_cr2(); /* before anything can fault again */
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	unsigned int reaped;
	int fault;

	/*
	 * A kernel stack run too deep has overwritten its thread_info, so `current` is
	 * garbage and reading current->mm would fault again, and again, down through
	 * memory: oops at once (the oops names the task without `current`).
	 */
	if (!(error_code & PF_USER) && task_stack_end_corrupted(current_thread_info()))
		kernel_oops(regs, error_code, address);
	mm = current->mm;
	if (regs->eflags & X86_EFLAGS_IF)
		local_irq_enable();
	if (address >= TASK_SIZE) {
		if (!(error_code & PF_USER) && !vmalloc_fault(address))
			return;
		bad_area(regs, error_code, address);
		return;
	}
	if (!mm || in_atomic()) {
		bad_area(regs, error_code, address);
		return;
	}
	/*
	 * The kernel may fault on user memory while it holds mmap_sem itself: then only a
	 * user copy (which the exception table recovers) is expected, as in Linux.
	 */
	if (!down_read_trylock(&mm->mmap_sem)) {
		if (!(error_code & PF_USER) && !search_exception_tables(regs->eip)) {
			bad_area(regs, error_code, address);
			return;
		}
		down_read(&mm->mmap_sem);
	}
	vma = good_area(mm, regs, error_code, address);
	reaped = oom_reaped(); /* before the allocation that may fail (out_of_memory) */
	fault = vma ? handle_mm_fault(vma, address, error_code & PF_WRITE) : VM_FAULT_SIGSEGV;
	up_read(&mm->mmap_sem); /* before a signal, or an OOM kill that waits */
	switch (fault) {
	case VM_FAULT_OK:
		return;
	case VM_FAULT_SIGSEGV:
		bad_area(regs, error_code, address);
		return;
	case VM_FAULT_SIGBUS: /* past the end of a mapped file or shared memory */
		if (error_code & PF_USER)
			force_sig(SIGBUS);
		else if (!fixup_exception(regs))
			kernel_oops(regs, error_code, address);
		return;
	default:
		if (out_of_memory(reaped)) {
			schedule(); /* the process killed exits and frees its pages; then retry */
			return;
		}
		printk(KERN_ERR "Out of memory: killing %s[%d]\n", current->comm, current->pid);
		force_sig(SIGKILL);
		if (!(error_code & PF_USER) && !fixup_exception(regs))
			kernel_oops(regs, error_code, address);
	}
}
