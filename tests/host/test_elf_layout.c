/*
 * tests/host/test_elf_layout.c: the ELF loader's plan (kernel/elf_layout.c) over a
 * table of program-header layouts: those linkers emit (glibc's static hello as
 * `readelf -l` shows it, .bss-only and mid-page .bss segments, pages shared by two
 * or three segments, unaligned but congruent addresses, unsorted PT_LOADs, TLS,
 * GNU_STACK and GNU_RELRO headers) and those the loader must refuse (dynamic
 * programs, PIE or not, static PIEs, overlapping, wrapping or kernel-reaching
 * segments, file parts past the end of the file, non-congruent offsets).
 *
 * For each accepted layout the plan is played into a simulated address space the
 * way binfmt_elf.c builds it (file pages as filemap_nopage fills them, zero pages,
 * shared pages from elf_piece_in_page), and the image is checked against what the
 * headers alone promise: every segment byte is its file byte or zero, the rest of
 * a page after a file part is zero, each page has exactly the permissions of the
 * segments in it, and no other page is mapped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kapi.h"
#include "test.h"

#include <kspace/elf_layout.h>

#define PG 4096UL
#define BASE 0x08048000UL
#define MAX_PAGES 256
#define R PF_R
#define W PF_W
#define X PF_X

#define LOAD(off, va, fsz, msz, fl) { PT_LOAD, (off), (va), (va), (fsz), (msz), (fl), PG }
#define OTHER(type, fl) { (type), 0, 0, 0, 0, 0, (fl), 4 }
#define BAD_TYPE(type, name, size, n, ...) { (name), (type), (size), (n), { __VA_ARGS__ }, 0, false }
#define BAD(...) BAD_TYPE(ET_EXEC, __VA_ARGS__)

struct layout_case {
	const char *name;
	u16 e_type;
	unsigned long file_size;
	unsigned int phnum;
	Elf32_Phdr ph[8];
	unsigned long phdr_addr; /* AT_PHDR the plan must report */
	bool exec_stack;
};

/* File byte off: never zero, so a zero where file bytes belong (or the reverse) shows. */
static unsigned char file_byte(unsigned long off)
{
	return 1 + off % 251;
}

