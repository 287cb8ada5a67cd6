/*
 * user/elf-image.c: a program that checks its own memory image against its ELF
 * file. It is linked in several layouts (user/elf-image-*.ld: a .bss-only segment,
 * segments sharing pages, unsorted PT_LOADs with a mid-page .bss), and test-exec
 * runs each: the exit status is 0 when every PT_LOAD reads as its header promises,
 * 1 (with a line saying where) when not; a loader that maps too little kills it
 * with SIGSEGV.
 *
 * What each PT_LOAD promises: its file bytes at p_vaddr, zeros up to p_memsz and,
 * when it has a .bss, to the end of that page if no other segment shares it (Linux's
 * padzero); a writable segment is writable on every page. The checks run first
 * thing in main, so nothing has written to the program's data yet except crt0,
 * which set environ. Usage: elf-image PATH-OF-ITSELF (argv[0] when run by execve).
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define PAGE 4096UL
#define MAX_PHNUM 16

/* The program's own headers, read from its file. On the stack: .bss must stay untouched. */
struct headers {
	Elf32_Ehdr eh;
	Elf32_Phdr ph[MAX_PHNUM];
};

/* Written by crt0 before main, so not as the file has it. */
static int changed(unsigned long addr)
{
	return addr - (unsigned long)&environ < sizeof(environ);
}

static int touches(const Elf32_Phdr *ph, unsigned long page)
{
	return ph->p_type == PT_LOAD && ph->p_memsz && ph->p_vaddr < page + PAGE &&
	       ph->p_vaddr + ph->p_memsz > page;
}

static int read_at(int fd, void *buf, unsigned long n, unsigned long off)
{
	return lseek(fd, off, SEEK_SET) == (off_t)off && read(fd, buf, n) == (ssize_t)n;
}

/* The first address in [from, to) that differs from the file at off (fd -1: zeros), or 0. */
static unsigned long first_difference(int fd, unsigned long from, unsigned long to, long off)
{
	unsigned char buf[512];

	for (unsigned long a = from; a < to; a += sizeof(buf)) {
		unsigned long n = to - a < sizeof(buf) ? to - a : sizeof(buf);

		for (unsigned long i = 0; i < n; i++)
			buf[i] = 0;
		if (fd >= 0 && !read_at(fd, buf, n, off + (a - from)))
			return a;
		for (unsigned long i = 0; i < n; i++)
			if (((const volatile unsigned char *)a)[i] != buf[i] && !changed(a + i))
				return a + i;
	}
	return 0;
}

/* Every page of a writable segment takes a write (of the byte already there). */
static void write_each_page(const Elf32_Phdr *ph)
{
	for (unsigned long a = ph->p_vaddr; a < ph->p_vaddr + ph->p_memsz; a = (a & ~(PAGE - 1)) + PAGE) {
		volatile unsigned char *p = (volatile unsigned char *)a;

		*p = *p;
	}
}

/* 0, or the address where segment ph's image is wrong. */
static unsigned long check_segment(int fd, const struct headers *h, const Elf32_Phdr *ph)
{
	unsigned long file_end = ph->p_vaddr + ph->p_filesz, end = ph->p_vaddr + ph->p_memsz;
	unsigned long bad = first_difference(fd, ph->p_vaddr, file_end, ph->p_offset);
	unsigned long page = (end - 1) & ~(PAGE - 1), shared = 0;

	if (!bad)
		bad = first_difference(-1, file_end, end, 0);
	for (unsigned int i = 0; i < h->eh.e_phnum; i++)
		shared |= &h->ph[i] != ph && touches(&h->ph[i], page);
	if (!bad && ph->p_memsz > ph->p_filesz && !shared)
		bad = first_difference(-1, end, page + PAGE, 0);
	if (!bad && (ph->p_flags & PF_W))
		write_each_page(ph);
	return bad;
}

int main(int argc, char **argv)
{
	struct headers h;
	int fd = argc > 0 ? open(argv[0], O_RDONLY) : -1;
	unsigned long bad = 0;
	unsigned int i;

	if (fd < 0 || !read_at(fd, &h.eh, sizeof(h.eh), 0) || h.eh.e_phnum > MAX_PHNUM ||
	    !read_at(fd, h.ph, h.eh.e_phnum * sizeof(Elf32_Phdr), h.eh.e_phoff)) {
		printf("# elf-image: cannot read my own headers from %s\n", argc > 0 ? argv[0] : "?");
		return 2;
	}
	for (i = 0; i < h.eh.e_phnum && !bad; i++)
		if (h.ph[i].p_type == PT_LOAD && h.ph[i].p_memsz)
			bad = check_segment(fd, &h, &h.ph[i]);
	if (bad)
		printf("# elf-image: %s: segment %u (p_vaddr %#x): %#lx reads wrong\n", argv[0], i - 1,
		       h.ph[i - 1].p_vaddr, bad);
	return bad ? 1 : 0;
}
