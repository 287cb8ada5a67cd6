/*
 * The x86 spinlock: a ticket lock. A CPU takes a ticket (lock xadd on tail) and
 * spins until head reaches it; unlocking advances head. CPUs get the lock in the
 * order they asked for it, so none can be starved by luckier ones, and the waiting
 * is a plain read loop that stays in each CPU's cache until head changes.
 */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <asm/processor.h>
#include <kspace/types.h>

/* Aligned as a word: trylock compares and exchanges both halves at once. */
typedef struct {
	u16 head; /* the ticket being served */
	u16 tail; /* the next ticket to hand out */
} __attribute__((aligned(4))) arch_spinlock_t;

#define __ARCH_SPIN_LOCK_INIT { 0, 0 } /* for static initialisers */
#define __ARCH_SPIN_LOCK_UNLOCKED ((arch_spinlock_t)__ARCH_SPIN_LOCK_INIT)

static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	u16 ticket = __atomic_fetch_add(&lock->tail, 1, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&lock->head, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
}

static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	arch_spinlock_t old = { .head = __atomic_load_n(&lock->head, __ATOMIC_RELAXED) };
	arch_spinlock_t new = { .head = old.head, .tail = (u16)(old.head + 1) };

	old.tail = old.head; /* free only if nobody holds a ticket */
	return __atomic_compare_exchange(lock, &old, &new, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED);
}

/*
 * Only the holder writes head, so a plain add is enough (no lock prefix): x86 keeps
 * stores in order, so the data written under the lock is visible before head moves.
 */
static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	__asm__ __volatile__("addw $1, %0" : "+m"(lock->head) : : "memory", "cc");
}

static inline bool arch_spin_is_locked(arch_spinlock_t *lock)
{
	arch_spinlock_t now = *(volatile arch_spinlock_t *)lock;
	return now.head != now.tail;
}

#endif