/* Layouts the loader must accept. The headers sit at offset 52, after the ELF header. */
static const struct layout_case good[] = {
	{ "hello", ET_EXEC, 0x60, 1, { LOAD(0, BASE, 0x60, 0x60, R | X) }, BASE + 52, true },
	/* i686-linux-gnu-gcc -static hello.c, GNU ld 2.40: readelf -l */
	{ "glibc-static", ET_EXEC, 0xa3400, 8,
	  { LOAD(0, BASE, 0x1e8, 0x1e8, R), LOAD(0x1000, 0x08049000, 0x6ce2c, 0x6ce2c, R | X),
	    LOAD(0x6e000, 0x080b6000, 0x31641, 0x31641, R),
	    LOAD(0x9fcac, 0x080e8cac, 0x360c, 0x63e4, R | W),
	    { PT_TLS, 0x9fcac, 0x080e8cac, 0x080e8cac, 0xc, 0x30, R, 4 },
	    OTHER(PT_GNU_STACK, R | W),
	    { PT_GNU_RELRO, 0x9fcac, 0x080e8cac, 0x080e8cac, 0x2354, 0x2354, R, 1 },
	    OTHER(4 /* PT_NOTE */, R) },
	  BASE + 52, false },
	{ "bss-only-aligned", ET_EXEC, 0x200, 2,
	  { LOAD(0, BASE, 0x200, 0x200, R | X), LOAD(0x1000, BASE + PG, 0, 0x2345, R | W) },
	  BASE + 52, true },
	/* p_offset past the end of the file: nothing is read from it */
	{ "bss-only-unaligned", ET_EXEC, 0x200, 2,
	  { LOAD(0, BASE, 0x200, 0x200, R | X), LOAD(0x1234, BASE + PG + 0x234, 0, 0x1f00, R | W) },
	  BASE + 52, true },
	{ "mid-page-bss", ET_EXEC, 0x1100, 2,
	  { LOAD(0, BASE, 0x200, 0x200, R | X), LOAD(0x1000, BASE + PG, 0x100, 0x3000, R | W) },
	  BASE + 52, true },
	{ "shared-r-then-rw", ET_EXEC, 0x700, 2,
	  { LOAD(0, BASE, 0x5e0, 0x5e0, R), LOAD(0x5e0, BASE + 0x5e0, 0x100, 0x2000, R | W) },
	  BASE + 52, true },
	{ "shared-rx-then-r", ET_EXEC, 0x2100, 2,
	  { LOAD(0, BASE, 0x1800, 0x1800, R | X), LOAD(0x1800, BASE + 0x1800, 0x900, 0x900, R) },
	  BASE + 52, true },
	{ "three-in-one-page", ET_EXEC, 0x400, 4,
	  { LOAD(0, BASE, 0x100, 0x100, R), LOAD(0x100, BASE + 0x100, 0x100, 0x100, R | X),
	    LOAD(0x200, BASE + 0x200, 0x80, 0x180, R | W), OTHER(PT_GNU_STACK, R | W) },
	  BASE + 52, false },
	/* the lower segment's .bss and a gap share a page with a segment from elsewhere in the file */
	{ "shared-page-bss-and-gap", ET_EXEC, 0x3000, 2,
	  { LOAD(0x1100, BASE + 0x100, 0x10, 0x80, R | W), LOAD(0x2400, BASE + 0x400, 0x300, 0x300, R) },
	  0, true },
	{ "bss-only-after-data", ET_EXEC, 0x1200, 3,
	  { LOAD(0, BASE, 0x200, 0x200, R | X), LOAD(0x1000, BASE + PG, 0x180, 0x180, R | W),
	    LOAD(0x1180, BASE + PG + 0x180, 0, 0x4000, R | W) },
	  BASE + 52, true },
	{ "unaligned-congruent", ET_EXEC, 0x3000, 2,
	  { LOAD(0, BASE, 0x1c00, 0x1c00, R | X), LOAD(0x1cac, BASE + 0x7cac, 0x360, 0x1400, R | W) },
	  BASE + 52, true },
	{ "unsorted", ET_EXEC, 0x2100, 3,
	  { LOAD(0x2000, BASE + 0x5000, 0x100, 0x800, R | W), OTHER(PT_GNU_STACK, R | W | X),
	    LOAD(0, BASE, 0x1200, 0x1200, R | X) },
	  BASE + 52, true },
	{ "empty-load-ignored", ET_EXEC, 0x100, 2,
	  { LOAD(0, BASE, 0x100, 0x100, R | X), LOAD(0, BASE + 0x10000, 0, 0, R | W) }, BASE + 52, true },
	{ "ends-at-task-size", ET_EXEC, 0x1100, 2,
	  { LOAD(0, BASE, 0x100, 0x100, R | X), LOAD(0x1000, 0xbffff000, 0x100, 0x1000, R | W) },
	  BASE + 52, true },
};

