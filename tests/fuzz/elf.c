/*
 * tests/fuzz/elf.c: the ELF loader's checks (kernel/elf_layout.c): the header check
 * and the plan of the memory image from the program headers.
 *
 * Input: a 4-byte file size, then the file's first bytes (the file reads as zeros
 * from the end of the input to that size, and the size is at least the input's). The
 * header and the program headers are read from that file as load_elf_binary reads
 * them. Seeds are the headers of the project's own programs, kspace libc and glibc
 * builds and the deliberately broken ones (scripts/mkbadelf), with their real sizes.
 *
 * Checked: the plan is accepted exactly when the harness's own reading of the rules
 * accepts the headers (ET_EXEC, no PT_INTERP, every PT_LOAD with filesz <= memsz, its
 * file part inside the file, below TASK_SIZE, p_vaddr congruent to p_offset, no two
 * segments' bytes overlapping, one with memory at all); and an accepted plan is a
 * list of page-aligned, sorted, disjoint regions below TASK_SIZE, within the bound
 * the caller allocates for, covering exactly the pages the segments touch, each page
 * with the union of those segments' permissions, shared (built at exec) exactly when
 * two segments touch it, file-backed at the right offset only where its segment has
 * file bytes, and brk the page above the highest PT_LOAD.
 */
#include <stdbool.h>
#include <string.h>

#include "../host/kapi.h"
#include "fuzz.h"

#include <asm/memlayout.h>
#include <asm/page.h>
#include <kspace/elf_layout.h>

#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define MAX_PH 64 /* more only makes the checks slower; the kernel allows a page of them */

static const uint8_t *file;
static size_t have, file_size;

/* Read [off, off + len) of the file, as read_exact does: false past its end. */
static bool read_file(uint64_t off, void *buf, size_t len)
{
	if (off + len > file_size)
		return false;
	memset(buf, 0, len);
	if (off < have)
		memcpy(buf, file + off, off + len <= have ? len : have - off);
	return true;
}

static bool load_ok(const Elf32_Phdr *ph)
{
	return ph->p_filesz <= ph->p_memsz &&
	       (!ph->p_filesz || (uint64_t)ph->p_offset + ph->p_filesz <= file_size) &&
	       (uint64_t)ph->p_vaddr + ph->p_memsz <= TASK_SIZE && ph->p_vaddr < TASK_SIZE &&
	       ph->p_vaddr % PAGE_SIZE == ph->p_offset % PAGE_SIZE;
}

static int by_vaddr(const void *a, const void *b)
{
	const Elf32_Phdr *x = *(const Elf32_Phdr *const *)a, *y = *(const Elf32_Phdr *const *)b;

	return x->p_vaddr < y->p_vaddr ? -1 : x->p_vaddr > y->p_vaddr;
}

/* The rules, read independently of elf_layout.c; loads[] gets the non-empty PT_LOADs, sorted. */
static bool acceptable(const Elf32_Ehdr *eh, const Elf32_Phdr *ph, const Elf32_Phdr **loads,
		       int *nloads)
{
	bool ok = eh->e_type == ET_EXEC;

	*nloads = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		ok &= ph[i].p_type != PT_INTERP;
		if (ph[i].p_type != PT_LOAD)
			continue;
		ok &= load_ok(&ph[i]);
		if (ph[i].p_memsz)
			loads[(*nloads)++] = &ph[i];
	}
	qsort(loads, *nloads, sizeof(*loads), by_vaddr);
	for (int i = 1; i < *nloads; i++)
		ok &= loads[i]->p_vaddr >= (uint64_t)loads[i - 1]->p_vaddr + loads[i - 1]->p_memsz;
	return ok && *nloads;
}

static const struct elf_region *region_of(const struct elf_layout *lay, unsigned long page)
{
	for (unsigned int i = 0; i < lay->nr_regions; i++)
		if (lay->regions[i].start <= page && page < lay->regions[i].end)
			return &lay->regions[i];
	return NULL;
}

static void check_regions(const struct elf_layout *lay, int phnum)
{
	FUZZ_CHECK(lay->nr_regions <= ELF_MAX_REGIONS(phnum), "%u regions for %d headers",
		   lay->nr_regions, phnum);
	for (unsigned int i = 0; i < lay->nr_regions; i++) {
		const struct elf_region *r = &lay->regions[i];

		FUZZ_CHECK(r->start < r->end && !(r->start % PAGE_SIZE) && !(r->end % PAGE_SIZE) &&
				   r->end <= TASK_SIZE,
			   "region %u: %#lx-%#lx", i, r->start, r->end);
		FUZZ_CHECK(!i || lay->regions[i - 1].end <= r->start, "region %u overlaps or is unsorted",
			   i);
		FUZZ_CHECK(r->backing != ELF_SHARED || r->end - r->start == PAGE_SIZE,
			   "a shared region of %lu bytes", r->end - r->start);
		FUZZ_CHECK(r->backing != ELF_FILE || !(r->offset % PAGE_SIZE), "file offset %#lx",
			   r->offset);
	}
}

