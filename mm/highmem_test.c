/*
 * mm/highmem_test.c: kmap_atomic and pkmap. Run at 2 GiB and 3.5 GiB (HighMem
 * exists), and in a kernel built with LAST_PKMAP=8, where the wrap-around and the
 * flush happen every few mappings.
 */
#include <asm/highmem.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/mmzone.h>
#include <kspace/selftest.h>
#include <kspace/seq_buf.h>
#include <kspace/string.h>
#include <kspace/sched.h>
#include <kspace/wait.h>

static struct page *high_page(void)
{
	struct page *p = alloc_page(GFP_HIGHUSER);

	if (p && !PageHighMem(p)) { /* no HighMem zone on this machine */
		__free_page(p);
		return NULL;
	}
	return p;
}

SELFTEST(highmem_lowmem_page_is_direct)
{
	struct page *p = alloc_page(GFP_KERNEL);
	void *a = kmap(p), *b = kmap_atomic(p, KM_USER0);

	EXPECT(a == lowmem_page_address(p) && b == a && page_address(p) == a);
	kunmap_atomic(b, KM_USER0);
	kunmap(p);
	__free_page(p);
	return 0;
}

/* Every HighMem page: a pattern in through kmap_atomic, back out through kmap. */
SELFTEST(highmem_every_page_atomic_then_kmap)
{
	unsigned long n = 0, high_free = zone_table[ZONE_HIGHMEM].free_pages;
	LIST_HEAD(pages);
	struct page *p;

	if (!high_free)
		SKIP("no HighMem zone");
	while ((p = high_page())) {
		u32 *v = kmap_atomic(p, KM_USER0);
		v[0] = page_to_pfn(p);
		v[PAGE_SIZE / 4 - 1] = ~page_to_pfn(p);
		kunmap_atomic(v, KM_USER0);
		list_add(&p->lru, &pages);
		n++;
	}
	EXPECT(n == high_free); /* every free HighMem page, each written once */
	while (!list_empty(&pages)) {
		p = list_first_entry(&pages, struct page, lru);
		list_del(&p->lru);
		u32 *v = kmap(p);
		EXPECT(v[0] == page_to_pfn(p) && v[PAGE_SIZE / 4 - 1] == ~page_to_pfn(p));
		kunmap(p);
		__free_page(p);
	}
	return 0;
}

SELFTEST(highmem_nested_km_types)
{
	struct page *a = high_page(), *b = high_page();

	if (!a || !b)
		SKIP("no HighMem zone");
	u32 *va = kmap_atomic(a, KM_USER0), *vb = kmap_atomic(b, KM_USER1);
	EXPECT(va != vb);
	EXPECT((unsigned long)va >= FIXADDR_START && (unsigned long)vb >= FIXADDR_START);
	va[0] = 0x11111111;
	vb[0] = 0x22222222;
	EXPECT(va[0] == 0x11111111 && vb[0] == 0x22222222);
	kunmap_atomic(vb, KM_USER1);
	kunmap_atomic(va, KM_USER0);
	__free_page(a);
	__free_page(b);
	return 0;
}

SELFTEST(highmem_kmap_twice_shares_slot)
{
	struct page *p = high_page();

	if (!p)
		SKIP("no HighMem zone");
	void *a = kmap(p), *b = kmap(p);
	EXPECT(a == b && page_address(p) == a);
	EXPECT(pkmap_count[PKMAP_NR((unsigned long)a)] == 3); /* two users */
	kunmap(p);
	kunmap(p);
	EXPECT(pkmap_count[PKMAP_NR((unsigned long)a)] == 1); /* unused until the next flush */
	__free_page(p);
	return 0;
}

/*
 * Cycle LAST_PKMAP + 2 pages through kmap/kunmap twice. A slot whose last user left
 * (count 1) still maps its old page until the flush at the wrap: kmap of that same
 * page may take it back, but no other page may get it before the flush.
 */