/* Layouts the loader must refuse with -ENOEXEC. */
static const struct layout_case bad[] = {
	BAD("pt-interp", 0x200, 2, { PT_INTERP, 0x100, 0, 0, 0x13, 0x13, R, 1 },
	    LOAD(0, BASE, 0x200, 0x200, R | X)),
	BAD_TYPE(ET_DYN, "pt-interp-pie", 0x200, 2, { PT_INTERP, 0x100, 0, 0, 0x13, 0x13, R, 1 },
		 LOAD(0, 0, 0x200, 0x200, R | X)),
	BAD_TYPE(ET_DYN, "static-pie", 0x200, 1, LOAD(0, 0, 0x200, 0x200, R | X)),
	BAD("overlapping-bytes", 0x2000, 2, LOAD(0, BASE, 0x1800, 0x1800, R | X),
	    LOAD(0x17f0, BASE + 0x17f0, 0x100, 0x100, R | W)),
	BAD("same-segment-twice", 0x100, 2, LOAD(0, BASE, 0x40, 0x40, R | X),
	    LOAD(0, BASE, 0x40, 0x40, R | X)),
	BAD("overlapping-unsorted", 0x2000, 2, LOAD(0x1000, BASE + PG, 0x100, 0x100, R | W),
	    LOAD(0, BASE, 0x200, 0x2000, R | X)),
	BAD("wrapping", 0x100, 2, LOAD(0, BASE, 0x100, 0x100, R | X),
	    LOAD(0, 0xfffff000, 0, 0x2000, R | W)),
	BAD("kernel", 0x100, 2, LOAD(0, BASE, 0x100, 0x100, R | X),
	    LOAD(0, 0xc0000000, 0, 0x1000, R | W)),
	BAD("kernel-straddling", 0x100, 2, LOAD(0, BASE, 0x100, 0x100, R | X),
	    LOAD(0, 0xbffff000, 0, 0x2000, R | W)),
	BAD("kernel-empty", 0x100, 2, LOAD(0, BASE, 0x100, 0x100, R | X),
	    LOAD(0, 0xc0000000, 0, 0, R | W)),
	BAD("filesz-over-memsz", 0x100, 1, LOAD(0, BASE, 0x80, 0x40, R | X)),
	BAD("offset-past-eof", 0x100, 2, LOAD(0, BASE, 0x100, 0x100, R | X),
	    LOAD(0x100000, BASE + PG, 0x100, 0x100, R | W)),
	BAD("file-part-past-eof", 0x100, 1, LOAD(0, BASE, 0x101, 0x101, R | X)),
	BAD("not-congruent", 0x100, 2, LOAD(0, BASE, 0x100, 0x100, R | X),
	    LOAD(0x10, BASE + PG, 0x10, 0x10, R | W)),
	BAD("no-load", 0x100, 1, OTHER(PT_GNU_STACK, R | W)),
	BAD("only-empty-loads", 0x100, 1, LOAD(0, BASE, 0, 0, R | X)),
};

/* ---------------------------------------------------------------- the simulated mm */

struct sim_page {
	unsigned long addr;
	u32 flags;
	unsigned char bytes[PG];
};

struct sim_mm {
	struct sim_page pages[MAX_PAGES];
	int n;
};

static struct sim_mm mm;

static struct sim_page *sim_find(unsigned long addr)
{
	static struct sim_page *last;

	if (last && last < mm.pages + mm.n && last->addr == (addr & ~(PG - 1)))
		return last;
	for (int i = 0; i < mm.n; i++)
		if (mm.pages[i].addr == (addr & ~(PG - 1)))
			return last = &mm.pages[i];
	return NULL;
}

/* One page of a region, filled as binfmt_elf.c and filemap_nopage would. */
static void sim_fill(const struct layout_case *c, const struct elf_region *r, struct sim_page *p)
{
	struct elf_piece piece;

	memset(p->bytes, 0, PG);
	if (r->backing == ELF_FILE)
		for (unsigned long i = 0, off = r->offset + (p->addr - r->start); i < PG; i++, off++)
			p->bytes[i] = off < r->file_end ? file_byte(off) : 0;
	if (r->backing == ELF_SHARED)
		for (unsigned int k = 0; k < c->phnum; k++)
			if (elf_piece_in_page(&c->ph[k], p->addr, &piece))
				for (unsigned long i = 0; i < piece.len; i++)
					p->bytes[piece.in_page + i] = file_byte(piece.offset + i);
}