/* One page of segment ph, from the segments' side. */
static void check_page(const struct elf_layout *lay, const Elf32_Phdr **loads, int n,
		       const Elf32_Phdr *ph, unsigned long page)
{
	const struct elf_region *r = region_of(lay, page);
	unsigned long first = ph->p_vaddr & PAGE_MASK;
	u32 flags = 0;
	int touching = 0;

	for (int t = 0; t < n; t++) {
		const Elf32_Phdr *q = loads[t];
		if (q->p_vaddr < page + PAGE_SIZE && page < (uint64_t)q->p_vaddr + q->p_memsz)
			flags |= q->p_flags, touching++;
	}
	FUZZ_CHECK(r, "page %#lx of a segment has no region", page);
	FUZZ_CHECK(r->flags == flags, "page %#lx: flags %#x, segments want %#x", page, r->flags, flags);
	FUZZ_CHECK((r->backing == ELF_SHARED) == (touching > 1),
		   "page %#lx: backing %d, %d segments in it", page, r->backing, touching);
	if (touching > 1)
		return;
	bool file_bytes = ph->p_filesz && page < ph->p_vaddr + ph->p_filesz;
	FUZZ_CHECK((r->backing == ELF_FILE) == file_bytes, "page %#lx: backing %d, file bytes %d",
		   page, r->backing, file_bytes);
	if (file_bytes)
		FUZZ_CHECK(r->offset + (page - r->start) == (ph->p_offset & PAGE_MASK) + (page - first) &&
				   r->file_end == ph->p_offset + ph->p_filesz && r->file_end <= file_size,
			   "page %#lx: file offset %#lx, file end %#lx", page,
			   r->offset + (page - r->start), r->file_end);
}

/*
 * The pages where a segment's plan can change (its ends, and around the end of its
 * file part: the pages between are like their neighbours), checked one by one;
 * returns how many pages the segments touch in all.
 */
static unsigned long check_pages(const struct elf_layout *lay, const Elf32_Phdr **loads, int n)
{
	unsigned long pages = 0, covered_to = 0;

	for (int s = 0; s < n; s++) {
		const Elf32_Phdr *ph = loads[s];
		unsigned long first = ph->p_vaddr & PAGE_MASK;
		unsigned long end = PAGE_ALIGN((unsigned long)ph->p_vaddr + ph->p_memsz);
		unsigned long file_end = PAGE_ALIGN((unsigned long)ph->p_vaddr + ph->p_filesz);
		unsigned long at[] = { first, first + PAGE_SIZE, file_end - PAGE_SIZE, file_end,
				       end - 2 * PAGE_SIZE, end - PAGE_SIZE };

		for (unsigned int i = 0; i < sizeof(at) / sizeof(at[0]); i++)
			if (at[i] >= first && at[i] < end)
				check_page(lay, loads, n, ph, at[i]);
		/* Sorted and disjoint in bytes: only a page shared with those below can repeat. */
		pages += (end - MAX(first, covered_to)) / PAGE_SIZE;
		covered_to = MAX(covered_to, end);
	}
	return pages;
}

/* A shared page's pieces: inside the page and the file, as build_shared_page reads them. */
static void check_shared(const struct elf_layout *lay, const Elf32_Phdr *ph, int phnum)
{
	for (unsigned int i = 0; i < lay->nr_regions; i++) {
		struct elf_piece piece;

		if (lay->regions[i].backing != ELF_SHARED)
			continue;
		for (int s = 0; s < phnum; s++)
			if (elf_piece_in_page(&ph[s], lay->regions[i].start, &piece))
				FUZZ_CHECK(piece.in_page + piece.len <= PAGE_SIZE && piece.len &&
						   (uint64_t)piece.offset + piece.len <= file_size,
					   "piece %lu+%lu at %#lx", piece.offset, piece.len, piece.in_page);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	Elf32_Ehdr eh;
	Elf32_Phdr ph[MAX_PH];
	const Elf32_Phdr *loads[MAX_PH];
	struct elf_region regions[ELF_MAX_REGIONS(MAX_PH)];
	struct elf_layout lay = { .regions = regions };
	int nloads;

	file_size = fuzz_take(&in, 4);
	file = in.data;
	have = in.size;
	file_size = file_size > have ? file_size : have;
	if (!read_file(0, &eh, sizeof(eh)) || !elf_check_header(&eh) || eh.e_phnum > MAX_PH ||
	    !read_file(eh.e_phoff, ph, eh.e_phnum * sizeof(*ph)))
		return 0;

	bool ok = acceptable(&eh, ph, loads, &nloads);
	int err = elf_plan_layout(&eh, ph, file_size, &lay);
	FUZZ_CHECK(err == 0 || err == -ENOEXEC, "error %d", err);
	FUZZ_CHECK(!err == ok, "plan %s headers the rules %s", err ? "refused" : "accepted",
		   ok ? "accept" : "refuse");
	if (err)
		return 0;
	check_regions(&lay, eh.e_phnum);
	unsigned long touched = check_pages(&lay, loads, nloads), planned = 0;
	check_shared(&lay, ph, eh.e_phnum);
	for (unsigned int i = 0; i < lay.nr_regions; i++)
		planned += (lay.regions[i].end - lay.regions[i].start) / PAGE_SIZE;
	FUZZ_CHECK(planned == touched, "%lu pages planned, the segments touch %lu", planned, touched);
	unsigned long brk = 0; /* as Linux: every PT_LOAD counts, an empty one too */
	for (int i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_LOAD)
			brk = MAX(brk, PAGE_ALIGN((unsigned long)ph[i].p_vaddr + ph[i].p_memsz));
	FUZZ_CHECK(lay.brk == brk, "brk %#lx, expected %#lx", lay.brk, brk);
	return 0;
}
