/*
 * Slab debugging (mm/slab_debug.c), after Linux's SLUB debug: with "slub_debug" on the
 * command line every kmalloc object of a cache that has room for it is laid out as
 *
 *   | red zone | object (size bytes) | red zone | struct slab_track |
 *
 * Red zones hold SLUB_RED_INACTIVE while the object is free and SLUB_RED_ACTIVE while
 * it is in use, and so do the bytes between the size kmalloc was asked for and the
 * size class: an overrun by even one byte shows on kfree. A free object is filled with
 * POISON_FREE (its last byte POISON_END), so a write after kfree shows when the object
 * is handed out again. Either prints the object, its cache, who allocated and who
 * freed it, and a call trace, then repairs the bytes and goes on, as Linux does.
 */
#ifndef KSPACE_SLAB_DEBUG_H
#define KSPACE_SLAB_DEBUG_H

#include <kspace/slab.h>

#define SLUB_RED_INACTIVE 0xbb
#define SLUB_RED_ACTIVE 0xcc
#define POISON_FREE 0x6b
#define POISON_END 0xa5
/* Bytes on each side of an object: 16 keeps objects 16-byte aligned, as fxsave needs. */
#define SLAB_RED_ZONE 16

/* After the right red zone: who had the object, and the free list's link. */
struct slab_track {
	unsigned long alloc_addr; /* kmalloc's caller */
	unsigned long free_addr;  /* kfree's caller, once freed */
	unsigned int req_size;    /* what kmalloc was asked for */
	int pid;                  /* the task that allocated it */
	void *free_next;          /* next free object, while free */
};

/* What a slot adds to the object, rounded so the next slot's object stays aligned. */
#define SLAB_DEBUG_EXTRA ((2 * SLAB_RED_ZONE + sizeof(struct slab_track) + 15) & ~15u)

extern bool slub_debug;
/* Reports made so far, for the self-tests. */
extern unsigned long slab_debug_reports;

static inline struct slab_track *slab_track(const struct kmem_cache *c, const void *obj)
{
	return (struct slab_track *)((char *)obj + c->size + SLAB_RED_ZONE);
}

/* A slot of a new slab: red zones inactive, object poisoned, no owner. */
void slab_debug_init_object(struct kmem_cache *c, void *obj);
/* kmalloc hands obj out: check it was left alone while free, mark it in use. */
void slab_debug_alloc(struct kmem_cache *c, void *obj, size_t size, unsigned long caller);
/* kfree takes it back: check its red zones, poison it. */
void slab_debug_free(struct kmem_cache *c, void *obj, unsigned long caller);
/* Was obj allocated by a task (not init) that has exited since? */
bool slab_debug_owner_gone(const struct kmem_cache *c, void *obj);
/* One line: cache, object, size, owner, caller. */
void slab_debug_show_object(struct kmem_cache *c, void *obj);
/* Is obj already free? (its red zone says so) */
bool slab_debug_is_free(const struct kmem_cache *c, const void *obj);

#endif
