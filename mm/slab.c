/*
 * mm/slab.c: kmalloc over power-of-two size classes, 8 to 4096 bytes.
 *
 * A slab is one lowmem page cut into equal objects. Its struct page says which
 * cache it belongs to (slab_cache), how many objects are out (inuse) and where
 * the first free one is (freelist); each free object holds the address of the
 * next one, then a poison word. Slabs with room sit on the cache's partial list,
 * the rest on the full list. A slab that empties is freed unless it is the only
 * partial slab, so a steady alloc/free pattern does not bounce pages.
 *
 * kfree() finds the slab from the pointer's struct page and refuses, as a BUG,
 * anything kmalloc did not hand out: a non-lowmem address, a page that is not a
 * slab, an address inside an object, or an object that is already free.
 *
 * With slub_debug each slot also holds red zones and an owner record around the
 * object (mm/slab_debug.c): the free-list link then lives in that record, so the
 * whole object can be poisoned. kmalloc-4096 has no room for them and goes without.
 */
#include <asm/irqflags.h>
#include <kspace/bug.h>
#include <kspace/fault-inject.h>
#include <kspace/kernel.h>
#include <kspace/lockdep.h>
#include <kspace/mmzone.h>
#include <kspace/printk.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/slab_debug.h>
#include <kspace/string.h>

#define POISON_FREE_WORD 0x6b6b6b6bUL /* second word of every free object */

static unsigned long large_pages; /* held by kmalloc_large, counted in Slab: as Linux 6.1 does */

static struct kmem_cache kmalloc_caches[] = {
	{ .name = "kmalloc-8", .size = 8 },       { .name = "kmalloc-16", .size = 16 },     { .name = "kmalloc-32", .size = 32 },
	{ .name = "kmalloc-64", .size = 64 },     { .name = "kmalloc-128", .size = 128 },   { .name = "kmalloc-256", .size = 256 },
	{ .name = "kmalloc-512", .size = 512 },   { .name = "kmalloc-1024", .size = 1024 }, { .name = "kmalloc-2048", .size = 2048 },
	{ .name = "kmalloc-4096", .size = 4096 },
};

void kmem_cache_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(kmalloc_caches); i++) {
		struct kmem_cache *c = &kmalloc_caches[i];

		c->debug = slub_debug && c->size + SLAB_DEBUG_EXTRA <= PAGE_SIZE;
		c->stride = c->size + (c->debug ? SLAB_DEBUG_EXTRA : 0);
		c->objs_per_slab = PAGE_SIZE / c->stride;
		INIT_LIST_HEAD(&c->partial);
		INIT_LIST_HEAD(&c->full);
		spin_lock_init(&c->list_lock);
	}
	if (slub_debug)
		pr_info("slub_debug: red zones, poisoning and owner tracking in kmalloc-8 .. kmalloc-%u\n",
			KMALLOC_MAX_CACHE_SIZE / 2);
}

/*
 * The cache for 1 <= size <= KMALLOC_MAX_CACHE_SIZE. Cache i holds 8 << i bytes, so
 * i comes from the highest bit of size - 1 (one bsr), as Linux's kmalloc_index.
 */
static struct kmem_cache *kmalloc_slab(size_t size)
{
	BUILD_BUG_ON(8u << (ARRAY_SIZE(kmalloc_caches) - 1) != KMALLOC_MAX_CACHE_SIZE);
	if (size <= 8)
		return &kmalloc_caches[0];
	return &kmalloc_caches[(31 - __builtin_clz(size - 1)) - 2];
}

static void **free_word(const struct kmem_cache *c, void *obj)
{
	return c->debug ? &slab_track(c, obj)->free_next : obj;
}

static unsigned long *poison_word(void *obj) { return (unsigned long *)obj + 1; }

/* Slot i's object: with debug, past its left red zone. */
static void *slab_object(const struct kmem_cache *c, char *base, unsigned int i)
{
	return base + i * c->stride + (c->debug ? SLAB_RED_ZONE : 0);
}

/* A page cut into free objects; not yet on the cache's lists. */
static struct page *new_slab(struct kmem_cache *c, gfp_t gfp)
{
	struct page *page = alloc_page(gfp);
	char *base;