/* The plan's regions are page-aligned, non-empty, in address order and disjoint. */
static const char *sim_build(const struct layout_case *c, const struct elf_layout *lay)
{
	static char why[160];

	mm.n = 0;
	for (unsigned int i = 0; i < lay->nr_regions; i++) {
		const struct elf_region *r = &lay->regions[i];

		if (r->start % PG || r->end % PG || r->start >= r->end ||
		    (i && r->start < lay->regions[i - 1].end)) {
			snprintf(why, sizeof(why), "region %u [%#lx, %#lx) misplaced", i, r->start, r->end);
			return why;
		}
		if (r->backing == ELF_SHARED && r->end - r->start != PG)
			return "a shared region is not one page";
		if (r->backing == ELF_FILE && r->offset % PG)
			return "a file region's offset is not page-aligned";
		for (unsigned long a = r->start; a < r->end; a += PG) {
			struct sim_page *p = &mm.pages[mm.n++];

			if (mm.n > MAX_PAGES)
				return "too many pages";
			p->addr = a;
			p->flags = r->flags;
			sim_fill(c, r, p);
		}
	}
	return NULL;
}

/* ---------------------------------------------------------------- what the headers promise */

static bool is_load(const Elf32_Phdr *ph)
{
	return ph->p_type == PT_LOAD && ph->p_memsz;
}

static bool touches(const Elf32_Phdr *ph, unsigned long page)
{
	return is_load(ph) && ph->p_vaddr < page + PG && ph->p_vaddr + ph->p_memsz > page;
}

static bool in_file_part(const Elf32_Phdr *ph, unsigned long addr)
{
	return is_load(ph) && addr >= ph->p_vaddr && addr < ph->p_vaddr + ph->p_filesz;
}

/* Each segment byte: its file byte, or zero in .bss. */
static const char *check_segment(const Elf32_Phdr *ph)
{
	static char why[160];

	for (unsigned long a = ph->p_vaddr; a < ph->p_vaddr + ph->p_memsz; a++) {
		struct sim_page *p = sim_find(a);
		unsigned long i = a - ph->p_vaddr;
		unsigned char want = i < ph->p_filesz ? file_byte(ph->p_offset + i) : 0;

		if (!p)
			snprintf(why, sizeof(why), "%#lx (segment at %#x) is not mapped", a, ph->p_vaddr);
		else if (p->bytes[a % PG] != want)
			snprintf(why, sizeof(why), "%#lx reads %#x, not %#x", a, p->bytes[a % PG], want);
		else
			continue;
		return why;
	}
	return NULL;
}

/* After a file part, the rest of its page reads zero (Linux's padzero), unless another segment's file bytes are there. */
static const char *check_padzero(const struct layout_case *c, const Elf32_Phdr *ph)
{
	static char why[160];
	unsigned long end = ph->p_vaddr + ph->p_filesz;

	if (!ph->p_filesz)
		return NULL;
	for (unsigned long a = end; a % PG; a++) {
		bool other = false;

		for (unsigned int k = 0; k < c->phnum; k++)
			other |= in_file_part(&c->ph[k], a);
		if (!other && sim_find(a)->bytes[a % PG]) {
			snprintf(why, sizeof(why), "%#lx after a file part is not zero", a);
			return why;
		}
	}
	return NULL;
}

/* Each page mapped has exactly the permissions of the segments in it; no other page is mapped. */
static const char *check_pages(const struct layout_case *c)
{
	static char why[160];

	for (int i = 0; i < mm.n; i++) {
		u32 want = 0;
		bool used = false;

		for (unsigned int k = 0; k < c->phnum; k++)
			if (touches(&c->ph[k], mm.pages[i].addr)) {
				want |= c->ph[k].p_flags;
				used = true;
			}
		if (!used || mm.pages[i].flags != want) {
			snprintf(why, sizeof(why), "page %#lx: flags %#x, the segments in it want %#x%s",
				 mm.pages[i].addr, mm.pages[i].flags, want, used ? "" : " (none is)");
			return why;
		}
	}
	return NULL;
}

static const char *check_image(const struct layout_case *c)
{
	const char *why = check_pages(c);

	for (unsigned int k = 0; k < c->phnum && !why; k++)
		if (is_load(&c->ph[k]))
			why = check_segment(&c->ph[k]) ?: check_padzero(c, &c->ph[k]);
	return why;
}

