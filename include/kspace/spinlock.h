/*
 * Spinlocks. A spinlock protects data that several CPUs (or a CPU and its own
 * interrupt handlers) touch: take it, change the data, drop it, never sleep in
 * between. Holding one disables preemption (preempt_count > 0), so schedule() can
 * tell "sleeping while holding a spinlock". The _irqsave forms also turn interrupts
 * off on this CPU, for data an interrupt handler takes the same lock for: without
 * that, the handler would spin forever on a lock its own CPU holds.
 *
 * With the "debug_locks" boot parameter every lock and unlock also goes through
 * kernel/spinlock_debug.c (owner and recursion checks) and kernel/lockdep.c (lock
 * classes, lock order, interrupt state). Off, that costs one well-predicted branch.
 */
#ifndef KSPACE_SPINLOCK_H
#define KSPACE_SPINLOCK_H

#include <asm/irqflags.h>
#include <asm/spinlock.h>
#include <kspace/bug.h>
#include <kspace/lockdep.h>
#include <kspace/preempt.h>

struct task_struct;

typedef struct spinlock {
	arch_spinlock_t raw;
	unsigned int magic; /* SPINLOCK_MAGIC once initialised: a zeroed lock was never set up */
	/* Kept only in debug mode: who holds it, for the owner checks. */
	int owner_cpu;
	int recursion; /* acquisitions by the holder itself, reported and not waited for */
	struct task_struct *owner;
	struct lockdep_map dep_map;
} spinlock_t;

#define SPINLOCK_MAGIC 0xdead4ead

/* A lock defined statically is its own class: its address is the key. */
#define __SPIN_LOCK_INIT(lockname)                                                 \
	{ .raw = __ARCH_SPIN_LOCK_INIT, .magic = SPINLOCK_MAGIC, .owner_cpu = -1, \
	  .dep_map = { .name = #lockname } }
#define __SPIN_LOCK_UNLOCKED(lockname) ((spinlock_t)__SPIN_LOCK_INIT(lockname))
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_INIT(name)

/*
 * Field by field (a compound literal is built on the stack and copied), and inline:
 * fork sets up several locks.
 */
static inline void __spin_lock_init(spinlock_t *lock, const char *name, struct lock_class_key *key)
{
	lock->raw = __ARCH_SPIN_LOCK_UNLOCKED;
	lock->magic = SPINLOCK_MAGIC;
	lock->owner_cpu = -1;
	lock->recursion = 0;
	lock->owner = NULL;
	lock->dep_map.key = key;
	lock->dep_map.name = name;
	lock->dep_map.class_cache = NULL;
}

/* Every lock initialised at one place is one class, as in Linux: the key is static here. */
#define spin_lock_init(lock)                                \
	do {                                                \
		static struct lock_class_key __key;         \
		__spin_lock_init((lock), #lock, &__key);    \
	} while (0)

/* The debug-mode slow paths (kernel/spinlock_debug.c). */
void spin_lock_debug(spinlock_t *lock, unsigned int subclass);
bool spin_trylock_debug(spinlock_t *lock);
void spin_unlock_debug(spinlock_t *lock);

/*
 * The lock alone, without preempt_count (Linux's do_raw_spin_lock): for the runqueue
 * lock, which kernel/sched.c holds only with interrupts off (so its holder cannot be
 * switched away anyway) and which changes hands across a switch, so that a count
 * would have to be carried from one task's thread_info to the next's.
 */
static __always_inline void do_raw_spin_lock(spinlock_t *lock)
{
	if (static_branch_unlikely(&lock_debug))
		spin_lock_debug(lock, 0);
	else
		arch_spin_lock(&lock->raw);
}

static __always_inline void do_raw_spin_unlock(spinlock_t *lock)
{
	if (static_branch_unlikely(&lock_debug))
		spin_unlock_debug(lock);
	else
		arch_spin_unlock(&lock->raw);
}

static __always_inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	do_raw_spin_lock(lock);
}

/*
 * Taking a second lock of the class of one already held (two futex buckets, a parent
 * and a child of the same kind) in an order the caller guarantees: subclass 1..7
 * makes it a class of its own for the order checks.
 */
static inline void spin_lock_nested(spinlock_t *lock, unsigned int subclass)
{
	preempt_disable();
	if (static_branch_unlikely(&lock_debug)) {
		spin_lock_debug(lock, subclass);
		return;
	}
	arch_spin_lock(&lock->raw);
}

static __always_inline bool spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (static_branch_unlikely(&lock_debug)) {
		if (spin_trylock_debug(lock))
			return true;
	} else if (arch_spin_trylock(&lock->raw)) {
		return true;
	}
	preempt_enable();
	return false;
}

static __always_inline void spin_unlock(spinlock_t *lock)
{
	do_raw_spin_unlock(lock);
	preempt_enable();
}

static __always_inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static __always_inline void spin_unlock_irq(spinlock_t *lock)
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

/*
 * The scheduler's runqueue lock is taken by the task switched away from and dropped
 * by the one switched to (kernel/sched.c): in debug mode its owner changes hands too.
 * Unused otherwise, the field is written anyway: one store costs less than the test.
 */
static inline void spin_lock_hand_over(spinlock_t *lock, struct task_struct *next)
{
	lock->owner = next;
}

#endif
