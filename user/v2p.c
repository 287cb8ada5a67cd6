/*
 * user/v2p.c: "v2p ADDR": where a virtual address of this process goes. A user
 * address is looked up in /proc/self/pagetable (the page directory and page-table
 * entries the MMU walks); a kernel address in lowmem is in the direct map, so its
 * physical address is ADDR - PAGE_OFFSET (__pa). Try `v2p 0x08049000` (the program's
 * code), `v2p 0x08048000` (its ELF header, never touched, so not there yet) and
 * `v2p 0xc0100000` (the kernel).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_OFFSET 0xc0000000UL

static char buf[16384];

static long read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -1;
	while (n < (long)sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return n;
}

static int user_address(unsigned long addr)
{
	char want[16];
	const char *line;

	if (read_file("/proc/self/pagetable") < 0) {
		perror("v2p: /proc/self/pagetable");
		return 1;
	}
	snprintf(want, sizeof(want), "0x%08lx", addr & ~0xfffUL);
	line = strstr(buf, want);
	if (!line) {
		printf("0x%08lx: no page there: not touched yet (pages appear on first use), "
		       "or outside every region\n", addr);
		return 1;
	}
	printf("%.*s", (int)(strchr(line, '\n') - line + 1), line);
	printf("0x%08lx -> physical 0x%08lx\n", addr, strtoul(line + 12, NULL, 16) + (addr & 0xfff));
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long addr;

	if (argc != 2) {
		fprintf(stderr, "usage: v2p ADDR\n");
		return 2;
	}
	addr = strtoul(argv[1], NULL, 0);
	if (addr < PAGE_OFFSET)
		return user_address(addr);
	printf("0x%08lx is kernel space (above PAGE_OFFSET 0x%08lx): the same in every process.\n",
	       addr, PAGE_OFFSET);
	printf("In lowmem (the direct map) it is physical 0x%08lx (__pa); vmalloc, pkmap and\n"
	       "fixmap addresses are mapped one page at a time instead: see /proc/layout.\n",
	       addr - PAGE_OFFSET);
	return 0;
}
