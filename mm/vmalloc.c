/*
 * mm/vmalloc.c: the vmalloc area (see vmalloc.h).
 *
 * vmlist holds every area in address order; a new area takes the first gap big
 * enough (first fit). Mappings go into swapper_pg_dir only: a process whose page
 * directory lacks the new kernel entry picks it up on its first fault there.
 * vmap_area_lock guards vmlist (Linux's name); vmalloc and vfree may sleep, so it is
 * never taken from interrupts and needs no irqsave.
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kspace/bug.h>
#include <kspace/kallsyms.h>
#include <kspace/kernel.h>
#include <kspace/memblock.h>
#include <kspace/printk.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/spinlock.h>
#include <kspace/string.h>
#include <kspace/vmalloc.h>

static LIST_HEAD(vmlist);
static DEFINE_SPINLOCK(vmap_area_lock);

unsigned long vmalloc_start(void)
{
	return VMALLOC_START_FOR(high_memory);
}

/* Reserve size bytes plus a guard page of address space; NULL if no gap is big enough. */
static struct vm_struct *get_vm_area(unsigned long size, unsigned long flags, const void *caller)
{
	unsigned long addr = vmalloc_start(), span;
	struct list_head *pos;
	struct vm_struct *area;

	if (!size || size > VMALLOC_END - vmalloc_start())
		return NULL;
	span = PAGE_ALIGN(size) + PAGE_SIZE;
	area = kzalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;
	spin_lock(&vmap_area_lock);
	list_for_each(pos, &vmlist) {
		struct vm_struct *v = list_entry(pos, struct vm_struct, list);
		if (v->addr - addr >= span)
			break;
		addr = v->addr + v->size;
	}
	if (VMALLOC_END - addr < span) {
		spin_unlock(&vmap_area_lock);
		kfree(area);
		return NULL;
	}
	*area = (struct vm_struct){ .addr = addr, .size = span, .flags = flags, .caller = caller };
	list_add_tail(&area->list, pos); /* before the area that follows the gap */
	spin_unlock(&vmap_area_lock);
	return area;
}

/* The area starting at addr: the caller owns it, so it stays after the lock is dropped. */
static struct vm_struct *find_vm_area(unsigned long addr)
{
	struct vm_struct *v, *found = NULL;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(v, &vmlist, list)
		if (v->addr == addr) {
			found = v;
			break;
		}
	spin_unlock(&vmap_area_lock);
	return found;
}

static void remove_vm_area(struct vm_struct *area)
{
	spin_lock(&vmap_area_lock);
	list_del(&area->list);
	spin_unlock(&vmap_area_lock);
	kfree(area);
}

/* Unmap an area's first n pages on every CPU: after this, its pages may be reused. */
static void unmap_area(struct vm_struct *area, unsigned int n)
{
	if (!n)
		return;
	for (unsigned int i = 0; i < n; i++)
		unmap_kernel_page(area->addr + i * PAGE_SIZE);
	flush_tlb_kernel_range(area->addr, area->addr + n * PAGE_SIZE);
}

/* Unmap and free an area's first n pages, then the area itself. */
static void release_pages(struct vm_struct *area, unsigned int mapped, unsigned int allocated)
{
	unmap_area(area, mapped);
	for (unsigned int i = 0; i < allocated; i++)
		__free_page(area->pages[i]);
	kfree(area->pages);
	remove_vm_area(area);
}

static void *__vmalloc(unsigned long size, const void *caller)
{
	struct vm_struct *area = get_vm_area(size, VM_ALLOC, caller);
	unsigned int n = PAGE_ALIGN(size) >> PAGE_SHIFT, i;

	if (!area)
		return NULL;
	area->pages = kmalloc(n * sizeof(struct page *), GFP_KERNEL);
	if (!area->pages) {
		remove_vm_area(area);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		area->pages[i] = alloc_page(GFP_HIGHUSER);
		if (!area->pages[i])
			break;
		if (map_kernel_page(area->addr + i * PAGE_SIZE, page_to_pfn(area->pages[i]), PAGE_KERNEL)) {
			__free_page(area->pages[i]);
			break;
		}
	}
	if (i < n) {
		release_pages(area, i, i);
		return NULL;
	}
	area->nr_pages = n;
	return (void *)area->addr;
}

