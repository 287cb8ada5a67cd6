/*
 * kernel/elf_layout.c: the memory image a static ELF program asks for, planned from
 * its program headers before anything is built (kernel/binfmt_elf.c builds it).
 *
 * Segments rarely start or end on a page boundary. p_vaddr only has to equal
 * p_offset modulo the page size (GNU ld starts glibc's RW segment at 0x080e8cac);
 * a file part can end mid-page with .bss after it, and the rest of that page must
 * read as zero; a segment may have no file part at all (only .bss); and a linker
 * may start a segment in the page where the one below it ends. Linux maps that
 * page twice, the later mapping replacing the earlier. Here it is planned once and
 * built from every segment in it, each one's file bytes where it has them and
 * zeros elsewhere, with the permissions of all of them: the image each segment
 * asks for, the same as Linux's for the layouts linkers emit (an R segment's last
 * page holding the start of an RW one becomes writable on both).
 *
 * Linux accepts PT_LOADs in any order (the ELF spec wants them sorted); so does
 * this plan, which walks them in address order. Segments whose bytes overlap are
 * refused: Linux maps one over the other, so one of them loses its contents.
 */
#include <asm/page.h>
#include <kspace/elf_layout.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/string.h>

#define PAGE_START(addr) ((addr) & PAGE_MASK)
#define MAX_PHNUM (PAGE_SIZE / sizeof(Elf32_Phdr)) /* Linux's limit: one page of headers */

/* ET_DYN too, so that a dynamic program (mostly PIE) is told apart; elf_plan_layout refuses it. */
bool elf_check_header(const Elf32_Ehdr *eh)
{
	return !memcmp(eh->e_ident, "\177ELF", 4) && eh->e_ident[4] == ELFCLASS32 &&
	       eh->e_ident[5] == ELFDATA2LSB && eh->e_ident[6] == EV_CURRENT &&
	       (eh->e_type == ET_EXEC || eh->e_type == ET_DYN) && eh->e_machine == EM_386 &&
	       eh->e_phentsize == sizeof(Elf32_Phdr) && eh->e_phnum >= 1 && eh->e_phnum <= MAX_PHNUM;
}

/*
 * A PT_LOAD Linux could map: page-congruent, below TASK_SIZE, and (unlike Linux,
 * which faults later) with its file part inside the file. A segment without one
 * reads nothing from the file, whatever its p_offset.
 */
static bool load_ok(const Elf32_Phdr *ph, unsigned long file_size)
{
	return ph->p_filesz <= ph->p_memsz &&
	       (!ph->p_filesz || (u64)ph->p_offset + ph->p_filesz <= file_size) &&
	       ph->p_vaddr < TASK_SIZE && (u64)ph->p_vaddr + ph->p_memsz <= TASK_SIZE &&
	       (ph->p_vaddr & ~PAGE_MASK) == (ph->p_offset & ~PAGE_MASK);
}

static const Elf32_Phdr *find_phdr(const Elf32_Phdr *phdrs, unsigned int n, u32 type)
{
	for (unsigned int i = 0; i < n; i++)
		if (phdrs[i].p_type == type)
			return &phdrs[i];
	return NULL;
}

/* The code/data/brk bookkeeping, as Linux's load_elf_binary keeps it. */
static void note_load(struct elf_layout *lay, const Elf32_Ehdr *eh, const Elf32_Phdr *ph)
{
	unsigned long file_end = ph->p_vaddr + ph->p_filesz;

	if (ph->p_flags & PF_X) {
		lay->start_code = lay->end_code ? min(lay->start_code, (unsigned long)ph->p_vaddr)
						: ph->p_vaddr;
		lay->end_code = max(lay->end_code, file_end);
	}
	lay->start_data = max(lay->start_data, (unsigned long)ph->p_vaddr);
	lay->end_data = max(lay->end_data, file_end);
	lay->brk = max(lay->brk, PAGE_ALIGN((unsigned long)ph->p_vaddr + ph->p_memsz));
	/* AT_PHDR: the headers' address, if this segment's file part holds them. */
	if (eh->e_phoff >= ph->p_offset && eh->e_phoff - ph->p_offset < ph->p_filesz)
		lay->phdr_addr = ph->p_vaddr + (eh->e_phoff - ph->p_offset);
}

/* Check every PT_LOAD and note what the other headers ask for. */
static int scan_phdrs(struct elf_layout *lay, const Elf32_Ehdr *eh, const Elf32_Phdr *phdrs,
		      unsigned long file_size)
{
	int loads = 0;

	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = &phdrs[i];

		if (ph->p_type == PT_GNU_STACK)
			lay->exec_stack = ph->p_flags & PF_X;
		if (ph->p_type != PT_LOAD)
			continue; /* PT_TLS, PT_GNU_RELRO, notes: the C library's, through AT_PHDR */
		if (!load_ok(ph, file_size))
			return -ENOEXEC;
		note_load(lay, eh, ph);
		loads += ph->p_memsz != 0;
	}
	return loads ? 0 : -ENOEXEC;
}

