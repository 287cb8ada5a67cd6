/*
 * user/mkbadelf.c: writes DIR/hello, a minimal valid static i386 executable built byte
 * by byte, and DIR/bad-elf/, copies of it each broken in one way (listed in bad_elf.h).
 * Because every bad file is hello with one defect, a loader that misses the defect
 * runs hello, which prints "hello" and exits 0.
 *
 * Runs on the build machine: mkbadelf DIR
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bad_elf.h"

#define BASE_VADDR 0x08048000u /* where i386 executables traditionally start */
#define DATA_VADDR 0x0804a000u /* a page clear of hello's own */
/* hello's code follows the ELF header and room for two program headers. */
#define CODE_OFFSET (sizeof(Elf32_Ehdr) + 2 * sizeof(Elf32_Phdr))

struct image {
	unsigned char bytes[512];
	size_t size;
};

static Elf32_Ehdr *ehdr(struct image *im)
{
	return (Elf32_Ehdr *)im->bytes;
}

static Elf32_Phdr *phdr(struct image *im, int i)
{
	return (Elf32_Phdr *)(im->bytes + sizeof(Elf32_Ehdr)) + i;
}

/* write(1, "hello\n", 6); exit(0) */
static const unsigned char hello_code[] = {
	0xb8, 4, 0, 0, 0,    /* mov $4, %eax        __NR_write */
	0xbb, 1, 0, 0, 0,    /* mov $1, %ebx        stdout */
	0xb9, 0, 0, 0, 0,    /* mov $msg, %ecx      patched in build_hello */
	0xba, 6, 0, 0, 0,    /* mov $6, %edx */
	0xcd, 0x80,          /* int $0x80 */
	0xb8, 1, 0, 0, 0,    /* mov $1, %eax        __NR_exit */
	0x31, 0xdb,          /* xor %ebx, %ebx */
	0xcd, 0x80,          /* int $0x80 */
	'h', 'e', 'l', 'l', 'o', '\n',
};
#define MSG_IMM_OFFSET 11 /* the operand of mov $msg, %ecx */

static void build_hello(struct image *im)
{
	Elf32_Ehdr *eh = ehdr(im);
	Elf32_Phdr *ph = phdr(im, 0);
	uint32_t msg = BASE_VADDR + CODE_OFFSET + sizeof(hello_code) - 6;

	memset(im, 0, sizeof(*im));
	im->size = CODE_OFFSET + sizeof(hello_code);
	memcpy(im->bytes + CODE_OFFSET, hello_code, sizeof(hello_code));
	memcpy(im->bytes + CODE_OFFSET + MSG_IMM_OFFSET, &msg, sizeof(msg));

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_386;
	eh->e_version = EV_CURRENT;
	eh->e_entry = BASE_VADDR + CODE_OFFSET;
	eh->e_phoff = sizeof(Elf32_Ehdr);
	eh->e_ehsize = sizeof(Elf32_Ehdr);
	eh->e_phentsize = sizeof(Elf32_Phdr);
	eh->e_phnum = 1;

	ph->p_type = PT_LOAD;
	ph->p_offset = 0;
	ph->p_vaddr = ph->p_paddr = BASE_VADDR;
	ph->p_filesz = ph->p_memsz = im->size;
	ph->p_flags = PF_R | PF_X;
	ph->p_align = 0x1000;
}

/* A second PT_LOAD, the defective one. */
static void add_segment(struct image *im, uint32_t vaddr, uint32_t offset, uint32_t filesz,
			uint32_t memsz)
{
	Elf32_Phdr *ph = phdr(im, 1);

	ph->p_type = PT_LOAD;
	ph->p_offset = offset;
	ph->p_vaddr = ph->p_paddr = vaddr;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
	ph->p_flags = PF_R | PF_W;
	ph->p_align = 0x1000;
	ehdr(im)->e_phnum = 2;
}

