/*
 * arch/x86/mm/highmem.c: kmap_atomic, the fast way to reach any page. Each CPU has
 * KM_TYPE_NR fixmap slots, one per kind of user (enum km_type), so nested users (an
 * interrupt arriving inside a copy) never share a slot. Mapping writes one PTE;
 * unmapping clears it and invalidates that one TLB entry. Nothing can sleep or be
 * switched away from in between: the slot's address is this CPU's alone.
 */
#include <asm/highmem.h>
#include <asm/processor.h>
#include <kspace/highmem.h>
#include <kspace/kernel.h>
#include <kspace/preempt.h>
#include <kspace/printk.h>
#include <kspace/seq_buf.h>
#include <kspace/smp.h>


static const char *const km_type_names[KM_TYPE_NR] = {
	"KM_SKB_DATA_SOFTIRQ", "KM_USER0", "KM_USER1", "KM_BIO_SRC_IRQ", "KM_BIO_DST_IRQ",
	"KM_PTE0", "KM_PTE1", "KM_IRQ0", "KM_IRQ1", "KM_SOFTIRQ0", "KM_SOFTIRQ1",
};

pte_t *fixmap_pte(enum fixed_addresses idx)
{
	unsigned long vaddr = __fix_to_virt(idx);
	pgd_t pde = swapper_pg_dir[pgd_index(vaddr)];

	BUG_ON(!(pde & _PAGE_PRESENT));
	return (pte_t *)__va(pde & PAGE_MASK) + pte_index(vaddr);
}

void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, unsigned long prot)
{
	BUG_ON(idx >= __end_of_fixed_addresses);
	*fixmap_pte(idx) = prot ? (phys & PAGE_MASK) | prot : 0;
	__flush_tlb_one(__fix_to_virt(idx));
}

/*
 * Slot FIX_KMAP_BEGIN's PTE, as Linux's kmap_pte: the fixmap lies in one page table
 * (highmem_pagetables_init), so slot idx's PTE is this minus (idx - FIX_KMAP_BEGIN),
 * without a walk from the page directory on every kmap_atomic.
 */
static pte_t *kmap_pte;

void kmap_atomic_init(void)
{
	kmap_pte = fixmap_pte(FIX_KMAP_BEGIN);
}

static enum fixed_addresses kmap_slot(enum km_type type)
{
	BUG_ON(type >= KM_TYPE_NR);
	return FIX_KMAP_BEGIN + type + KM_TYPE_NR * smp_processor_id();
}

static pte_t *kmap_slot_pte(enum fixed_addresses idx)
{
	return kmap_pte - (idx - FIX_KMAP_BEGIN);
}

void *kmap_atomic(struct page *page, enum km_type type)
{
	enum fixed_addresses idx;
	pte_t *pte;

	preempt_disable();
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	idx = kmap_slot(type);
	pte = kmap_slot_pte(idx);
	if (*pte & _PAGE_PRESENT) {
		printk(KERN_EMERG "BUG: kmap_atomic: slot %s of CPU %d is already in use\n",
		       km_type_names[type], smp_processor_id());
		BUG();
	}
	/* The slot was invalidated when it was last freed, so no flush is needed here. */
	*pte = PFN_PHYS(page_to_pfn(page)) | kmap_prot;
	return (void *)__fix_to_virt(idx);
}

void kunmap_atomic(void *kvaddr, enum km_type type)
{
	unsigned long vaddr = (unsigned long)kvaddr & PAGE_MASK;
	enum fixed_addresses idx = kmap_slot(type);

	if (vaddr >= FIXADDR_START) { /* a highmem page: free the slot */
		BUG_ON(vaddr != __fix_to_virt(idx));
		*kmap_slot_pte(idx) = 0;
		__flush_tlb_one(vaddr); /* its one TLB entry */
	}
	preempt_enable();
}

/* One CPU's kmap_atomic slots: where they are, then each one in use. */
static void kmap_atomic_render(struct seq_buf *s, int cpu)
{
	enum fixed_addresses first = FIX_KMAP_BEGIN + KM_TYPE_NR * cpu;
	enum fixed_addresses last = first + KM_TYPE_NR - 1;
	int in_use = 0;

	for (enum fixed_addresses idx = first; idx <= last; idx++)
		in_use += !!(*fixmap_pte(idx) & _PAGE_PRESENT);
	/* Higher slots have lower addresses: the fixmap grows down from FIXADDR_TOP. */
	seq_buf_printf(s, "  cpu %d: 0x%08lx-0x%08lx, %d in use\n", cpu, __fix_to_virt(last),
		       __fix_to_virt(first) + PAGE_SIZE, in_use);
	for (enum fixed_addresses idx = first; idx <= last; idx++) {
		pte_t pte = *fixmap_pte(idx);
		int slot = idx - FIX_KMAP_BEGIN;

		if (pte & _PAGE_PRESENT)
			seq_buf_printf(s, "  FIX_KMAP_BEGIN+%-3d %-20s cpu %d  0x%08lx -> pfn 0x%05lx\n",
				       slot, km_type_names[slot % KM_TYPE_NR], cpu, __fix_to_virt(idx),
				       (unsigned long)(pte >> PAGE_SHIFT));
	}
}

void fixmap_render(struct seq_buf *s)
{
	int cpu;

	seq_buf_printf(s, "fixmap: 0x%08lx-0x%08lx, %d slots\n", FIXADDR_START, FIXADDR_TOP,
		       __end_of_fixed_addresses);
	seq_buf_printf(s, "kmap_atomic: %d slots per CPU at FIX_KMAP_BEGIN + %d * cpu + type\n",
		       KM_TYPE_NR, KM_TYPE_NR);
	for_each_possible_cpu(cpu)
		kmap_atomic_render(s, cpu);
}