void *vmalloc(unsigned long size)
{
	return __vmalloc(size, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	void *p = __vmalloc(size, __builtin_return_address(0));

	if (p)
		memset(p, 0, size);
	return p;
}

void vfree(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area((unsigned long)addr);
	if (!area || !(area->flags & VM_ALLOC)) {
		printk(KERN_EMERG "BUG: vfree(%p): not an address vmalloc returned\n", addr);
		BUG();
	}
	release_pages(area, area->nr_pages, area->nr_pages);
}

struct page *vmalloc_to_page(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	struct page *page = NULL;
	struct vm_struct *v;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(v, &vmlist, list)
		if (a >= v->addr && a < v->addr + v->size) {
			if ((v->flags & VM_ALLOC) && a < v->addr + v->nr_pages * PAGE_SIZE)
				page = v->pages[(a - v->addr) >> PAGE_SHIFT];
			break;
		}
	spin_unlock(&vmap_area_lock);
	return page;
}

/* Map device memory, uncached. RAM is refused: it already has a kernel mapping. */
void *ioremap(phys_addr_t phys, unsigned long size)
{
	unsigned long offset = phys & ~PAGE_MASK, pfn = phys >> PAGE_SHIFT;
	struct vm_struct *area;
	unsigned int n;

	if (!size || (u64)phys + size > (1ULL << 32))
		return NULL;
	n = PAGE_ALIGN(size + offset) >> PAGE_SHIFT;
	if (memblock_overlaps_memory(phys - offset, (u64)n << PAGE_SHIFT)) {
		pr_warn("ioremap: refusing to map RAM at 0x%08lx\n", (unsigned long)phys);
		return NULL;
	}
	area = get_vm_area((unsigned long)n << PAGE_SHIFT, VM_IOREMAP, __builtin_return_address(0));
	if (!area)
		return NULL;
	area->phys_addr = phys - offset;
	for (unsigned int i = 0; i < n; i++) {
		if (map_kernel_page(area->addr + i * PAGE_SIZE, pfn + i, PAGE_KERNEL_NOCACHE)) {
			unmap_area(area, i);
			remove_vm_area(area);
			return NULL;
		}
	}
	area->nr_pages = n;
	return (void *)(area->addr + offset);
}

void iounmap(void *addr)
{
	struct vm_struct *area = find_vm_area((unsigned long)addr & PAGE_MASK);

	if (!area || !(area->flags & VM_IOREMAP)) {
		printk(KERN_EMERG "BUG: iounmap(%p): not an address ioremap returned\n", addr);
		BUG();
	}
	unmap_area(area, area->nr_pages);
	remove_vm_area(area);
}

unsigned long vmalloc_used(void)
{
	struct vm_struct *v;
	unsigned long used = 0;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(v, &vmlist, list)
		used += v->size;
	spin_unlock(&vmap_area_lock);
	return used;
}

unsigned long vmalloc_largest_chunk(void)
{
	unsigned long addr = vmalloc_start(), largest = 0;
	struct vm_struct *v;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(v, &vmlist, list) {
		largest = max(largest, v->addr - addr);
		addr = v->addr + v->size;
	}
	spin_unlock(&vmap_area_lock);
	return max(largest, VMALLOC_END - addr);
}

/* Linux's format: range, size, caller, then what backs it. */
void vmallocinfo_render(struct seq_buf *s)
{
	char sym[KSYM_SYMBOL_LEN];
	struct vm_struct *v;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(v, &vmlist, list) {
		sprint_symbol(sym, sizeof(sym), (unsigned long)v->caller);
		seq_buf_printf(s, "0x%08lx-0x%08lx %7lu %s", v->addr, v->addr + v->size, v->size, sym);
		if (v->flags & VM_ALLOC)
			seq_buf_printf(s, " pages=%u vmalloc\n", v->nr_pages);
		else
			seq_buf_printf(s, " phys=0x%08lx ioremap\n", (unsigned long)v->phys_addr);
	}
	spin_unlock(&vmap_area_lock);
}