/* A PT_INTERP naming Linux's i386 dynamic loader, as a dynamic program has. */
static void add_interp(struct image *im)
{
	static const char interp[] = "/lib/ld-linux.so.2";
	Elf32_Phdr *ph = phdr(im, 1);

	memcpy(im->bytes + im->size, interp, sizeof(interp));
	ph->p_type = PT_INTERP;
	ph->p_offset = im->size;
	ph->p_filesz = ph->p_memsz = sizeof(interp);
	ph->p_flags = PF_R;
	ph->p_align = 1;
	im->size += sizeof(interp);
	ehdr(im)->e_phnum = 2;
}

/* Give hello the defect that bad_elf.h names; false for a name without a recipe. */
static bool spoil(struct image *im, const char *name)
{
	Elf32_Ehdr *eh = ehdr(im);

	if (!strcmp(name, "bad-magic"))
		eh->e_ident[EI_MAG3] = 'X';
	else if (!strcmp(name, "truncated-ehdr"))
		im->size = EI_NIDENT;
	else if (!strcmp(name, "no-phdrs"))
		eh->e_phnum = 0;
	else if (!strcmp(name, "bad-phentsize"))
		eh->e_phentsize = sizeof(Elf32_Phdr) + 8;
	else if (!strcmp(name, "huge-phnum"))
		eh->e_phnum = 65535;
	else if (!strcmp(name, "truncated-phdrs")) { /* the file ends inside the second */
		add_segment(im, DATA_VADDR, 0, 0, 0x1000);
		im->size = sizeof(Elf32_Ehdr) + sizeof(Elf32_Phdr) + sizeof(Elf32_Phdr) / 2;
	} else if (!strcmp(name, "wrong-machine"))
		eh->e_machine = EM_ARM;
	else if (!strcmp(name, "et-rel"))
		eh->e_type = ET_REL;
	else if (!strcmp(name, "pt-interp"))
		add_interp(im);
	else if (!strcmp(name, "et-dyn"))
		eh->e_type = ET_DYN;
	else if (!strcmp(name, "elfclass64"))
		eh->e_ident[EI_CLASS] = ELFCLASS64;
	else if (!strcmp(name, "overlapping-segments"))
		add_segment(im, BASE_VADDR, 0, 0x40, 0x40);
	else if (!strcmp(name, "wrapping-segment"))
		add_segment(im, 0xfffff000, 0, 0, 0x2000);
	else if (!strcmp(name, "kernel-segment"))
		add_segment(im, 0xc0000000, 0, 0, 0x1000);
	else if (!strcmp(name, "kernel-straddling-segment"))
		add_segment(im, 0xbffff000, 0, 0, 0x2000);
	else if (!strcmp(name, "filesz-over-memsz"))
		add_segment(im, DATA_VADDR, 0, 0x80, 0x40);
	else if (!strcmp(name, "offset-past-eof"))
		add_segment(im, DATA_VADDR, 0x100000, 0x100, 0x100);
	else if (!strcmp(name, "misaligned-segment"))
		add_segment(im, DATA_VADDR, 0x10, 0x10, 0x10);
	else
		return false;
	return true;
}

static void write_image(const char *dir, const char *name, const struct image *im)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, im->bytes, im->size) != (ssize_t)im->size || close(fd) < 0) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	char bad_dir[4096];
	struct image im;

	if (argc != 2) {
		fprintf(stderr, "usage: mkbadelf DIR\n");
		return 1;
	}
	snprintf(bad_dir, sizeof(bad_dir), "%s/bad-elf", argv[1]);
	if (mkdir(bad_dir, 0755) < 0 && errno != EEXIST) {
		perror(bad_dir);
		return 1;
	}
	build_hello(&im);
	write_image(argv[1], "hello", &im);
	for (size_t i = 0; i < BAD_ELF_COUNT; i++) {
		build_hello(&im);
		if (!spoil(&im, bad_elf_files[i].name)) {
			fprintf(stderr, "mkbadelf: no recipe for %s\n", bad_elf_files[i].name);
			return 1;
		}
		write_image(bad_dir, bad_elf_files[i].name, &im);
	}
	return 0;
}
