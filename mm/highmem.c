/*
 * mm/highmem.c: persistent kmaps, as in Linux 2.6.
 *
 * LAST_PKMAP pages of kernel address space at PKMAP_BASE are lent out to high pages.
 * pkmap_count[] tells each slot's state:
 *   0      free: no mapping, no stale TLB entry;
 *   1      unmapped by its last user, but its PTE is still set and may sit in a TLB;
 *   n > 1  mapped, with n - 1 users.
 * A new mapping takes the next slot after last_pkmap_nr whose count is 0. When the
 * search wraps around, flush_all_zero_pkmaps() turns every count-1 slot into a free
 * one with a single TLB flush: that is what makes unmapping cheap. When every slot
 * is in use, kmap() sleeps on pkmap_map_wait until kunmap() frees one.
 *
 * page_address() finds a kmapped high page's address through a small hash table.
 *
 * Locks: kmap_lock guards the slots, their counts and last_pkmap_nr. It is a plain
 * spinlock, taken with interrupts on, as in Linux: the TLB flush of a wrap may have to
 * ask the other CPUs (a cross call), which needs interrupts enabled. The hash has its
 * own irqsave lock, pa_lock (taken inside kmap_lock), so page_address() works anywhere.
 */
#include <asm/highmem.h>
#include <kspace/bug.h>
#include <kspace/highmem.h>
#include <kspace/kernel.h>
#include <kspace/preempt.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/seq_buf.h>
#include <kspace/spinlock.h>
#include <kspace/wait.h>

int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
unsigned long pkmap_flushes, pkmap_waits;
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);
static DEFINE_SPINLOCK(kmap_lock);
static DEFINE_SPINLOCK(pa_lock);

/* page_address() for high pages: hash of page -> slot, chained through pa_next. */
#define PA_HASH_BITS 7
static int pa_head[1 << PA_HASH_BITS];
static int pa_next[LAST_PKMAP];
static struct page *pkmap_page[LAST_PKMAP];

static unsigned int pa_hash(const struct page *page)
{
	unsigned int golden = 2654435761u;

	/* A multiplier in a register: one imul, not i486 tuning's dozen shifts and adds. */
	OPTIMIZER_HIDE_VAR(golden);
	return (page_to_pfn(page) * golden) >> (32 - PA_HASH_BITS);
}

void page_address_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(pa_head); i++)
		pa_head[i] = -1;
}

static int pkmap_slot_of(const struct page *page)
{
	for (int nr = pa_head[pa_hash(page)]; nr >= 0; nr = pa_next[nr])
		if (pkmap_page[nr] == page)
			return nr;
	return -1;
}

/* Both with kmap_lock held: readers under kmap_lock alone see no change meanwhile. */
static void set_page_slot(struct page *page, int nr)
{
	unsigned int h = pa_hash(page);
	unsigned long flags;

	spin_lock_irqsave(&pa_lock, flags);
	pkmap_page[nr] = page;
	pa_next[nr] = pa_head[h];
	pa_head[h] = nr;
	spin_unlock_irqrestore(&pa_lock, flags);
}

static void clear_page_slot(int nr)
{
	int *link = &pa_head[pa_hash(pkmap_page[nr])];
	unsigned long flags;

	spin_lock_irqsave(&pa_lock, flags);
	while (*link != nr)
		link = &pa_next[*link];
	*link = pa_next[nr];
	pkmap_page[nr] = NULL;
	spin_unlock_irqrestore(&pa_lock, flags);
}

void *page_address(const struct page *page)
{
	unsigned long flags;
	int nr;

	if (!PageHighMem(page))
		return lowmem_page_address(page);
	spin_lock_irqsave(&pa_lock, flags);
	nr = pkmap_slot_of(page);
	spin_unlock_irqrestore(&pa_lock, flags);
	return nr < 0 ? NULL : (void *)PKMAP_ADDR(nr);
}

