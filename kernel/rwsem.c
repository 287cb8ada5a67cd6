/*
 * kernel/rwsem.c: read-write semaphores (include/kspace/rwsem.h). The state is two
 * counts under a spinlock; whoever cannot go on sleeps on the wait queue, and every
 * release that may let someone in wakes them all to look again (few tasks ever wait,
 * so waking all is simpler than Linux's hand-off to the next in line).
 */
#include <kspace/lockdep.h>
#include <kspace/rwsem.h>
#include <kspace/sched.h>

static bool read_may_go(const struct rw_semaphore *sem)
{
	return sem->activity >= 0 && !sem->writers_waiting;
}

/* Sleep until may_go(sem), wait_lock held on entry and on return. */
static void wait_turn(struct rw_semaphore *sem, bool (*may_go)(const struct rw_semaphore *))
{
	DEFINE_WAIT(wait);

	while (!may_go(sem)) {
		/* On the queue before the lock is dropped: a release meanwhile wakes us. */
		prepare_to_wait(&sem->wait, &wait, TASK_UNINTERRUPTIBLE);
		spin_unlock(&sem->wait_lock);
		schedule();
		spin_lock(&sem->wait_lock);
	}
	finish_wait(&sem->wait, &wait);
}

void down_read(struct rw_semaphore *sem)
{
	might_sleep();
	spin_lock(&sem->wait_lock);
	wait_turn(sem, read_may_go);
	sem->activity++;
	spin_unlock(&sem->wait_lock);
}

bool down_read_trylock(struct rw_semaphore *sem)
{
	bool taken;

	spin_lock(&sem->wait_lock);
	taken = read_may_go(sem);
	if (taken)
		sem->activity++;
	spin_unlock(&sem->wait_lock);
	return taken;
}

void up_read(struct rw_semaphore *sem)
{
	bool last;

	spin_lock(&sem->wait_lock);
	/* Under wait_lock: a sleeper queues itself before it lets wait_lock go. */
	last = --sem->activity == 0 && waitqueue_active(&sem->wait);
	spin_unlock(&sem->wait_lock);
	if (last)
		wake_up(&sem->wait);
}

static bool write_may_go(const struct rw_semaphore *sem)
{
	return sem->activity == 0;
}

void down_write(struct rw_semaphore *sem)
{
	might_sleep();
	spin_lock(&sem->wait_lock);
	sem->writers_waiting++;
	wait_turn(sem, write_may_go);
	sem->writers_waiting--;
	sem->activity = -1;
	spin_unlock(&sem->wait_lock);
}

void up_write(struct rw_semaphore *sem)
{
	bool waiters;

	spin_lock(&sem->wait_lock);
	sem->activity = 0;
	waiters = waitqueue_active(&sem->wait); /* queued before they let wait_lock go */
	spin_unlock(&sem->wait_lock);
	if (waiters)
		wake_up(&sem->wait);
}