/* Does a come after b in address order (header order among equal addresses)? */
static bool after(const Elf32_Phdr *a, const Elf32_Phdr *b)
{
	return !b || a->p_vaddr > b->p_vaddr || (a->p_vaddr == b->p_vaddr && a > b);
}

/* The non-empty PT_LOAD next above prev, or the lowest one if prev is NULL. */
static const Elf32_Phdr *next_load(const Elf32_Phdr *phdrs, unsigned int n, const Elf32_Phdr *prev)
{
	const Elf32_Phdr *next = NULL;

	for (unsigned int i = 0; i < n; i++) {
		const Elf32_Phdr *ph = &phdrs[i];

		if (ph->p_type == PT_LOAD && ph->p_memsz && after(ph, prev) && (!next || after(next, ph)))
			next = ph;
	}
	return next;
}

static struct elf_region *add_region(struct elf_layout *lay, unsigned long start,
				     unsigned long end, u32 flags, enum elf_backing backing)
{
	struct elf_region *r = &lay->regions[lay->nr_regions];

	if (start >= end)
		return NULL;
	*r = (struct elf_region){ .start = start, .end = end, .flags = flags, .backing = backing };
	lay->nr_regions++;
	return r;
}

/* page, the last page planned so far, also holds the start of a segment with flags. */
static void share_page(struct elf_layout *lay, unsigned long page, u32 flags)
{
	struct elf_region *last = &lay->regions[lay->nr_regions - 1];

	if (last->backing != ELF_SHARED) {
		u32 below = last->flags;

		last->end = page; /* the region below gives up its last page */
		if (last->start == last->end)
			lay->nr_regions--;
		last = add_region(lay, page, page + PAGE_SIZE, below, ELF_SHARED);
	}
	last->flags |= flags;
}

/* Plan a segment lying above every one planned so far. */
static void plan_segment(struct elf_layout *lay, const Elf32_Phdr *ph)
{
	unsigned long first = PAGE_START(ph->p_vaddr), start = first;
	unsigned long end = PAGE_ALIGN((unsigned long)ph->p_vaddr + ph->p_memsz);
	unsigned long file_end = ph->p_filesz ? PAGE_ALIGN((unsigned long)ph->p_vaddr + ph->p_filesz)
					      : first;
	struct elf_region *file;

	if (lay->nr_regions && start < lay->regions[lay->nr_regions - 1].end) {
		share_page(lay, start, ph->p_flags);
		start += PAGE_SIZE;
	}
	file = add_region(lay, start, file_end, ph->p_flags, ELF_FILE);
	if (file) {
		file->offset = PAGE_START(ph->p_offset) + (start - first);
		file->file_end = ph->p_offset + ph->p_filesz;
	}
	add_region(lay, max(start, file_end), end, ph->p_flags, ELF_ZERO);
}

int elf_plan_layout(const Elf32_Ehdr *eh, const Elf32_Phdr *phdrs, unsigned long file_size,
		    struct elf_layout *lay)
{
	const Elf32_Phdr *ph = NULL;
	u64 below = 0; /* where the segment below ends */
	int err;

	*lay = (struct elf_layout){ .regions = lay->regions, .exec_stack = true };
	lay->interp = find_phdr(phdrs, eh->e_phnum, PT_INTERP);
	if (lay->interp || eh->e_type != ET_EXEC)
		return -ENOEXEC; /* dynamic, or a static PIE: only fixed addresses load here */
	err = scan_phdrs(lay, eh, phdrs, file_size);
	if (err)
		return err;
	while ((ph = next_load(phdrs, eh->e_phnum, ph))) {
		if (ph->p_vaddr < below)
			return -ENOEXEC;
		plan_segment(lay, ph);
		below = (u64)ph->p_vaddr + ph->p_memsz;
	}
	return 0;
}

bool elf_piece_in_page(const Elf32_Phdr *ph, unsigned long page, struct elf_piece *piece)
{
	unsigned long from = max(page, (unsigned long)ph->p_vaddr);
	unsigned long to = min(page + PAGE_SIZE, (unsigned long)ph->p_vaddr + ph->p_filesz);

	if (ph->p_type != PT_LOAD || from >= to)
		return false;
	piece->in_page = from - page;
	piece->offset = ph->p_offset + (from - ph->p_vaddr);
	piece->len = to - from;
	return true;
}
