/*
 * Read-write semaphores, as Linux names them: many readers or one writer, and a task
 * that cannot have its turn sleeps. A waiting writer holds back new readers, so a
 * stream of readers cannot starve it; the price is Linux's rule that a reader must
 * never take the same semaphore again while holding it (a writer queued in between
 * would deadlock both). mm->mmap_sem is one (kernel/rwsem.c).
 */
#ifndef KSPACE_RWSEM_H
#define KSPACE_RWSEM_H

#include <kspace/spinlock.h>
#include <kspace/wait.h>

struct rw_semaphore {
	spinlock_t wait_lock;  /* guards the two counts */
	int activity;          /* > 0: that many readers; -1: a writer; 0: free */
	int writers_waiting;
	wait_queue_head_t wait;
};

#define init_rwsem(sem)                                         \
	do {                                                    \
		spin_lock_init(&(sem)->wait_lock);              \
		(sem)->activity = (sem)->writers_waiting = 0;   \
		init_waitqueue_head(&(sem)->wait);              \
	} while (0)

void down_read(struct rw_semaphore *sem);
bool down_read_trylock(struct rw_semaphore *sem); /* true if taken, without sleeping */
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

#endif
