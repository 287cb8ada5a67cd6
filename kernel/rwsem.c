/*
 * kernel/rwsem.c: the slow paths of read-write semaphores (include/kspace/rwsem.h),
 * for a task that found the semaphore taken. It queues itself, then tries again, and
 * sleeps only if that fails too; every release that may let someone in wakes all
 * sleepers to try again (few tasks ever wait, so waking all is simpler than Linux's
 * hand-off to the next in line).
 */
#include <kspace/rwsem.h>
#include <kspace/sched.h>

/* Sleep until take(sem) succeeds. */
static void wait_turn(struct rw_semaphore *sem, bool (*take)(struct rw_semaphore *))
{
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait(&sem->wait, &wait, TASK_UNINTERRUPTIBLE);
		/* Queued before count is read: a release after this read sees us and wakes us. */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (take(sem))
			break;
		schedule();
	}
	finish_wait(&sem->wait, &wait);
}

void down_read_slowpath(struct rw_semaphore *sem)
{
	wait_turn(sem, down_read_trylock);
}

void down_write_slowpath(struct rw_semaphore *sem)
{
	__atomic_add_fetch(&sem->writers_waiting, 1, __ATOMIC_SEQ_CST);
	wait_turn(sem, down_write_trylock);
	__atomic_sub_fetch(&sem->writers_waiting, 1, __ATOMIC_SEQ_CST);
}
