/*
 * user/test-large-copy.c: read and write of large buffers, the copies kspace does 128
 * bytes at a time through the XMM registers (arch/x86/lib/usercopy.c). The user's own
 * XMM registers must come back unchanged; a buffer that runs into unmapped memory gets
 * a short count (the bytes before the hole), one that starts in read-only or unmapped
 * memory EFAULT; sizes that are no multiple of 128 and odd alignments copy every byte.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

#define FILE_PATH "/tmp/test-large-copy"
#define BIG 16384

static unsigned char pattern[BIG + 256], back[BIG + 256];

static int fresh_file(void)
{
	int fd = open(FILE_PATH, O_CREAT | O_TRUNC | O_RDWR, 0600);

	for (unsigned int i = 0; i < sizeof(pattern); i++)
		pattern[i] = (unsigned char)(i * 7 + i / 251);
	return fd;
}

/* Every size and alignment pair: written at offset 0, read back, compared. */
static void check_sizes(int fd)
{
	static const unsigned int sizes[] = { 1023, 1024, 1025, 4096, 4097, 5000, 8191, BIG };
	bool all = true;

	for (unsigned int s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (unsigned int align = 0; align < 16; align += 5) {
			unsigned int n = sizes[s];

			memset(back, 0, sizeof(back));
			all &= pwrite(fd, pattern + align, n, 0) == (long)n &&
			       pread(fd, back + (15 - align), n, 0) == (long)n &&
			       !memcmp(back + (15 - align), pattern + align, n) &&
			       back[15 - align + n] == 0; /* not a byte more */
		}
	check(all, "sizes 1023..16384 at odd alignments copy exactly, both ways");
}

static void check_xmm_kept(int fd)
{
	static const unsigned char want[16] = "xmm7 stays put!";
	unsigned char got[16];
	long r;

	__asm__ __volatile__("movups %0, %%xmm7" : : "m"(want));
	r = pread(fd, back, BIG, 0);
	__asm__ __volatile__("movups %%xmm7, %0" : "=m"(got));
	check(r == BIG && !memcmp(got, want, 16), "a 16 KiB read leaves the caller's XMM7 as it was (%ld)", r);
	__asm__ __volatile__("movups %0, %%xmm0" : : "m"(want));
	r = pwrite(fd, pattern, BIG, 0);
	__asm__ __volatile__("movups %%xmm0, %0" : "=m"(got));
	check(r == BIG && !memcmp(got, want, 16), "a 16 KiB write leaves XMM0 as it was (%ld)", r);
}

static void check_holes(int fd)
{
	char *area = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long r;

	if (area == MAP_FAILED)
		return;
	munmap(area + 2 * PAGE_SIZE, PAGE_SIZE); /* two pages, then a hole */
	pwrite(fd, pattern, BIG, 0);
	r = pread(fd, area + 100, 3 * PAGE_SIZE, 0);
	/* Linux stops at its copy's own granularity (64 bytes), kspace at the byte */
	check(r > (long)(2 * PAGE_SIZE - 164) && r <= (long)(2 * PAGE_SIZE - 100) &&
	      !memcmp(area + 100, pattern, r),
	      "a read running into a hole: the bytes before it (%s)", describe_result(r));
	mprotect(area, 2 * PAGE_SIZE, PROT_READ);
	r = pread(fd, area, 2 * PAGE_SIZE, 0);
	check(failed_with(r, EFAULT), "a read into read-only memory: EFAULT (%s)", describe_result(r));
	r = pread(fd, area + 2 * PAGE_SIZE, 2 * PAGE_SIZE, 0);
	check(failed_with(r, EFAULT), "a read into unmapped memory: EFAULT (%s)", describe_result(r));
	r = pwrite(fd, area + 2 * PAGE_SIZE, 2 * PAGE_SIZE, 0);
	check(failed_with(r, EFAULT), "a write from unmapped memory: EFAULT (%s)", describe_result(r));
	munmap(area, 2 * PAGE_SIZE);
}

int main(void)
{
	int fd = fresh_file();

	check(fd >= 0, "a file to copy through (%s)", describe_result(fd));
	if (fd < 0)
		return check_status();
	check_sizes(fd);
	check_xmm_kept(fd);
	check_holes(fd);
	close(fd);
	unlink(FILE_PATH);
	return check_status();
}