static unsigned long expected_brk(const struct layout_case *c)
{
	unsigned long top = 0;

	for (unsigned int k = 0; k < c->phnum; k++)
		if (c->ph[k].p_type == PT_LOAD && c->ph[k].p_vaddr + c->ph[k].p_memsz > top)
			top = c->ph[k].p_vaddr + c->ph[k].p_memsz;
	return (top + PG - 1) & ~(PG - 1);
}

/* Plan case c with a region array of exactly the advertised size (ASan checks the bound). */
static int plan(const struct layout_case *c, struct elf_layout *lay)
{
	Elf32_Ehdr eh = { .e_type = c->e_type, .e_machine = EM_386, .e_phoff = 52,
			  .e_phentsize = sizeof(Elf32_Phdr), .e_phnum = c->phnum };

	lay->regions = malloc(ELF_MAX_REGIONS(c->phnum) * sizeof(*lay->regions));
	return elf_plan_layout(&eh, c->ph, c->file_size, lay);
}

TEST(elf_layout, accepted_layouts_give_the_promised_image)
{
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const struct layout_case *c = &good[i];
		struct elf_layout lay;
		int err = plan(c, &lay);
		const char *why = err ? "refused" : sim_build(c, &lay) ?: check_image(c);

		if (!why && lay.brk != expected_brk(c))
			why = "brk is not the page above the highest segment";
		if (!why && lay.phdr_addr != c->phdr_addr)
			why = "AT_PHDR is wrong";
		if (!why && lay.exec_stack != c->exec_stack)
			why = "the stack's executability is wrong";
		free(lay.regions);
		EXPECT_MSG(!why, "%s: %s", c->name, why);
	}
}

TEST(elf_layout, bad_layouts_are_refused)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const struct layout_case *c = &bad[i];
		struct elf_layout lay;
		int err = plan(c, &lay);

		free(lay.regions);
		EXPECT_MSG(err == -ENOEXEC, "%s: %d, not -ENOEXEC", c->name, err);
		EXPECT_MSG((lay.interp != NULL) == !strncmp(c->name, "pt-interp", 9), "%s: interp %p",
			   c->name, (const void *)lay.interp);
	}
}

/* The shared page of R-then-RW is one region, writable, between the two segments' own. */
TEST(elf_layout, shared_page_is_planned_once)
{
	const struct layout_case *c = &good[5];
	struct elf_layout lay;

	EXPECT_STREQ(c->name, "shared-r-then-rw");
	EXPECT_EQ_INT(plan(c, &lay), 0);
	EXPECT_EQ_INT(lay.nr_regions, 2);
	EXPECT(lay.regions[0].backing == ELF_SHARED && lay.regions[0].start == BASE);
	EXPECT_EQ_INT(lay.regions[0].flags, R | W);
	EXPECT(lay.regions[1].backing == ELF_ZERO && lay.regions[1].start == BASE + PG);
	EXPECT_EQ_INT(lay.regions[1].end, BASE + 3 * PG);
	free(lay.regions);
}

/* Linux's mm bookkeeping: start_data is the highest segment's address, end_* are file ends. */
TEST(elf_layout, code_and_data_bounds_as_linux)
{
	const struct layout_case *c = &good[1];
	struct elf_layout lay;

	EXPECT_STREQ(c->name, "glibc-static");
	EXPECT_EQ_INT(plan(c, &lay), 0);
	EXPECT_EQ_INT(lay.start_code, 0x08049000);
	EXPECT_EQ_INT(lay.end_code, 0x08049000 + 0x6ce2c);
	EXPECT_EQ_INT(lay.start_data, 0x080e8cac);
	EXPECT_EQ_INT(lay.end_data, 0x080e8cac + 0x360c);
	EXPECT_EQ_INT(lay.brk, 0x080f0000);
	free(lay.regions);
}