	if (!page)
		return NULL;
	base = lowmem_page_address(page);
	SetPageSlab(page);
	page->slab_cache = c;
	page->inuse = 0;
	page->freelist = slab_object(c, base, 0);
	for (unsigned int i = 0; i < c->objs_per_slab; i++) {
		void *obj = slab_object(c, base, i);

		if (c->debug)
			slab_debug_init_object(c, obj);
		else
			*poison_word(obj) = POISON_FREE_WORD;
		*free_word(c, obj) = i + 1 < c->objs_per_slab ? slab_object(c, base, i + 1) : NULL;
	}
	return page;
}

/*
 * The lock is irqsave (interrupt handlers allocate and free too, GFP_ATOMIC), and is
 * dropped to get a new slab: the page allocator may sleep when the caller allows it.
 */
static void *slab_alloc(struct kmem_cache *c, gfp_t gfp, size_t size, unsigned long caller)
{
	struct page *page;
	unsigned long flags;
	void *obj;

	spin_lock_irqsave(&c->list_lock, flags);
	if (list_empty(&c->partial)) {
		spin_unlock_irqrestore(&c->list_lock, flags);
		page = new_slab(c, gfp);
		if (!page)
			return NULL;
		spin_lock_irqsave(&c->list_lock, flags);
		list_add(&page->lru, &c->partial);
		c->nr_slabs++;
	}
	page = list_first_entry(&c->partial, struct page, lru);
	obj = page->freelist;
	page->freelist = *free_word(c, obj);
	if (c->debug)
		slab_debug_alloc(c, obj, size, caller);
	else
		*poison_word(obj) = 0;
	if (++page->inuse == c->objs_per_slab) {
		list_del(&page->lru);
		list_add(&page->lru, &c->full);
	}
	c->nr_objects++;
	spin_unlock_irqrestore(&c->list_lock, flags);
	return obj;
}

static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = 0;
	struct page *page;

	while ((PAGE_SIZE << order) < size)
		if (++order >= MAX_ORDER)
			return NULL;
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	SetPageLarge(page);
	__atomic_add_fetch(&large_pages, 1UL << order, __ATOMIC_RELAXED);
	return lowmem_page_address(page);
}

/* caller: who asked, for slub_debug's reports (kzalloc and kstrdup pass theirs). */
static void *__kmalloc(size_t size, gfp_t gfp, unsigned long caller)
{
	void *p;

	BUG_ON(gfp & __GFP_HIGHMEM); /* kmalloc memory must have a kernel address */
	might_sleep_if(gfp & __GFP_RECLAIM);
	if (!size)
		return ZERO_SIZE_PTR;
	if (unlikely(failslab.enabled) && should_fail(&failslab, size))
		return NULL;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, gfp);
	p = slab_alloc(kmalloc_slab(size), gfp & ~__GFP_ZERO, size, caller);
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	return __kmalloc(size, gfp, _RET_IP_);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return __kmalloc(size, gfp | __GFP_ZERO, _RET_IP_);
}

static __noreturn void bad_kfree(const void *p, const char *why)
{
	printk(KERN_EMERG "BUG: kfree(%p): %s\n", p, why);
	BUG();
}

static bool on_freelist(const struct page *page, const void *obj)
{
	for (void *f = page->freelist; f; f = *free_word(page->slab_cache, f))
		if (f == obj)
			return true;
	return false;
}

static void slab_free(struct page *page, void *obj, unsigned long caller)
{
	struct kmem_cache *c = page->slab_cache;
	unsigned long offset = (char *)obj - (char *)lowmem_page_address(page);

	offset -= c->debug ? SLAB_RED_ZONE : 0; /* wraps for an address in the first red zone */
	if (offset % c->stride || offset / c->stride >= c->objs_per_slab)
		bad_kfree(obj, "not the start of an object kmalloc returned");
	if (c->debug ? slab_debug_is_free(c, obj) && on_freelist(page, obj)
		     : *poison_word(obj) == POISON_FREE_WORD && on_freelist(page, obj))
		bad_kfree(obj, "double free");
	if (c->debug)
		slab_debug_free(c, obj, caller);
	if (page->inuse-- == c->objs_per_slab) { /* it was full: it has room again */
		list_del(&page->lru);
		list_add(&page->lru, &c->partial);
	}
	*free_word(c, obj) = page->freelist;
	if (!c->debug)
		*poison_word(obj) = POISON_FREE_WORD;
	page->freelist = obj;
	c->nr_objects--;
	/* Keep an empty slab only if it is the last one with room. */
	if (page->inuse == 0 && (c->partial.next != &page->lru || c->partial.prev != &page->lru)) {
		list_del(&page->lru);
		ClearPageSlab(page);
		c->nr_slabs--;
		__free_page(page);
	}
}

