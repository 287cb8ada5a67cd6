/*
 * kmalloc: small kernel allocations (mm/slab.c). Sizes up to 4096 bytes come from
 * per-size-class caches of one-page slabs; larger ones are whole page blocks from
 * the buddy allocator. Memory is lowmem, so the pointer is a direct-map address.
 */
#ifndef KSPACE_SLAB_H
#define KSPACE_SLAB_H

#include <kspace/gfp.h>
#include <kspace/list.h>
#include <kspace/spinlock.h>

#define KMALLOC_MIN_SIZE 8
#define KMALLOC_MAX_CACHE_SIZE 4096

/* kmalloc(0) returns this: not NULL, but faults if used, and kfree accepts it. */
#define ZERO_SIZE_PTR ((void *)16)

struct kmem_cache {
	const char *name;
	unsigned int size;          /* object size: a power of two */
	unsigned int stride;        /* bytes per slot: size, or more with slub_debug's red zones */
	unsigned int objs_per_slab;
	bool debug;                 /* slub_debug: red zones, poison, owner (mm/slab_debug.c) */
	spinlock_t list_lock;       /* the lists, the counts and the slabs' freelists */
	struct list_head partial;   /* slabs with free objects (an empty one is kept for reuse) */
	struct list_head full;
	unsigned long nr_slabs;
	unsigned long nr_objects;   /* objects in use */
};

void kmem_cache_init(void);
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void kfree(const void *p);
char *kstrdup(const char *s, gfp_t gfp);

/* Return every empty slab to the page allocator. */
void kmem_cache_shrink_all(void);
/*
 * With slub_debug: print each object still allocated whose allocating task has
 * exited, with its cache, size and caller; returns how many. Files and other
 * objects that outlive their creator are expected; anything else is a leak.
 */
unsigned long kmem_show_orphans(void);
/* Pages held by slabs, for /proc/meminfo's Slab line. */
unsigned long slab_pages(void);
struct seq_buf;
/* /proc/slabinfo: one line per kmalloc cache, Linux's format. */
void slabinfo_render(struct seq_buf *s);

#endif
