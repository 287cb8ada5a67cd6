/*
 * mm/page_poison.c: fill freed pages with PAGE_POISON and check them on allocation
 * (page_poison=1), after Linux's mm/page_poison.c. PG_poisoned marks a page that
 * was filled, so the check reads only pages whose content is known.
 */
#include <kspace/errno.h>
#include <kspace/init.h>
#include <kspace/page_poison.h>
#include <kspace/printk.h>
#include <kspace/stacktrace.h>
#include <kspace/string.h>

bool page_poisoning;
unsigned long page_poison_reports;

/* As Linux's kstrtobool for the forms a command line uses. */
static int page_poison_setup(const char *value)
{
	if (!strcmp(value, "1") || !strcmp(value, "on") || !strcmp(value, "y"))
		page_poisoning = true;
	else if (!strcmp(value, "0") || !strcmp(value, "off") || !strcmp(value, "n"))
		page_poisoning = false;
	else
		return -EINVAL;
	return 0;
}
__setup("page_poison=", page_poison_setup);

void kernel_poison_pages(struct page *page, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		if (PageHighMem(&page[i]))
			continue;
		memset(lowmem_page_address(&page[i]), PAGE_POISON, PAGE_SIZE);
		SetPagePoisoned(&page[i]);
	}
}

static void report_corruption(struct page *page, const u8 *addr, const u8 *bad)
{
	const u8 *from = bad - ((unsigned long)bad & 15);

	page_poison_reports++;
	printk(KERN_ERR "pagealloc: memory corruption in a free page: pfn %lu, offset %lu: byte 0x%02x "
			"instead of 0x%02x\n",
	       page_to_pfn(page), (unsigned long)(bad - addr), *bad, PAGE_POISON);
	printk(KERN_ERR "%p:", from);
	for (int i = 0; i < 16; i++)
		pr_cont(" %02x", from[i]);
	pr_cont("\n");
	dump_stack();
}

static void check_page(struct page *page)
{
	const u8 *addr = lowmem_page_address(page);

	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		if (addr[i] != PAGE_POISON) {
			report_corruption(page, addr, addr + i);
			break;
		}
	ClearPagePoisoned(page);
}

void check_poison_pages(struct page *page, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (PagePoisoned(&page[i]))
			check_page(&page[i]);
}
