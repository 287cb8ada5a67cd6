/*
 * Mutexes, as Linux names them: a lock whose holder may sleep (allocate memory, wait
 * for another task), so a task that finds it taken sleeps too instead of spinning.
 * One owner at a time; only the owner unlocks; taking one you hold is a bug (checked
 * always: it would sleep forever). Never taken in interrupt context or under a
 * spinlock (might_sleep() says so in debug mode).
 */
#ifndef KSPACE_MUTEX_H
#define KSPACE_MUTEX_H

#include <asm/current.h>
#include <kspace/lockdep.h>
#include <kspace/wait.h>

struct mutex {
	struct task_struct *owner; /* NULL when free; set and cleared by atomic exchange */
	wait_queue_head_t wait;    /* tasks sleeping until it is free */
};

#define __MUTEX_INITIALIZER(name) { .owner = NULL, .wait = __WAIT_QUEUE_HEAD_INITIALIZER(name.wait) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

/* A macro, as init_waitqueue_head is: each place initialising mutexes is one class. */
#define mutex_init(m)                           \
	do {                                    \
		(m)->owner = NULL;              \
		init_waitqueue_head(&(m)->wait); \
	} while (0)

void mutex_lock_slowpath(struct mutex *m);
void mutex_unlock_not_owner(struct mutex *m);

static inline bool mutex_trylock(struct mutex *m)
{
	struct task_struct *none = NULL;

	return __atomic_compare_exchange_n(&m->owner, &none, current, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

/* Inline, the uncontended case: one compare-and-exchange (the pipe takes it per read). */
static inline void mutex_lock(struct mutex *m)
{
	might_sleep();
	if (unlikely(!mutex_trylock(m)))
		mutex_lock_slowpath(m);
}

/*
 * The store is an exchange, a full barrier: NULL is seen before the look at the
 * queue, and a sleeper queues itself before its last try, so one sees the other.
 */
static inline void mutex_unlock(struct mutex *m)
{
	if (unlikely(__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != current))
		mutex_unlock_not_owner(m);
	__atomic_store_n(&m->owner, NULL, __ATOMIC_SEQ_CST);
	if (waitqueue_active(&m->wait))
		wake_up(&m->wait);
}
static inline bool mutex_is_locked(const struct mutex *m)
{
	return __atomic_load_n(&m->owner, __ATOMIC_RELAXED) != NULL;
}

#endif
