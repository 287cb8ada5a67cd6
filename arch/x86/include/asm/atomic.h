/*
 * atomic_t: a counter that CPUs change at once without a lock, for reference counts
 * shared between threads on different CPUs (an mm, a file table, signal state).
 * Each change is one locked read-modify-write instruction (lock incl, lock decl;
 * sete), so no increment or decrement is lost and exactly one CPU sees zero.
 */
#ifndef ASM_ATOMIC_H
#define ASM_ATOMIC_H

#include <kspace/types.h>

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i) { (i) }

static inline int atomic_read(const atomic_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *v, int i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_inc(atomic_t *v)
{
	__asm__ volatile("lock incl %0" : "+m"(v->counter) : : "memory");
}

static inline void atomic_dec(atomic_t *v)
{
	__asm__ volatile("lock decl %0" : "+m"(v->counter) : : "memory");
}

/* Whether this decrement took it to zero: the caller frees what it counts. */
static inline bool atomic_dec_and_test(atomic_t *v)
{
	bool zero;

	__asm__ volatile("lock decl %0; sete %1" : "+m"(v->counter), "=qm"(zero) : : "memory");
	return zero;
}

#endif
