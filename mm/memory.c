/*
 * mm/memory.c: user pages and the page tables that map them.
 *
 * A region's pages are created on first touch (handle_mm_fault): zero-filled for
 * anonymous memory, from vm_ops->nopage otherwise. A private mapping of a file maps
 * the file's own page read-only (every process running one program shares its
 * text, as with Linux's page cache) and copies it on the first write. fork
 * shares every page with the child read-only and counts the extra reference; the
 * first write by either side faults, and do_wp_page gives the writer its own copy
 * (or, if it is already the only user, simply makes the page writable again).
 *
 * User pages come from ZONE_HIGHMEM when there is one (GFP_HIGHUSER), so the kernel
 * reaches them through kmap_atomic: the page has no permanent kernel address.
 *
 * A changed or removed entry may still sit in the TLB of every CPU in mm_cpumask:
 * each change ends with a flush_tlb_* (asm/tlbflush.h), and a page taken out of the
 * page tables is freed only after that flush, never before.
 */
#include <asm/tlbflush.h>
#include <kspace/errno.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/mman.h>
#include <kspace/seq_buf.h>
#include <kspace/string.h>

#define _PAGE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)

/*
 * A page table for the entry pgd of address. Two threads may both find it missing:
 * the page is allocated unlocked (it may sleep), and page_table_lock decides whose
 * is installed. False if there is no memory for it.
 */
static __noinline bool pte_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long address)
{
	unsigned long table = get_zeroed_page(GFP_KERNEL);

	if (!table)
		return false;
	spin_lock(&mm->page_table_lock);
	if (!(*pgd & _PAGE_PRESENT)) {
		*pgd = __pa(table) | _PAGE_TABLE;
		mm->pgtables[pgd_index(address) / 32] |= 1UL << (pgd_index(address) % 32);
		table = 0;
	}
	spin_unlock(&mm->page_table_lock);
	if (table)
		free_page(table);
	return true;
}

/* pte_offset, inline for the page fault. */
static __always_inline pte_t *walk_pte(struct mm_struct *mm, unsigned long address, bool alloc)
{
	pgd_t *pgd = &mm->pgd[pgd_index(address)];

	if (!(READ_ONCE(*pgd) & _PAGE_PRESENT) && (!alloc || !pte_alloc(mm, pgd, address)))
		return NULL;
	return (pte_t *)__va(*pgd & PAGE_MASK) + pte_index(address);
}

/* The entry for address; with alloc, its page table is made if missing. */
pte_t *pte_offset(struct mm_struct *mm, unsigned long address, bool alloc)
{
	return walk_pte(mm, address, alloc);
}

/*
 * The PTE of addr, given prev, the one of addr - PAGE_SIZE (or NULL): inside the same
 * page table it is the next entry, without a walk from the page directory. Fork and
 * munmap go through a region page by page, as Linux's copy_pte_range and zap_pte_range.
 */
static pte_t *next_pte(struct mm_struct *mm, pte_t *prev, unsigned long addr, bool alloc)
{
	if (prev && (addr & ~PGDIR_MASK))
		return prev + 1;
	return pte_offset(mm, addr, alloc);
}

static struct page *pte_page(pte_t pte)
{
	return pfn_to_page(pte >> PAGE_SHIFT);
}

static void clear_user_highpage(struct page *page)
{
	void *v = kmap_atomic(page, KM_USER0);

	memset(v, 0, PAGE_SIZE);
	kunmap_atomic(v, KM_USER0);
}

/* Two pages mapped at once: each user of kmap_atomic has its own slot. */
static void copy_user_highpage(struct page *to, struct page *from)
{
	void *vfrom = kmap_atomic(from, KM_USER0), *vto = kmap_atomic(to, KM_USER1);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_atomic(vto, KM_USER1);
	kunmap_atomic(vfrom, KM_USER0);
}

static void set_pte(struct vm_area_struct *vma, pte_t *pte, struct page *page, bool writable)
{
	unsigned long prot = vma->vm_page_prot & ~(writable ? 0 : _PAGE_RW);

	*pte = PFN_PHYS(page_to_pfn(page)) | prot;
	vma->vm_mm->rss++;
}

