/*
 * arch/x86/mm/fault.c: the page-fault handler. The CPU leaves the faulting address
 * in CR2 and says in the error code whether the page was absent or protected, the
 * access a read or a write, and the CPU in ring 0 or 3.
 */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <kspace/printk.h>

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

void do_page_fault(struct pt_regs *regs, long error_code);
void do_page_fault(struct pt_regs *regs, long error_code)
{
	unsigned long address = read_cr2();

	printk(KERN_ALERT "BUG: unable to handle kernel %s at virtual address %08lx\n",
	       address < PAGE_SIZE ? "NULL pointer dereference" : "paging request", address);
	printk(KERN_ALERT "page fault: %s of a %s page in %s mode\n",
	       error_code & PF_WRITE ? "write" : "read",
	       error_code & PF_PROT ? "protected" : "not-present",
	       error_code & PF_USER ? "user" : "kernel");
	dump_pagetable(address);
	die("Oops", regs, error_code, X86_TRAP_PF);
}
