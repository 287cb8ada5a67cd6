/*
 * tests/host/stub_alloc.c: kmalloc and vmalloc for kernel code tested on the host,
 * over malloc so that ASan sees every overrun. They count live allocations, for
 * tests that check nothing leaks, and can be told to fail, for tests of the
 * out-of-memory paths. The real allocators are tested over simulated RAM instead.
 */
#include <stdlib.h>

#include "kapi.h"

#include <kspace/slab.h>
#include <kspace/vmalloc.h>

static long live;           /* allocations not yet freed */
static long fail_after = -1; /* allocations that may still succeed; -1: all */

/* For tests: the live count, and "let n more allocations succeed, then fail" (-1: never). */
long stub_alloc_live(void);
void stub_alloc_fail_after(long n);

long stub_alloc_live(void)
{
	return live;
}

void stub_alloc_fail_after(long n)
{
	fail_after = n;
}

static void *stub_alloc(size_t size, bool zero)
{
	void *p;

	if (fail_after == 0)
		return NULL;
	p = zero ? calloc(1, size) : malloc(size);
	if (!p)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	live++;
	return p;
}

static void stub_free(const void *p)
{
	if (!p)
		return;
	live--;
	free((void *)p);
}

/* As the kernel's: kmalloc(0) is ZERO_SIZE_PTR, vmalloc(0) NULL. */
void *kmalloc(size_t size, gfp_t gfp __attribute__((unused)))
{
	return size ? stub_alloc(size, false) : ZERO_SIZE_PTR;
}

void *kzalloc(size_t size, gfp_t gfp __attribute__((unused)))
{
	return size ? stub_alloc(size, true) : ZERO_SIZE_PTR;
}

void kfree(const void *p)
{
	if (p != ZERO_SIZE_PTR)
		stub_free(p);
}

void *vmalloc(unsigned long size)
{
	return size ? stub_alloc(size, false) : NULL;
}

void vfree(const void *addr)
{
	stub_free(addr);
}