#define NR_CYCLED (LAST_PKMAP + 2)
SELFTEST(highmem_count1_slot_waits_for_flush)
{
	static struct page *pages[NR_CYCLED], *stale_owner[LAST_PKMAP];
	unsigned long flushes = pkmap_flushes;
	int n;

	for (n = 0; n < NR_CYCLED && (pages[n] = high_page()); n++)
		;
	if (n < NR_CYCLED) {
		while (n--)
			__free_page(pages[n]);
		SKIP("not enough HighMem to cycle the window");
	}
	for (int i = 0; i < 2 * NR_CYCLED; i++) {
		struct page *page = pages[i % NR_CYCLED];
		unsigned long before = pkmap_flushes;
		int nr = PKMAP_NR((unsigned long)kmap(page));

		if (pkmap_flushes != before)
			memset(stale_owner, 0, sizeof(stale_owner));
		EXPECT(!stale_owner[nr] || stale_owner[nr] == page);
		kunmap(page);
		stale_owner[nr] = page;
	}
	EXPECT(pkmap_flushes >= flushes + 1);
	while (n--)
		__free_page(pages[n]);
	return 0;
}

/* The window while full, a waiter asleep on pkmap_map_wait: what /proc/pkmap shows. */
static void show_pkmap_state(void)
{
	static char buf[1024];
	struct seq_buf s;

	seq_buf_init(&s, buf, sizeof(buf));
	pkmap_render(&s);
	fixmap_render(&s);
	seq_buf_printk(&s, KERN_INFO);
}

static DECLARE_WAIT_QUEUE_HEAD(kmap_done_wq);
static volatile int kmap_stage;

static int kmap_waiter(void *page)
{
	kmap_stage = 1;
	void *v = kmap(page); /* every slot is taken: this sleeps */
	kmap_stage = v ? 2 : -1;
	kunmap(page);
	wake_up(&kmap_done_wq);
	return 0;
}

/* Two tasks: all LAST_PKMAP slots held, the next kmap sleeps until one is released. */
SELFTEST(highmem_kmap_sleeps_when_full)
{
	static struct page *held[LAST_PKMAP];
	struct page *extra;
	unsigned long waits = pkmap_waits;
	int i;

	for (i = 0; i < LAST_PKMAP && (held[i] = high_page()); i++)
		kmap(held[i]);
	extra = high_page();
	if (i < LAST_PKMAP || !extra) { /* not enough HighMem to fill the window */
		while (i--)
			kunmap(held[i]), __free_page(held[i]);
		if (extra)
			__free_page(extra);
		SKIP("not enough HighMem to fill the window");
	}
	kmap_stage = 0;
	EXPECT(kernel_thread(kmap_waiter, extra, "kmap-waiter") > 1);
	for (int spins = 0; spins < 5; spins++)
		schedule(); /* the waiter runs, finds no slot, and sleeps */
	EXPECT(kmap_stage == 1 && pkmap_waits == waits + 1);
	show_pkmap_state();
	kunmap(held[0]); /* one slot free (after the flush): wakes the waiter */
	wait_event(kmap_done_wq, kmap_stage == 2);
	for (i = 0; i < LAST_PKMAP; i++) {
		if (i)
			kunmap(held[i]);
		__free_page(held[i]);
	}
	__free_page(extra);
	return 0;
}

CRASHTEST(kmap_atomic_slot_in_use)
{
	struct page *a = alloc_page(GFP_HIGHUSER), *b = alloc_page(GFP_HIGHUSER);

	kmap_atomic(a, KM_USER0);
	kmap_atomic(b, KM_USER0); /* the same type twice without kunmap_atomic */
}

SELFTEST(fixmap_addresses_and_set_clear)
{
	struct page *p = alloc_page(GFP_KERNEL);
	enum fixed_addresses slot = FIX_KMAP_BEGIN + KM_SOFTIRQ1; /* unused while tests run */
	u32 *direct = lowmem_page_address(p), *fixed = (u32 *)fix_to_virt(slot);

	for (int i = FIX_HOLE + 1; i < __end_of_fixed_addresses; i++) /* the hole is no slot */
		EXPECT(virt_to_fix(__fix_to_virt(i)) == (unsigned int)i);
	EXPECT(fix_to_virt(FIX_HOLE) == FIXADDR_TOP && __fix_to_virt(FIX_KMAP_END) == FIXADDR_START + PAGE_SIZE);
	*direct = 0x600df00d;
	set_fixmap(slot, PFN_PHYS(page_to_pfn(p)));
	EXPECT(*fixed == 0x600df00d); /* the same physical page, seen through the slot */
	*fixed = 0xfeedface;
	EXPECT(*direct == 0xfeedface);
	clear_fixmap(slot);
	EXPECT(!(*fixmap_pte(slot) & _PAGE_PRESENT));
	__free_page(p);
	return 0;
}
