/* mm/vmalloc_test.c: vmalloc areas, their guard pages, and ioremap of the VGA buffer. */
#include <asm/pgtable.h>
#include <kspace/gfp.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/mmzone.h>
#include <kspace/selftest.h>
#include <kspace/seq_buf.h>
#include <kspace/string.h>
#include <kspace/vmalloc.h>

/*
 * 16 MiB, or half the free memory on a machine too small for that. The first
 * vmalloc of a range may allocate page tables, which stay (as in Linux): the page
 * count is compared on a second round over the same addresses.
 */
SELFTEST(vmalloc_16mb_every_page)
{
	unsigned long big = min(16UL << 20, nr_free_pages() / 2 * PAGE_SIZE);
	unsigned long free_before, used_before = vmalloc_used();
	unsigned long *p;

	vfree(vmalloc(big));
	free_before = nr_free_pages();
	p = vmalloc(big);

	EXPECT(p);
	EXPECT((unsigned long)p >= vmalloc_start() && (unsigned long)p + big <= VMALLOC_END);
	for (unsigned long i = 0; i < big / PAGE_SIZE; i++)
		p[i * PAGE_SIZE / sizeof(long)] = i ^ 0xa5a5a5a5;
	for (unsigned long i = 0; i < big / PAGE_SIZE; i++)
		EXPECT(p[i * PAGE_SIZE / sizeof(long)] == (i ^ 0xa5a5a5a5));
	/* HIGHMEM first: with a HighMem zone, vmalloc's pages come from it. */
	if (zone_populated(&zone_table[ZONE_HIGHMEM]))
		EXPECT(PageHighMem(vmalloc_to_page(p)));
	EXPECT(vmalloc_to_page((char *)p + big) == NULL); /* the guard page */
	EXPECT(vmalloc_used() == used_before + big + PAGE_SIZE);
	vfree(p);
	EXPECT(vmalloc_used() == used_before);
	EXPECT(nr_free_pages() == free_before);
	return 0;
}

SELFTEST(vmalloc_guard_gap_and_reuse)
{
	char *a = vmalloc(PAGE_SIZE), *b = vmalloc(3 * PAGE_SIZE + 1);
	unsigned char *z;

	EXPECT(a && b);
	EXPECT(b >= a + 2 * PAGE_SIZE); /* one page of data, one of guard */
	vfree(a);
	z = vzalloc(100);
	EXPECT(z == (unsigned char *)a); /* first fit reuses the hole */
	for (int i = 0; i < 100; i++)
		EXPECT(z[i] == 0);
	vfree(z);
	vfree(b);
	vfree(NULL);
	EXPECT(vmalloc(0) == NULL);
	EXPECT(vmalloc(VMALLOC_END - vmalloc_start()) == NULL); /* no room for the guard */
	return 0;
}

SELFTEST(ioremap_vga_text_buffer)
{
	volatile u16 *vga = ioremap(0xb8000 + 160, 2); /* row 1, column 0, unaligned start */
	unsigned long used = vmalloc_used();

	EXPECT(vga);
	EXPECT(((unsigned long)vga & ~PAGE_MASK) == 160);
	u16 old = *vga;
	*vga = 0x0741; /* 'A', grey on black */
	EXPECT(*vga == 0x0741);
	*vga = old;
	iounmap((void *)vga);
	EXPECT(vmalloc_used() == used - 2 * PAGE_SIZE);
	EXPECT(ioremap(0x00200000, PAGE_SIZE) == NULL); /* RAM is refused */
	return 0;
}

/* /proc/vmallocinfo as procfs renders it: into a buffer that doubles until the text fits. */
static char *render_vmallocinfo(void)
{
	for (unsigned long size = PAGE_SIZE; size <= 64 * PAGE_SIZE; size *= 2) {
		char *buf = vmalloc(size);
		struct seq_buf s;

		if (!buf)
			return NULL;
		seq_buf_init(&s, buf, size);
		vmallocinfo_render(&s);
		if (!s.overflow)
			return buf;
		vfree(buf);
	}
	return NULL;
}

/*
 * The text holds a line for every area the boot has made so far (an initramfs, a
 * driver...), so it must not be read into a fixed buffer: CROWD areas more than fill
 * a page by themselves, and the lines looked for must still be there.
 */
#define CROWD 64

SELFTEST(vmallocinfo_format)
{
	static void *crowd[CROWD];
	static char line[128];
	void *v = vmalloc(3 * PAGE_SIZE), *io = ioremap(0xb8000, 4000);
	char *buf;

	EXPECT(v && io);
	for (int i = 0; i < CROWD; i++)
		EXPECT((crowd[i] = vmalloc(PAGE_SIZE)));
	buf = render_vmallocinfo();
	EXPECT(buf && strlen(buf) > PAGE_SIZE);
	/* Linux's columns: range, size with the guard page, caller, what backs it. */
	snprintf(line, sizeof(line), "0x%08lx-0x%08lx   16384 vmallocinfo_format+0x",
		 (unsigned long)v, (unsigned long)v + 4 * PAGE_SIZE);
	EXPECT(strstr(buf, line));
	EXPECT(strstr(buf, " pages=3 vmalloc\n"));
	snprintf(line, sizeof(line), "0x%08lx-0x%08lx    8192 vmallocinfo_format+0x",
		 (unsigned long)io, (unsigned long)io + 2 * PAGE_SIZE);
	EXPECT(strstr(buf, line));
	EXPECT(strstr(buf, " phys=0x000b8000 ioremap\n"));
	vfree(buf);
	for (int i = 0; i < CROWD; i++)
		vfree(crowd[i]);
	vfree(v);
	iounmap(io);
	return 0;
}

CRASHTEST(vmalloc_guard_page)
{
	char *p = vmalloc(PAGE_SIZE);

	p[PAGE_SIZE] = 1; /* one byte past the end: the unmapped guard page */
}

/*
 * A process's page directory copies the kernel half of swapper_pg_dir when it is
 * made; vmalloc areas created later appear in it on the first fault there
 * (vmalloc_fault). Borrow a fresh address space, then vmalloc far enough to need
 * new page tables, and touch it from inside that address space.
 */
SELFTEST(vmalloc_fault_syncs_process_pgd)
{
	struct mm_struct *mm = mm_borrow(0x20000000, 0x20001000);
	unsigned long size = min(24UL << 20, nr_free_pages() / 2 * PAGE_SIZE);
	char *p;
	pgd_t *pgd;

	EXPECT(mm);
	p = vmalloc(size);
	pgd = &mm->pgd[pgd_index((unsigned long)p + size - 1)];
	if (!p || *pgd & _PAGE_PRESENT) { /* no new page table was needed: nothing to show */
		vfree(p);
		mm_return(mm);
		SKIP("the area fit in page tables the process already had");
	}
	p[size - 1] = 42; /* faults: the entry is only in swapper_pg_dir */
	EXPECT(p[size - 1] == 42 && (*pgd & _PAGE_PRESENT));
	vfree(p);
	mm_return(mm);
	return 0;
}