void kfree(const void *p)
{
	struct page *page;
	unsigned long flags;

	if (!p || p == ZERO_SIZE_PTR)
		return;
	if (!virt_addr_valid(p))
		bad_kfree(p, "not a kmalloc address (outside lowmem)");
	page = virt_to_page(p);
	if (!page_struct_initialised(page))
		bad_kfree(p, "in memory the page allocator never handed out");
	if (PageLarge(page)) {
		if (p != lowmem_page_address(page))
			bad_kfree(p, "inside a large allocation");
		ClearPageLarge(page);
		__atomic_sub_fetch(&large_pages, 1UL << page->private, __ATOMIC_RELAXED);
		__free_pages(page, page->private);
		return;
	}
	if (!PageSlab(page))
		bad_kfree(p, "not memory kmalloc returned");
	spin_lock_irqsave(&page->slab_cache->list_lock, flags);
	slab_free(page, (void *)p, _RET_IP_);
	spin_unlock_irqrestore(&page->slab_cache->list_lock, flags);
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t n = strlen(s) + 1;
	char *p = __kmalloc(n, gfp, _RET_IP_);

	return p ? memcpy(p, s, n) : NULL;
}

void kmem_cache_shrink_all(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(kmalloc_caches); i++) {
		struct kmem_cache *c = &kmalloc_caches[i];
		unsigned long flags;
		struct list_head *pos;

		spin_lock_irqsave(&c->list_lock, flags);
		pos = c->partial.next;

		while (pos != &c->partial) {
			struct page *page = list_entry(pos, struct page, lru);

			pos = pos->next;
			if (page->inuse)
				continue;
			list_del(&page->lru);
			ClearPageSlab(page);
			c->nr_slabs--;
			__free_page(page);
		}
		spin_unlock_irqrestore(&c->list_lock, flags);
	}
}

unsigned long slab_pages(void)
{
	unsigned long n = large_pages;

	for (size_t i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		n += kmalloc_caches[i].nr_slabs;
	return n;
}

static unsigned long show_orphans_in(struct kmem_cache *c, struct list_head *slabs)
{
	unsigned long n = 0;
	struct page *page;

	list_for_each_entry(page, slabs, lru)
		for (unsigned int i = 0; i < c->objs_per_slab; i++) {
			void *obj = slab_object(c, lowmem_page_address(page), i);

			if (!slab_debug_is_free(c, obj) && slab_debug_owner_gone(c, obj)) {
				slab_debug_show_object(c, obj);
				n++;
			}
		}
	return n;
}

unsigned long kmem_show_orphans(void)
{
	unsigned long n = 0, flags;

	for (size_t i = 0; i < ARRAY_SIZE(kmalloc_caches); i++) {
		struct kmem_cache *c = &kmalloc_caches[i];

		if (!c->debug)
			continue;
		spin_lock_irqsave(&c->list_lock, flags);
		n += show_orphans_in(c, &c->partial) + show_orphans_in(c, &c->full);
		spin_unlock_irqrestore(&c->list_lock, flags);
	}
	return n;
}

/*
 * /proc/slabinfo in Linux's version 2.1 format. The tunables are SLAB's and read 0 as
 * under SLUB; every slab is one page, and active_slabs counts those holding an object.
 */
void slabinfo_render(struct seq_buf *s)
{
	seq_buf_printf(s, "slabinfo - version: 2.1\n");
	seq_buf_printf(s, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
			  "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
			  "slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for (size_t i = ARRAY_SIZE(kmalloc_caches); i-- > 0;) {
		struct kmem_cache *c = &kmalloc_caches[i];
		unsigned long flags, objects, slabs, empty = 0;
		struct page *page;

		spin_lock_irqsave(&c->list_lock, flags);
		objects = c->nr_objects;
		slabs = c->nr_slabs;
		list_for_each_entry(page, &c->partial, lru)
			empty += page->inuse == 0;
		spin_unlock_irqrestore(&c->list_lock, flags);
		seq_buf_printf(s, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
			       c->name, objects, slabs * c->objs_per_slab, c->size, c->objs_per_slab, 1,
			       0, 0, 0, slabs - empty, slabs, 0UL);
	}
}