/*
 * A fault's page, made unlocked, goes in only if the entry is still empty: another
 * thread of the mm may have faulted on it meanwhile. The loser's page is dropped.
 */
static int set_pte_if_none(struct vm_area_struct *vma, pte_t *pte, struct page *page,
			   bool writable)
{
	struct mm_struct *mm = vma->vm_mm;
	bool lost;

	spin_lock(&mm->page_table_lock);
	lost = !pte_none(*pte);
	if (!lost)
		set_pte(vma, pte, page, writable);
	spin_unlock(&mm->page_table_lock);
	if (lost)
		__free_page(page);
	return VM_FAULT_OK;
}

static int do_anonymous_page(struct vm_area_struct *vma, pte_t *pte)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	if (!page)
		return VM_FAULT_OOM;
	clear_user_highpage(page);
	return set_pte_if_none(vma, pte, page, true);
}

/*
 * nopage gives the page with a reference for the mapping. Someone else's too (a
 * file's own page, page_count > 1) in a private mapping: mapped read-only, so that
 * a write copies it; a write fault copies it at once (Linux's do_cow_fault).
 */
static int do_nopage(struct vm_area_struct *vma, unsigned long address, pte_t *pte, bool write)
{
	unsigned long off = (vma->vm_pgoff << PAGE_SHIFT) + (address - vma->vm_start);
	struct page *page, *copy;
	bool shared;

	/* Linux's rule: a page that holds no byte of the file (or shared memory) is SIGBUS. */
	if (off >= PAGE_ALIGN(vma->vm_file_end))
		return VM_FAULT_SIGBUS;
	page = vma->vm_ops->nopage(vma, address);
	if (!page)
		return VM_FAULT_OOM;
	shared = page_count(page) > 1 && !(vma->vm_flags & VM_SHARED);
	if (shared && write) {
		copy = alloc_page(GFP_HIGHUSER);
		if (copy)
			copy_user_highpage(copy, page);
		__free_page(page);
		if (!copy)
			return VM_FAULT_OOM;
		page = copy;
		shared = false;
	}
	return set_pte_if_none(vma, pte, page, !shared);
}

/*
 * do_wp_page for an mm no other task uses (mm_users 1; get_task_mm's readers would
 * count too): nothing else changes its entries, so neither page_table_lock nor a
 * reference to hold the old page while it is copied is needed.
 */
static int do_wp_page_alone(struct vm_area_struct *vma, unsigned long address, pte_t *pte)
{
	struct page *old = pte_page(*pte), *new;

	if (page_count(old) == 1 || (vma->vm_flags & VM_SHARED)) {
		*pte |= _PAGE_RW; /* no flush: see do_wp_page */
		return VM_FAULT_OK;
	}
	new = alloc_page(GFP_HIGHUSER);
	if (!new)
		return VM_FAULT_OOM;
	copy_user_highpage(new, old);
	*pte = PFN_PHYS(page_to_pfn(new)) | vma->vm_page_prot;
	flush_tlb_page(vma, address);
	__free_page(old); /* the mapping's reference; the other sharer keeps its own */
	return VM_FAULT_OK;
}

/*
 * A write to a present, read-only page of a writable region: copy-on-write. Shared
 * memory is never copied: the writer's entry just becomes writable. The copy is made
 * unlocked, and goes in only if the entry still holds the page copied: another
 * thread of this mm may have broken the sharing first.
 */
