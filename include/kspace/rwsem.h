/*
 * Read-write semaphores, as Linux names them: many readers or one writer, and a task
 * that cannot have its turn sleeps. A waiting writer holds back new readers, so a
 * stream of readers cannot starve it; the price is Linux's rule that a reader must
 * never take the same semaphore again while holding it (a writer queued in between
 * would deadlock both). mm->mmap_sem is one (kernel/rwsem.c).
 *
 * The state is one word changed by locked instructions, so taking and releasing an
 * uncontended semaphore is a compare-and-exchange and a locked decrement (or an
 * exchange): every page fault and every mmap pays for it. Only a task that must
 * wait goes to kernel/rwsem.c's slow paths and the wait queue.
 */
#ifndef KSPACE_RWSEM_H
#define KSPACE_RWSEM_H

#include <kspace/compiler.h>
#include <kspace/lockdep.h>
#include <kspace/wait.h>

struct rw_semaphore {
	int count;           /* > 0: that many readers; -1: a writer; 0: free */
	int writers_waiting; /* writers in the slow path: new readers hold back */
	wait_queue_head_t wait;
};

#define init_rwsem(sem)                                         \
	do {                                                    \
		(sem)->count = (sem)->writers_waiting = 0;      \
		init_waitqueue_head(&(sem)->wait);              \
	} while (0)

void down_read_slowpath(struct rw_semaphore *sem);
void down_write_slowpath(struct rw_semaphore *sem);

/* True if taken, without sleeping: no writer holds it, and none is waiting. */
static inline bool down_read_trylock(struct rw_semaphore *sem)
{
	int c = READ_ONCE(sem->count);

	do {
		if (c < 0 || READ_ONCE(sem->writers_waiting))
			return false;
	} while (!__atomic_compare_exchange_n(&sem->count, &c, c + 1, true, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	return true;
}

static inline bool down_write_trylock(struct rw_semaphore *sem)
{
	int free = 0;

	return __atomic_compare_exchange_n(&sem->count, &free, -1, false, __ATOMIC_SEQ_CST,
					   __ATOMIC_RELAXED);
}

static inline void down_read(struct rw_semaphore *sem)
{
	might_sleep();
	if (unlikely(!down_read_trylock(sem)))
		down_read_slowpath(sem);
}

static inline void down_write(struct rw_semaphore *sem)
{
	might_sleep();
	if (unlikely(!down_write_trylock(sem)))
		down_write_slowpath(sem);
}

/*
 * The locked change of count comes before the look at the queue, and a sleeper queues
 * itself before it looks at count (kernel/rwsem.c): one of the two sees the other.
 */
static inline void up_read(struct rw_semaphore *sem)
{
	if (__atomic_sub_fetch(&sem->count, 1, __ATOMIC_SEQ_CST) == 0 && waitqueue_active(&sem->wait))
		wake_up(&sem->wait);
}

static inline void up_write(struct rw_semaphore *sem)
{
	__atomic_store_n(&sem->count, 0, __ATOMIC_SEQ_CST); /* xchg: a full barrier */
	if (waitqueue_active(&sem->wait))
		wake_up(&sem->wait);
}

#endif
