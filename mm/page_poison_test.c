/*
 * mm/page_poison_test.c: with page_poison=1, a write to a page after it was freed is
 * reported when the page is handed out again. Skipped without page_poison.
 */
#include <kspace/gfp.h>
#include <kspace/page_poison.h>
#include <kspace/selftest.h>

SELFTEST(page_poison_catches_write_after_free)
{
	unsigned long before = page_poison_reports;
	struct page *a = NULL, *b = NULL, *again, *held[8];
	int nr_held = 0;
	volatile u8 *stale;

	if (!page_poisoning)
		return SELFTEST_SKIPPED;
	/* Two buddies: with b held, a freed cannot merge and is the next order-0 page. */
	while (!b && nr_held < 8) {
		a = alloc_page(GFP_KERNEL);
		b = alloc_page(GFP_KERNEL);
		EXPECT(a && b);
		if ((page_to_pfn(a) ^ 1) != page_to_pfn(b)) {
			__free_page(b); /* a stays out, so the next two come from a fresh split */
			held[nr_held++] = a;
			b = NULL;
		}
	}
	while (nr_held)
		__free_page(held[--nr_held]);
	EXPECT(b);
	stale = lowmem_page_address(a);
	__free_page(a);
	EXPECT(stale[100] == PAGE_POISON);
	stale[100] = 0x42;
	again = alloc_page(GFP_KERNEL);
	EXPECT(again == a && page_poison_reports == before + 1);
	__free_page(again);
	__free_page(b);
	return 0;
}
