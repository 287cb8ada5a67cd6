/*
 * The x86 spinlock: a ticket lock. A CPU takes a ticket (lock xadd on tail) and
 * spins until head reaches it; unlocking advances head. CPUs get the lock in the
 * order they asked for it, so none can be starved by luckier ones, and the waiting
 * is a plain read loop that stays in each CPU's cache until head changes.
 */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <asm/processor.h>
#include <kspace/threads.h>
#include <kspace/types.h>

/*
 * One byte each, as Linux's ticket locks had them below 256 CPUs: one xadd then takes a
 * ticket and reads head and tail together. Aligned as a word: trylock compares and
 * exchanges both halves at once.
 */
typedef struct {
	u8 head; /* the ticket being served */
	u8 tail; /* the next ticket to hand out */
} __attribute__((aligned(4))) arch_spinlock_t;

_Static_assert(NR_CPUS < 256, "a CPU waits with one ticket: fewer CPUs than tickets");

#define __ARCH_SPIN_LOCK_INIT { 0, 0 } /* for static initialisers */
#define __ARCH_SPIN_LOCK_UNLOCKED ((arch_spinlock_t)__ARCH_SPIN_LOCK_INIT)

/*
 * Add 1 to tail and get the old head (low byte) and tail (high byte) back: when they
 * are equal the lock was free and is ours, in four instructions. Otherwise wait,
 * rereading head, until it comes to our ticket.
 */
static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	u16 tickets = 0x100;

	__asm__ __volatile__("lock xaddw %w0, %1\n\t"
			     "cmpb %h0, %b0\n\t"
			     "je 2f\n"
			     "1:\tpause\n\t"
			     "movb %1, %b0\n\t"
			     "cmpb %h0, %b0\n\t"
			     "jne 1b\n"
			     "2:"
			     : "+Q"(tickets), "+m"(*lock)
			     :
			     : "memory", "cc");
}

static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	arch_spinlock_t old = { .head = __atomic_load_n(&lock->head, __ATOMIC_RELAXED) };
	arch_spinlock_t new = { .head = old.head, .tail = (u8)(old.head + 1) };

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
	__asm__ __volatile__("addb $1, %0" : "+m"(lock->head) : : "memory", "cc");
}

static inline bool arch_spin_is_locked(arch_spinlock_t *lock)
{
	arch_spinlock_t now = *(volatile arch_spinlock_t *)lock;
	return now.head != now.tail;
}

#endif
