/*
 * arch/x86/mm/layout.c: the virtual memory layout table, printed at boot the way
 * Linux's mem_init() does and rendered again for /proc/layout. Every bound comes
 * from asm/memlayout.h or from the linker, so the table cannot drift from the code.
 * Regions the kernel does not use yet are marked "reserved".
 */
#include <asm/page.h>
#include <asm/setup.h>
#include <kspace/bug.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/sections.h>
#include <kspace/seq_buf.h>

struct region {
	const char *name;
	unsigned long start, end;
	const char *note;
};

static int collect_regions(struct region *r)
{
	unsigned long vmalloc_start = VMALLOC_START_FOR(high_memory);
	int n = 0;

	r[n++] = (struct region){ "fixmap", FIXADDR_START, FIXADDR_TOP, NULL };
	r[n++] = (struct region){ "pkmap", PKMAP_BASE, PKMAP_END, NULL };
	r[n++] = (struct region){ "vmalloc", vmalloc_start, VMALLOC_END, NULL };
	r[n++] = (struct region){ "lowmem", PAGE_OFFSET, (unsigned long)high_memory, NULL };
	r[n++] = (struct region){ "user", 0, TASK_SIZE, NULL };
	return n;
}

/* name is indented by depth; sizes round up, so a non-empty region never shows 0 kB. */
static void print_region(struct seq_buf *s, int depth, const char *name, unsigned long start,
			 unsigned long end, const char *note)
{
	unsigned long size = end - start;
	bool mb = size >= (8UL << 20);
	int indent = 4 + 2 * depth;

	seq_buf_printf(s, "%*s%-*s: 0x%08lx - 0x%08lx   (%4lu %s)%s%s\n", indent, "", 12 - indent,
		       name, start, end, mb ? DIV_ROUND_UP(size, 1UL << 20) : DIV_ROUND_UP(size, 1024),
		       mb ? "MB" : "kB", note ? " " : "", note ? note : "");
}

/* Regions are listed from the top of memory down; each must end where the next can start. */
static void check_order(const struct region *r, int n)
{
	for (int i = 0; i + 1 < n; i++)
		BUG_ON(r[i + 1].end > r[i].start);
	BUG_ON(VMALLOC_END >= PKMAP_BASE);
	BUG_ON(PKMAP_END > FIXADDR_START);
}

void layout_render(struct seq_buf *s)
{
	struct region r[8];
	int n = collect_regions(r);

	check_order(r, n);
	seq_buf_printf(s, "virtual kernel memory layout:\n");
	for (int i = 0; i < n; i++) {
		print_region(s, 0, r[i].name, r[i].start, r[i].end, r[i].note);
		if (!r[i].start || r[i].start != PAGE_OFFSET)
			continue;
		/* The kernel image sits inside lowmem, 1 MiB in. */
		print_region(s, 1, ".bss", (unsigned long)__bss_start, (unsigned long)_end, NULL);
		print_region(s, 1, ".data", (unsigned long)_sdata, (unsigned long)_edata, NULL);
		print_region(s, 1, ".text", (unsigned long)_text, (unsigned long)_etext, NULL);
	}
}

void print_layout(void)
{
	static char buf[1024];
	struct seq_buf s;

	seq_buf_init(&s, buf, sizeof(buf));
	layout_render(&s);
	seq_buf_printk(&s, KERN_INFO);
}
