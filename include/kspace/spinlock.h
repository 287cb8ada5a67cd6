/*
 * Spinlocks. A spinlock protects data that several CPUs (or a CPU and its own
 * interrupt handlers) touch: take it, change the data, drop it, never sleep in
 * between. Holding one disables preemption (preempt_count > 0), so schedule() can
 * tell "sleeping while holding a spinlock". The _irqsave forms also turn interrupts
 * off on this CPU, for data an interrupt handler takes the same lock for: without
 * that, the handler would spin forever on a lock its own CPU holds.
 */
#ifndef KSPACE_SPINLOCK_H
#define KSPACE_SPINLOCK_H

#include <asm/irqflags.h>
#include <asm/spinlock.h>
#include <kspace/bug.h>
#include <kspace/preempt.h>

typedef struct spinlock {
	arch_spinlock_t raw;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) ((spinlock_t){.raw = __ARCH_SPIN_LOCK_UNLOCKED})
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void spin_lock_init(spinlock_t *lock) { *lock = __SPIN_LOCK_UNLOCKED(lock); }

static inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	arch_spin_lock(&lock->raw);
}

static inline bool spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (arch_spin_trylock(&lock->raw))
		return true;
	preempt_enable();
	return false;
}

static inline void spin_unlock(spinlock_t *lock)
{
	arch_spin_unlock(&lock->raw);
	preempt_enable();
}

static inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static inline void spin_unlock_irq(spinlock_t *lock)
{
	spin_unlock(lock);
	local_irq_enable();
}

#define spin_lock_irqsave(lock, flags)     \
	do {                               \
		(flags) = local_irq_save(); \
		spin_lock(lock);           \
	} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}

static inline bool spin_is_locked(spinlock_t *lock) { return arch_spin_is_locked(&lock->raw); }
#define assert_spin_locked(lock) BUG_ON(!spin_is_locked(lock))

#endif
