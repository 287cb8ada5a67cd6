/*
 * tests/host/stub_locks.c: the spinlocks for kernel sources run on the host (the host
 * tests and the fuzz harnesses): the real locks, one shared thread_info for their
 * preempt_count, and the debugging mode's entry points, which never run here
 * (kernel/spinlock_debug.c and kernel/lockdep.c are not built for the host), and
 * mutexes that only say whether they are held.
 */
#include <kspace/mutex.h>
#include <kspace/spinlock.h>

struct thread_info host_thread_info;
bool lock_debug, debug_locks;

void spin_lock_debug(spinlock_t *lock, unsigned int subclass)
{
	(void)subclass;
	arch_spin_lock(&lock->raw);
}

bool spin_trylock_debug(spinlock_t *lock) { return arch_spin_trylock(&lock->raw); }
void spin_unlock_debug(spinlock_t *lock) { arch_spin_unlock(&lock->raw); }
void __might_sleep(const char *file, int line) { (void)file, (void)line; }

/* Mutexes: the host tests run one thread, so a mutex only records that it is held. */
bool mutex_trylock(struct mutex *m)
{
	if (m->owner)
		return false;
	m->owner = (struct task_struct *)&host_thread_info;
	return true;
}

void mutex_lock(struct mutex *m)
{
	if (!mutex_trylock(m))
		__builtin_trap(); /* it would sleep forever */
}

void mutex_unlock(struct mutex *m)
{
	if (!m->owner)
		__builtin_trap();
	m->owner = NULL;
}
