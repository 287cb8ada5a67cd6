/*
 * kernel/mutex.c: the slow paths of sleeping locks (see mutex.h). The owner field is
 * the lock: a compare-and-exchange from NULL takes it, so an uncontended lock and
 * unlock cost two locked instructions and no spinlock, inline in mutex.h. A task that finds it taken queues itself
 * on the wait queue, in the order that makes the wake-up impossible to miss:
 * queued and asleep first, then one more try, then schedule().
 */
#include <kspace/bug.h>
#include <kspace/lockdep.h>
#include <kspace/mutex.h>
#include <kspace/printk.h>
#include <kspace/sched.h>

/* Taken by someone: sleep until a try succeeds. Taking one's own is a bug, said so. */
void mutex_lock_slowpath(struct mutex *m)
{
	DEFINE_WAIT(wait);

	if (unlikely(__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == current)) {
		printk(KERN_EMERG "BUG: %s/%d takes a mutex it holds\n", current->comm, current->pid);
		BUG();
	}
	for (;;) {
		prepare_to_wait(&m->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (mutex_trylock(m))
			break;
		schedule();
	}
	finish_wait(&m->wait, &wait);
}

void mutex_unlock_not_owner(struct mutex *m)
{
	printk(KERN_EMERG "BUG: %s/%d unlocks a mutex it does not hold (%p)\n", current->comm,
	       current->pid, m);
	BUG();
}