static int do_wp_page(struct vm_area_struct *vma, unsigned long address, pte_t *pte)
{
	spinlock_t *ptl = &vma->vm_mm->page_table_lock;
	struct page *old, *new;
	bool installed;
	pte_t orig;

	if (atomic_read(&vma->vm_mm->mm_users) == 1)
		return do_wp_page_alone(vma, address, pte);
	spin_lock(ptl);
	orig = *pte;
	old = pte_page(orig);
	if ((orig & _PAGE_RW) || page_count(old) == 1 || (vma->vm_flags & VM_SHARED)) {
		/*
		 * Another thread broke the sharing first, or there is no one to copy for. No
		 * flush, as on Linux: the fault already dropped this CPU's entry, and a CPU
		 * still caching the read-only one takes a spurious fault that finds the
		 * entry writable (Intel SDM 4.10.4.3).
		 */
		*pte |= _PAGE_RW;
		spin_unlock(ptl);
		return VM_FAULT_OK;
	}
	get_page(old); /* read unlocked below: the mapping's reference may go meanwhile */
	spin_unlock(ptl);
	new = alloc_page(GFP_HIGHUSER);
	if (new)
		copy_user_highpage(new, old);
	spin_lock(ptl);
	installed = new && *pte == orig;
	if (installed) {
		*pte = PFN_PHYS(page_to_pfn(new)) | vma->vm_page_prot;
		flush_tlb_page(vma, address); /* no CPU may go on reading the old page here */
		__free_page(old); /* the mapping's reference; the other sharer keeps its own */
	}
	spin_unlock(ptl);
	if (new && !installed)
		__free_page(new);
	__free_page(old); /* ours */
	return new ? VM_FAULT_OK : VM_FAULT_OOM;
}

int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, bool write)
{
	pte_t *pte = walk_pte(vma->vm_mm, address, true);

	if (!pte)
		return VM_FAULT_OOM;
	if (write && !(vma->vm_flags & VM_WRITE))
		return VM_FAULT_SIGSEGV;
	if (pte_none(*pte))
		return vma->vm_ops ? do_nopage(vma, address & PAGE_MASK, pte, write)
				   : do_anonymous_page(vma, pte);
	if (write && !(*pte & _PAGE_RW))
		return do_wp_page(vma, address & PAGE_MASK, pte);
	return VM_FAULT_OK; /* another path got there first (or a stale TLB entry) */
}

/* Map page at address in a region of a (possibly not current) mm: exec's stack. */
int install_page(struct vm_area_struct *vma, unsigned long address, struct page *page)
{
	pte_t *pte = pte_offset(vma->vm_mm, address, true);

	if (!pte)
		return -ENOMEM;
	set_pte(vma, pte, page, true);
	return 0;
}

/*
 * fork: the child maps the parent's pages. Private writable ones become read-only in
 * both (copy-on-write); shared ones stay as they are, the same page for both.
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	pte_t *spte = NULL, *dpte = NULL;
	unsigned long dpte_addr = 0; /* the address dpte belongs to */

	for (unsigned long addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		spte = next_pte(src, spte, addr, false);
		if (!spte || !pte_present(*spte))
			continue;
		/* The child's tables are made only where the parent has pages. */
		dpte = next_pte(dst, dpte && dpte_addr + PAGE_SIZE == addr ? dpte : NULL, addr, true);
		dpte_addr = addr;
		if (!dpte)
			return -ENOMEM;
		if (!(vma->vm_flags & VM_SHARED))
			*spte &= ~_PAGE_RW;
		*dpte = *spte;
		get_page(pte_page(*spte)); /* atomic: a sharer may be freeing its copy on another CPU */
		dst->rss++;
	}
	return 0;
}

/*
 * Pages unmapped but not yet freed (Linux's mmu_gather): until the flush, another
 * CPU may still reach them through its TLB. One flush covers a batch.
 */
#define MMU_GATHER_PAGES 32

struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end; /* the entries cleared since the last flush */
	unsigned int nr;
	struct page *pages[MMU_GATHER_PAGES];
};

static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	if (!tlb->nr)
		return;
	flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end);
	while (tlb->nr)
		__free_page(tlb->pages[--tlb->nr]);
}

static void tlb_remove_page(struct mmu_gather *tlb, unsigned long addr, struct page *page)
{
	if (!tlb->nr)
		tlb->start = addr;
	tlb->end = addr + PAGE_SIZE;
	tlb->pages[tlb->nr++] = page;
	if (tlb->nr == MMU_GATHER_PAGES)
		tlb_flush_mmu(tlb);
}

/* The present pages of [start, end) into tlb. Inline in both callers: their loop. */
static __always_inline void zap_pte_range(struct mmu_gather *tlb, unsigned long start, unsigned long end)
{
	pte_t *pte = NULL;

	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte = next_pte(tlb->mm, pte, addr, false);
		if (!pte || !pte_present(*pte))
			continue;
		tlb_remove_page(tlb, addr, pte_page(*pte));
		*pte = 0;
		tlb->mm->rss--;
	}
}

