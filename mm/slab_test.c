/* mm/slab_test.c: kmalloc/kfree stress across size classes, and the BUGs kfree must catch. */
#include <kspace/gfp.h>
#include <kspace/selftest.h>
#include <kspace/slab.h>
#include <kspace/string.h>

#define NR_OBJECTS 1500

static unsigned int rng_state = 12345;

static unsigned int rng(void) /* a fixed sequence, so a failure can be replayed */
{
	rng_state = rng_state * 1103515245 + 12345;
	return rng_state >> 8;
}

static void *objs[NR_OBJECTS];
static unsigned int sizes[NR_OBJECTS];

static bool pattern_intact(unsigned int i)
{
	const unsigned char *p = objs[i];

	for (unsigned int b = 0; b < sizes[i]; b++)
		if (p[b] != (unsigned char)(i * 7 + b))
			return false;
	return true;
}

/*
 * NR_OBJECTS, or fewer on a machine whose boot left less free (an initramfs can hold
 * most of a small one): the objects ask for at most a quarter of the free memory, so
 * the test checks the allocator, not the RAM size.
 */
SELFTEST(kmalloc_stress_size_classes)
{
	unsigned long free_before, slabs_before, budget, asked = 0;
	unsigned int n = 0;

	kmem_cache_shrink_all(); /* what stays is in use (the VGA console's vm_struct...) */
	free_before = nr_free_pages();
	slabs_before = slab_pages();
	budget = free_before / 4 * PAGE_SIZE;

	for (unsigned int i = 0; i < NR_OBJECTS; i++, n++) {
		/* Mostly small, sometimes up to 3 pages: every cache and the large path. */
		sizes[i] = rng() % 8 ? 1 + rng() % 4096 : 1 + rng() % (3 * 4096);
		asked += sizes[i];
		if (asked > budget)
			break;
		objs[i] = kmalloc(sizes[i], GFP_KERNEL);
		EXPECT(objs[i]);
		unsigned int align = sizes[i] >= 4096 ? 4096 : 8;
		EXPECT(((unsigned long)objs[i] & (align - 1)) == 0);
		for (unsigned int b = 0; b < sizes[i]; b++)
			((unsigned char *)objs[i])[b] = (unsigned char)(i * 7 + b);
	}
	/* Free in a scrambled order; every object must still hold its own pattern. */
	EXPECT(n > 100);
	for (unsigned int k = 0; k < NR_OBJECTS; k++) {
		unsigned int i = (k * 7919) % NR_OBJECTS;

		if (i >= n)
			continue;
		EXPECT(pattern_intact(i));
		kfree(objs[i]);
	}
	kmem_cache_shrink_all();
	EXPECT(slab_pages() == slabs_before);
	EXPECT(nr_free_pages() == free_before);
	return 0;
}

SELFTEST(kmalloc_edge_cases)
{
	unsigned char *z = kzalloc(100, GFP_KERNEL);

	EXPECT(z);
	for (int i = 0; i < 100; i++)
		EXPECT(z[i] == 0);
	kfree(z);
	EXPECT(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	EXPECT(kmalloc(8UL << 20, GFP_KERNEL) == NULL); /* beyond the largest block: NULL */
	return 0;
}

CRASHTEST(kfree_double)
{
	void *p = kmalloc(32, GFP_KERNEL);
	void *keep = kmalloc(32, GFP_KERNEL); /* keeps the slab alive after the first kfree */

	kfree(p);
	kfree(p);
	kfree(keep);
}

CRASHTEST(kfree_inside_object)
{
	char *p = kmalloc(64, GFP_KERNEL);

	kfree(p + 8);
}

CRASHTEST(kfree_not_kmalloc)
{
	static int not_heap;

	kfree(&not_heap); /* kernel image memory: not a slab */
}
