/*
 * mm/page_alloc_test.c: self-tests and crash tests for the buddy allocator. The
 * exhaustion test takes every free page of every zone and gives them all back:
 * afterwards the free lists must be exactly what they were (buddyinfo identical).
 */
#include <kspace/gfp.h>
#include <kspace/mmzone.h>
#include <kspace/sections.h>
#include <kspace/selftest.h>
#include <kspace/seq_buf.h>
#include <kspace/string.h>
#include <kspace/vmstat.h>

static char before[1024], after[1024];

static void snapshot(char *buf)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, sizeof(before));
	buddyinfo_render(&s);
}

SELFTEST(page_alloc_every_page_and_back)
{
	unsigned long free_before = nr_free_pages(), n = 0;
	LIST_HEAD(taken);
	struct page *page;

	snapshot(before);
	while ((page = alloc_page(GFP_HIGHUSER))) {
		list_add(&page->lru, &taken);
		n++;
	}
	EXPECT(n == free_before);
	EXPECT(nr_free_pages() == 0);
	EXPECT(alloc_pages(GFP_KERNEL, 0) == NULL); /* exhaustion is NULL, not a panic */
	EXPECT(alloc_pages(GFP_DMA, 3) == NULL);
	while (!list_empty(&taken)) {
		page = list_first_entry(&taken, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
	EXPECT(nr_free_pages() == free_before);
	snapshot(after);
	EXPECT(!strcmp(before, after));
	return 0;
}

static bool in_zone(struct page *page, int z)
{
	return page && page_zone(page) == &zone_table[z];
}

/*
 * The zone an order-0 allocation allowed up to zone `highest` must come from: the
 * best one with a free page. Whatever the boot holds (an initramfs can fill Normal on
 * a small machine), the allocator takes the first zone of the fallback order that can give.
 */
static int expected_zone(int highest)
{
	for (int z = highest; z > ZONE_DMA; z--)
		if (zone_table[z].free_pages)
			return z;
	return ZONE_DMA;
}

SELFTEST(page_alloc_zone_fallback_order)
{
	int want_dma = ZONE_DMA, want_k, want_h;
	struct page *dma, *k, *h;

	dma = alloc_page(GFP_DMA);
	want_k = expected_zone(ZONE_NORMAL);
	k = alloc_page(GFP_KERNEL);
	want_h = expected_zone(ZONE_HIGHMEM);
	h = alloc_page(GFP_HIGHUSER);
	EXPECT(in_zone(dma, want_dma));
	EXPECT(in_zone(k, want_k));
	EXPECT(in_zone(h, want_h));
	EXPECT(PageHighMem(h) == (want_h == ZONE_HIGHMEM));
	__free_page(dma);
	__free_page(k);
	__free_page(h);
	return 0;
}

SELFTEST(page_alloc_orders_are_aligned)
{
	unsigned long free_before = nr_free_pages();

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (!p) /* a small machine may have no free block this big */
			continue;
		EXPECT(page_to_pfn(p) % (1UL << order) == 0);
		EXPECT(page_count(p) == 1);
		__free_pages(p, order);
	}
	EXPECT(alloc_pages(GFP_KERNEL, MAX_ORDER) == NULL);
	EXPECT(nr_free_pages() == free_before);
	return 0;
}

SELFTEST(page_alloc_addresses)
{
	unsigned long a = get_zeroed_page(GFP_KERNEL), b = __get_free_pages(GFP_DMA, 2);
	const unsigned char *z = (const unsigned char *)a;

	EXPECT(a && b);
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		EXPECT(z[i] == 0);
	EXPECT(virt_addr_valid(a) && page_address(virt_to_page(a)) == (void *)a);
	EXPECT(__pa(b) < 16UL << 20); /* GFP_DMA memory is reachable by ISA DMA */
	memset((void *)b, 0x5a, 4 * PAGE_SIZE);
	free_page(a);
	free_pages(b, 2);
	free_pages(0, 0); /* freeing nothing is allowed */
	return 0;
}

SELFTEST(page_alloc_refcount)
{
	struct page *p = alloc_page(GFP_KERNEL);
	unsigned long free_before = nr_free_pages();

	EXPECT(p);
	p->_count++; /* a second user, as fork will make */
	__free_page(p);
	EXPECT(nr_free_pages() == free_before && page_count(p) == 1);
	__free_page(p);
	EXPECT(nr_free_pages() == free_before + 1);
	return 0;
}

CRASHTEST(page_double_free)
{
	struct page *p = alloc_page(GFP_KERNEL);

	__free_page(p);
	__free_page(p);
}

CRASHTEST(page_free_reserved)
{
	__free_page(virt_to_page(_text)); /* the kernel image is reserved */
}

CRASHTEST(page_free_wrong_order)
{
	__free_pages(alloc_pages(GFP_KERNEL, 2), 1);
}
