/*
 * mm/slab_debug_test.c: slub_debug catches what it promises: a write past the size
 * kmalloc was asked for, a write before the object, and a write after kfree. Each
 * must make exactly one report (the log shows it: cache, owner, call trace) and the
 * object must be usable again after the repair. Skipped without slub_debug.
 */
#include <kspace/gfp.h>
#include <kspace/selftest.h>
#include <kspace/slab.h>
#include <kspace/slab_debug.h>

SELFTEST(slub_debug_catches_overrun)
{
	unsigned long before = slab_debug_reports;
	volatile char *p;

	if (!slub_debug)
		return SELFTEST_SKIPPED;
	p = kmalloc(20, GFP_KERNEL); /* kmalloc-32: bytes 20..31 are red zone */
	EXPECT(p);
	p[20] = 'x';
	kfree((void *)p);
	EXPECT(slab_debug_reports == before + 1);
	return 0;
}

SELFTEST(slub_debug_catches_underrun)
{
	unsigned long before = slab_debug_reports;
	volatile char *p;

	if (!slub_debug)
		return SELFTEST_SKIPPED;
	p = kmalloc(100, GFP_KERNEL);
	EXPECT(p);
	p[-3] = 'x';
	kfree((void *)p);
	EXPECT(slab_debug_reports == before + 1);
	return 0;
}

SELFTEST(slub_debug_catches_use_after_free)
{
	unsigned long before = slab_debug_reports;
	void *keep, *q;
	volatile char *p;

	if (!slub_debug)
		return SELFTEST_SKIPPED;
	/* keep holds the slab, so the freed object stays in it and comes back first. */
	keep = kmalloc(48, GFP_KERNEL);
	p = kmalloc(48, GFP_KERNEL);
	EXPECT(keep && p);
	kfree((void *)p);
	p[5] = 'x';
	q = kmalloc(48, GFP_KERNEL);
	EXPECT(q == (void *)p && slab_debug_reports == before + 1);
	kfree(q);
	kfree(keep);
	EXPECT(slab_debug_reports == before + 1); /* repaired: nothing more to report */
	return 0;
}