/* Not inlined: gdb can break on it by name (docs/walkthrough-kmap.md). */
static __noinline void flush_all_zero_pkmaps(void)
{
	bool need_flush = false;

	for (int i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		pkmap_page_table[i] = 0;
		clear_page_slot(i);
		need_flush = true;
	}
	if (need_flush) {
		flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
		pkmap_flushes++;
	}
}

/* Sleep until kunmap() frees a slot; called with kmap_lock held, returns with it held. */
static void wait_for_free_slot(void)
{
	DEFINE_WAIT(wait);

	pkmap_waits++;
	prepare_to_wait(&pkmap_map_wait, &wait, TASK_UNINTERRUPTIBLE);
	spin_unlock(&kmap_lock);
	schedule();
	spin_lock(&kmap_lock);
	finish_wait(&pkmap_map_wait, &wait);
}

/* Find a free slot and map page there, kmap_lock held; returns the slot number. */
static int map_new_virtual(struct page *page)
{
	int count, nr;

start:
	count = LAST_PKMAP;
	for (;;) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr) {
			flush_all_zero_pkmaps();
			count = LAST_PKMAP;
		}
		if (!pkmap_count[last_pkmap_nr])
			break;
		if (--count)
			continue;
		wait_for_free_slot();
		/* Someone else may have mapped this page while we slept. */
		nr = pkmap_slot_of(page);
		if (nr >= 0)
			return nr;
		goto start;
	}
	nr = last_pkmap_nr;
	pkmap_page_table[nr] = PFN_PHYS(page_to_pfn(page)) | kmap_prot;
	pkmap_count[nr] = 1;
	set_page_slot(page, nr);
	return nr;
}

void *kmap(struct page *page)
{
	int nr;

	WARN_ON(in_atomic()); /* kmap may sleep */
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	spin_lock(&kmap_lock);
	nr = pkmap_slot_of(page);
	if (nr < 0)
		nr = map_new_virtual(page);
	pkmap_count[nr]++;
	BUG_ON(pkmap_count[nr] < 2);
	spin_unlock(&kmap_lock);
	return (void *)PKMAP_ADDR(nr);
}

void kunmap(struct page *page)
{
	bool need_wakeup = false;
	int nr;

	if (!PageHighMem(page))
		return;
	spin_lock(&kmap_lock);
	nr = pkmap_slot_of(page);
	BUG_ON(nr < 0); /* kunmap of a page that is not kmapped */
	/* Count 1: no users left. The slot is freed at the next flush, not now. */
	BUG_ON(pkmap_count[nr] < 2);
	if (--pkmap_count[nr] == 1)
		need_wakeup = waitqueue_active(&pkmap_map_wait);
	spin_unlock(&kmap_lock);
	if (need_wakeup)
		wake_up(&pkmap_map_wait);
}

void pkmap_render(struct seq_buf *s)
{
	int in_use = 0;

	spin_lock(&kmap_lock);
	for (int i = 0; i < LAST_PKMAP; i++)
		in_use += pkmap_count[i] != 0;
	seq_buf_printf(s, "pkmap: 0x%08lx-0x%08lx, LAST_PKMAP %d, last_pkmap_nr %u\n", PKMAP_BASE,
		       PKMAP_END, LAST_PKMAP, last_pkmap_nr);
	seq_buf_printf(s, "slots in use %d, flushes %lu, waits %lu\n", in_use, pkmap_flushes,
		       pkmap_waits);
	for (int i = 0; i < LAST_PKMAP; i++) {
		if (!pkmap_count[i])
			continue;
		if (pkmap_count[i] == 1)
			seq_buf_printf(s, "  slot %4d  0x%08lx  count 1 (no users; freed at the next flush)  pfn 0x%05lx\n",
				       i, PKMAP_ADDR(i), page_to_pfn(pkmap_page[i]));
		else
			seq_buf_printf(s, "  slot %4d  0x%08lx  count %d (%d user%s)  pfn 0x%05lx\n", i,
				       PKMAP_ADDR(i), pkmap_count[i], pkmap_count[i] - 1,
				       pkmap_count[i] == 2 ? "" : "s", page_to_pfn(pkmap_page[i]));
	}
	spin_unlock(&kmap_lock);
}
