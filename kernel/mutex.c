/*
 * kernel/mutex.c: sleeping locks (see mutex.h). The owner field is the lock: a
 * compare-and-exchange from NULL takes it, so an uncontended lock and unlock cost
 * two locked instructions and no spinlock. A task that finds it taken queues itself
 * on the wait queue, in the order that makes the wake-up impossible to miss:
 * queued and asleep first, then one more try, then schedule().
 */
#include <kspace/bug.h>
#include <kspace/lockdep.h>
#include <kspace/mutex.h>
#include <kspace/printk.h>
#include <kspace/sched.h>

bool mutex_trylock(struct mutex *m)
{
	struct task_struct *none = NULL;

	return __atomic_compare_exchange_n(&m->owner, &none, current, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

void mutex_lock(struct mutex *m)
{
	DEFINE_WAIT(wait);

	might_sleep();
	if (unlikely(__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == current)) {
		printk(KERN_EMERG "BUG: %s/%d takes a mutex it holds\n", current->comm, current->pid);
		BUG();
	}
	if (mutex_trylock(m))
		return;
	for (;;) {
		prepare_to_wait(&m->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (mutex_trylock(m))
			break;
		schedule();
	}
	finish_wait(&m->wait, &wait);
}

void mutex_unlock(struct mutex *m)
{
	if (unlikely(m->owner != current)) {
		printk(KERN_EMERG "BUG: %s/%d unlocks a mutex it does not hold\n", current->comm,
		       current->pid);
		BUG();
	}
	__atomic_store_n(&m->owner, NULL, __ATOMIC_SEQ_CST);
	if (waitqueue_active(&m->wait)) /* read after the store: the full barrier above */
		wake_up(&m->wait);
}
