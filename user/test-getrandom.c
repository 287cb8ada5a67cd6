/*
 * user/test-getrandom.c: getrandom(2). Bytes arrive and differ between calls; the
 * flags Linux rejects are EINVAL; a count of 0 is 0 even with NULL; bad buffers are
 * EFAULT, a buffer that runs into unmapped memory gets the bytes that fit, and huge
 * counts are cut to Linux's MAX_RW_COUNT before the buffer is checked.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000UL)

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

int main(void)
{
	unsigned char a[256] = { 0 }, b[256] = { 0 };
	char *edge;
	long r;

	r = getrandom(a, sizeof(a), 0);
	check(r == sizeof(a) && !all_zero(a, sizeof(a)), "getrandom(256) fills the buffer (%s)",
	      describe_result(r));
	r = getrandom(b, sizeof(b), 0);
	check(r == sizeof(b) && memcmp(a, b, sizeof(a)), "a second call gives other bytes");
	memset(a, 0, sizeof(a));
	r = getrandom(a, 5, 0);
	check(r == 5 && all_zero(a + 5, sizeof(a) - 5), "getrandom(5) writes 5 bytes, no more");
	check(getrandom(a, 16, GRND_NONBLOCK) == 16, "GRND_NONBLOCK: 16 bytes");
	check(getrandom(a, 16, GRND_RANDOM) == 16, "GRND_RANDOM: 16 bytes");
	check(getrandom(a, 16, GRND_INSECURE) == 16, "GRND_INSECURE: 16 bytes");
	check(getrandom(a, 16, GRND_RANDOM | GRND_NONBLOCK) == 16, "GRND_RANDOM | GRND_NONBLOCK: 16 bytes");

	const unsigned int bad[] = { 8, 0x80000000u, ~0u, GRND_INSECURE | GRND_RANDOM };
	for (int i = 0; i < 4; i++) {
		r = getrandom(a, 16, bad[i]);
		check(failed_with(r, EINVAL), "flags %#x: EINVAL (%s)", bad[i], describe_result(r));
	}
	check(getrandom(a, 0, 0) == 0, "a count of 0 returns 0");
	check(getrandom(NULL, 0, 0) == 0, "NULL with a count of 0 returns 0");
	check(failed_with(getrandom(NULL, 16, 0), EFAULT), "getrandom(NULL, 16): EFAULT");
	check(failed_with(getrandom(KERNEL_ADDR, 16, 0), EFAULT), "getrandom(kernel address): EFAULT");
	check(failed_with(getrandom((void *)0xBFFFFFF8UL, 16, 0), EFAULT),
	      "a buffer that crosses into the kernel: EFAULT");
	check(failed_with(getrandom((void *)text_page, 16, 0), EFAULT) && text_page_intact(),
	      "getrandom into read-only text: EFAULT, text intact");

	edge = heap_edge();
	/* Linux/i386 may stop at the last whole 64-byte block; kspace copies to the byte. */
	r = getrandom(edge - 100, 4096, 0);
	check(r > 0 && r <= 100 && (r == 100 || !on_kspace()),
	      "a buffer running into unmapped memory gets bytes that fit, no more (%s)", describe_result(r));
	r = getrandom(edge - 100, 0xffffffffUL, 0);
	check(r > 0 && r <= 100, "count 0xffffffff is cut to MAX_RW_COUNT, then bytes fit (%s)",
	      describe_result(r));
	r = getrandom(edge - 100, 0x80000000UL, 0);
	check(r > 0 && r <= 100, "count 0x80000000 too (%s)", describe_result(r));
	r = syscall(__NR_getrandom, 0x50000000UL, 0x7ffff001UL, 0);
	check(failed_with(r, EFAULT), "buffer + MAX_RW_COUNT past 3 GiB: EFAULT (%s)", describe_result(r));
	return check_status();
}
