/*
 * Mutexes, as Linux names them: a lock whose holder may sleep (allocate memory, wait
 * for another task), so a task that finds it taken sleeps too instead of spinning.
 * One owner at a time; only the owner unlocks; taking one you hold is a bug (checked
 * always: it would sleep forever). Never taken in interrupt context or under a
 * spinlock (might_sleep() says so in debug mode).
 */
#ifndef KSPACE_MUTEX_H
#define KSPACE_MUTEX_H

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

void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
static inline bool mutex_is_locked(const struct mutex *m)
{
	return __atomic_load_n(&m->owner, __ATOMIC_RELAXED) != NULL;
}

#endif
