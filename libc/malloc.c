/*
 * libc/malloc.c: the heap: malloc, free, calloc and realloc over the program break.
 *
 * Every block, free or in use, starts with a header giving its size in 16-byte units,
 * header included; that keeps every result 16-byte aligned, as glibc's are on i386.
 * Free blocks form a list sorted by address. malloc takes the first free block big
 * enough (first fit), splitting off its tail when it is larger; free puts the block
 * back in address order and merges it with a free neighbour on either side
 * (coalescing). When nothing fits, the break is raised by at least HEAP_GROW bytes.
 * Memory is never given back to the kernel.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UNIT 16               /* the allocation granule, and the header's size */
#define HEAP_GROW (64 * 1024) /* the least the break is raised by */

struct header {
	struct header *next; /* the next free block by address; unused while in use */
	size_t units;        /* the block's size in UNITs, header included */
} __attribute__((aligned(UNIT)));

static struct header *free_list; /* lowest address first */

/* Put a block back in the list, merging it with the free blocks it touches. */
static void insert_free(struct header *b)
{
	struct header **link = &free_list;
	struct header *prev = NULL;

	while (*link && *link < b) {
		prev = *link;
		link = &(*link)->next;
	}
	b->next = *link;
	*link = b;
	if (b->next && b + b->units == b->next) {
		b->units += b->next->units;
		b->next = b->next->next;
	}
	if (prev && prev + prev->units == b) {
		prev->units += b->units;
		prev->next = b->next;
	}
}

/* Raise the break by at least units, aligning the first block; false if the kernel refuses. */
static bool grow_heap(size_t units)
{
	uintptr_t cur = (uintptr_t)sbrk(0);
	size_t pad = (UNIT - cur % UNIT) % UNIT;
	size_t bytes = units * UNIT;
	struct header *b;

	if (bytes < HEAP_GROW)
		bytes = HEAP_GROW;
	if (bytes > INT32_MAX - pad)
		return false;
	b = sbrk((int)(bytes + pad));
	if (b == (void *)-1)
		return false;
	b = (struct header *)((char *)b + pad);
	b->units = bytes / UNIT;
	insert_free(b);
	return true;
}

void *malloc(size_t size)
{
	size_t units;

	if (size > SIZE_MAX - 2 * UNIT)
		return NULL;
	units = (size + UNIT - 1) / UNIT + 1;
	for (;;) {
		for (struct header **link = &free_list; *link; link = &(*link)->next) {
			struct header *b = *link;
			if (b->units < units)
				continue;
			if (b->units == units) {
				*link = b->next;
			} else { /* keep the head free, hand out the tail */
				b->units -= units;
				b += b->units;
				b->units = units;
			}
			return b + 1;
		}
		if (!grow_heap(units))
			return NULL;
	}
}

void free(void *p)
{
	if (p)
		insert_free((struct header *)p - 1);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = malloc(n * size);
	return p ? memset(p, 0, n * size) : NULL;
}

void *realloc(void *p, size_t size)
{
	size_t have;
	void *q;

	if (!p)
		return malloc(size);
	have = (((struct header *)p - 1)->units - 1) * UNIT;
	if (size <= have)
		return p;
	q = malloc(size);
	if (q) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}
