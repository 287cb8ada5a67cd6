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
 */
#include <asm/irqflags.h>
#include <kspace/bug.h>
#include <kspace/kernel.h>
#include <kspace/mmzone.h>
#include <kspace/printk.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/string.h>

#define POISON_FREE 0x6b6b6b6bUL /* second word of every free object */

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

		c->objs_per_slab = PAGE_SIZE / c->size;
		INIT_LIST_HEAD(&c->partial);
		INIT_LIST_HEAD(&c->full);
	}
}

static struct kmem_cache *kmalloc_slab(size_t size)
{
	for (size_t i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		if (size <= kmalloc_caches[i].size)
			return &kmalloc_caches[i];
	return NULL;
}

static void **free_word(void *obj) { return obj; }
static unsigned long *poison_word(void *obj) { return (unsigned long *)obj + 1; }

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
	page->freelist = base;
	for (unsigned int i = 0; i < c->objs_per_slab; i++) {
		void *obj = base + i * c->size;
		*free_word(obj) = i + 1 < c->objs_per_slab ? base + (i + 1) * c->size : NULL;
		*poison_word(obj) = POISON_FREE;
	}
	list_add(&page->lru, &c->partial);
	c->nr_slabs++;
	return page;
}

static void *slab_alloc(struct kmem_cache *c, gfp_t gfp)
{
	struct page *page;
	void *obj;

	if (list_empty(&c->partial) && !new_slab(c, gfp))
		return NULL;
	page = list_first_entry(&c->partial, struct page, lru);
	obj = page->freelist;
	page->freelist = *free_word(obj);
	*poison_word(obj) = 0;
	if (++page->inuse == c->objs_per_slab) {
		list_del(&page->lru);
		list_add(&page->lru, &c->full);
	}
	c->nr_objects++;
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
	large_pages += 1UL << order;
	return lowmem_page_address(page);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	unsigned long flags;
	void *p;

	BUG_ON(gfp & __GFP_HIGHMEM); /* kmalloc memory must have a kernel address */
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, gfp);
	flags = local_irq_save();
	p = slab_alloc(kmalloc_slab(size), gfp & ~__GFP_ZERO);
	local_irq_restore(flags);
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

static __noreturn void bad_kfree(const void *p, const char *why)
{
	printk(KERN_EMERG "BUG: kfree(%p): %s\n", p, why);
	BUG();
}

static bool on_freelist(const struct page *page, const void *obj)
{
	for (void *f = page->freelist; f; f = *free_word(f))
		if (f == obj)
			return true;
	return false;
}

static void slab_free(struct page *page, void *obj)
{
	struct kmem_cache *c = page->slab_cache;
	unsigned long offset = (char *)obj - (char *)lowmem_page_address(page);

	if (offset % c->size)
		bad_kfree(obj, "not the start of an object kmalloc returned");
	if (*poison_word(obj) == POISON_FREE && on_freelist(page, obj))
		bad_kfree(obj, "double free");
	if (page->inuse-- == c->objs_per_slab) { /* it was full: it has room again */
		list_del(&page->lru);
		list_add(&page->lru, &c->partial);
	}
	*free_word(obj) = page->freelist;
	*poison_word(obj) = POISON_FREE;
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
		large_pages -= 1UL << page->private;
		__free_pages(page, page->private);
		return;
	}
	if (!PageSlab(page))
		bad_kfree(p, "not memory kmalloc returned");
	flags = local_irq_save();
	slab_free(page, (void *)p);
	local_irq_restore(flags);
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t n = strlen(s) + 1;
	char *p = kmalloc(n, gfp);

	return p ? memcpy(p, s, n) : NULL;
}

void kmem_cache_shrink_all(void)
{
	unsigned long flags = local_irq_save();

	for (size_t i = 0; i < ARRAY_SIZE(kmalloc_caches); i++) {
		struct kmem_cache *c = &kmalloc_caches[i];
		struct list_head *pos = c->partial.next;

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
	}
	local_irq_restore(flags);
}

unsigned long slab_pages(void)
{
	unsigned long n = large_pages;

	for (size_t i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		n += kmalloc_caches[i].nr_slabs;
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
		const struct kmem_cache *c = &kmalloc_caches[i];
		unsigned long flags = local_irq_save();
		unsigned long objects = c->nr_objects, slabs = c->nr_slabs, empty = 0;
		struct page *page;

		list_for_each_entry(page, &c->partial, lru)
			empty += page->inuse == 0;
		local_irq_restore(flags);
		seq_buf_printf(s, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
			       c->name, objects, slabs * c->objs_per_slab, c->size, c->objs_per_slab, 1,
			       0, 0, 0, slabs - empty, slabs, 0UL);
	}
}