/* Field by field: zeroing pages[] would cost more than a small munmap. */
static void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb->mm = mm;
	tlb->nr = 0;
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, vma->vm_mm);
	zap_pte_range(&tlb, start, end);
	tlb_flush_mmu(&tlb);
}

/* exit: every region's pages, gathered across regions (Linux's unmap_vmas). */
void unmap_vmas(struct mm_struct *mm)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm);
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		zap_pte_range(&tlb, vma->vm_start, vma->vm_end);
	tlb_flush_mmu(&tlb);
}

/*
 * mprotect: give the pages of [start, end) the region's new vm_page_prot. A private
 * page is left read-only even if the region is now writable: it may be shared with
 * a fork, so the first write goes through do_wp_page, which copies only if it is.
 */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long prot = vma->vm_page_prot;
	bool changed = false;

	if (!(vma->vm_flags & VM_SHARED))
		prot &= ~_PAGE_RW;
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = pte_offset(vma->vm_mm, addr, false);

		if (!pte || !pte_present(*pte))
			continue;
		*pte = (*pte & PAGE_MASK) | prot;
		changed = true;
	}
	if (changed)
		flush_tlb_range(vma, start, end);
}

/*
 * mremap: move the pages of [old_addr, old_addr + len) to new_addr, entries as they
 * are. The page tables are allocated first, so a failure moves nothing.
 */
int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len)
{
	unsigned long off;
	bool moved = false;

	for (off = 0; off < len; off += PAGE_SIZE)
		if (!pte_offset(mm, new_addr + off, true))
			return -ENOMEM;
	for (off = 0; off < len; off += PAGE_SIZE) {
		pte_t *old = pte_offset(mm, old_addr + off, false);

		if (!old || !pte_present(*old))
			continue;
		*pte_offset(mm, new_addr + off, false) = *old;
		*old = 0;
		moved = true;
	}
	if (moved) /* the pages stay: a CPU may use the old addresses until here */
		flush_tlb_mm_range(mm, old_addr, old_addr + len);
	return 0;
}

/* Free every user page table, found through mm->pgtables rather than all 768 entries. */
void free_pgtables(struct mm_struct *mm)
{
	for (unsigned int w = 0; w < ARRAY_SIZE(mm->pgtables); w++)
		while (mm->pgtables[w]) {
			unsigned int i = w * 32 + __builtin_ctzl(mm->pgtables[w]);

			free_page((unsigned long)__va(mm->pgd[i] & PAGE_MASK));
			mm->pgd[i] = 0;
			mm->pgtables[w] &= mm->pgtables[w] - 1;
		}
}

static void show_pte_flags(struct seq_buf *s, pte_t pte)
{
	seq_buf_printf(s, " %s%s%s%s", pte & _PAGE_RW ? "RW" : "RO", pte & _PAGE_USER ? " US" : "",
		       pte & _PAGE_ACCESSED ? " A" : "", pte & _PAGE_DIRTY ? " D" : "");
}

/*
 * /proc/<pid>/pagetable: every present user page of an address space, with the two
 * entries the MMU reads for it: what `v2p` shows a student. A page shared
 * copy-on-write after fork appears read-only (RO) in both processes.
 */
void show_pagetable(struct seq_buf *s, struct mm_struct *mm)
{
	seq_buf_printf(s, "virtual     physical    PDE[index]=value       PTE[index]=value   flags\n");
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		for (unsigned long addr = v->vm_start; addr < v->vm_end; addr += PAGE_SIZE) {
			pte_t *pte = pte_offset(mm, addr, false);

			if (!pte || !(*pte & _PAGE_PRESENT))
				continue;
			seq_buf_printf(s, "0x%08lx  0x%08lx  PDE[%3lu]=0x%08x  PTE[%4lu]=0x%08x ", addr,
				       (unsigned long)(*pte & PAGE_MASK), pgd_index(addr),
				       mm->pgd[pgd_index(addr)], pte_index(addr), *pte);
			show_pte_flags(s, *pte);
			seq_buf_printf(s, "\n");
		}
}
