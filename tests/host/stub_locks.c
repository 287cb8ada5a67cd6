/*
 * tests/host/stub_locks.c: the spinlocks for kernel sources run on the host (the host
 * tests and the fuzz harnesses): the real locks, one shared thread_info for their
 * preempt_count, and the debugging mode's entry points, which never run here
 * (kernel/spinlock_debug.c and kernel/lockdep.c are not built for the host), and
 * the mutexes' slow paths, which never run here either.
 */
#include <kspace/mutex.h>
#include <kspace/spinlock.h>

DEFINE_STATIC_KEY_FALSE(lock_debug);
bool debug_locks;

void spin_lock_debug(spinlock_t *lock, unsigned int subclass)
{
	(void)subclass;
	arch_spin_lock(&lock->raw);
}

bool spin_trylock_debug(spinlock_t *lock) { return arch_spin_trylock(&lock->raw); }
void spin_unlock_debug(spinlock_t *lock) { arch_spin_unlock(&lock->raw); }
void __might_sleep(const char *file, int line) { (void)file, (void)line; }

/*
 * Mutexes: the inline fast paths are the kernel's; the host tests run one thread, so
 * reaching a slow path is a bug (it would sleep forever, or unlock another's mutex).
 * current must not be NULL, the mutex's "free", so the one thread_info names a task.
 */
struct thread_info host_thread_info = { .task = (struct task_struct *)&host_thread_info };

void mutex_lock_slowpath(struct mutex *m) { (void)m, __builtin_trap(); }
void mutex_unlock_not_owner(struct mutex *m) { (void)m, __builtin_trap(); }
void wake_up(wait_queue_head_t *q) { (void)q, __builtin_trap(); } /* nobody waits here */
