/*
 * kernel/spinlock_debug.c: the spinlock slow paths of the "debug_locks" mode.
 *
 * Each lock records its owner (task and CPU), so three misuses are caught as Linux's
 * CONFIG_DEBUG_SPINLOCK catches them: a CPU taking a lock it already holds (with a
 * ticket lock it would wait for itself forever), an unlock by a task that does not
 * hold the lock, and an unlock of a lock nobody holds (which would hand a ticket to
 * nobody and break the lock for good). Each is reported with the lock and a call
 * trace, and then kept harmless so the machine runs on: the recursive acquisition is
 * counted instead of waited for, and the stray unlock is ignored. Every acquisition
 * also goes to the lock validator (kernel/lockdep.c).
 */
#include <asm/spinlock.h>
#include <kspace/kallsyms.h>
#include <kspace/kernel.h>
#include <kspace/lockdep.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/smp.h>
#include <kspace/spinlock.h>
#include <kspace/stacktrace.h>

static void spin_bug(spinlock_t *lock, const char *msg)
{
	char sym[KSYM_SYMBOL_LEN];
	struct task_struct *owner = lock->owner;

	if (!debug_locks_off())
		return;
	sprint_symbol(sym, sizeof(sym), (unsigned long)lock);
	printk(KERN_EMERG "BUG: spinlock %s on CPU#%d, %s/%d\n", msg, smp_processor_id(),
	       current->comm, current->pid);
	printk(KERN_EMERG " lock: %s, .magic: %08x, .owner: %s/%d, .owner_cpu: %d\n", sym,
	       lock->magic, owner ? owner->comm : "<none>", owner ? owner->pid : -1,
	       lock->owner_cpu);
	dump_stack();
}

static bool held_by_me(spinlock_t *lock)
{
	return arch_spin_is_locked(&lock->raw) && lock->owner == current &&
	       lock->owner_cpu == smp_processor_id();
}

static void set_owner(spinlock_t *lock)
{
	lock->owner = current;
	lock->owner_cpu = smp_processor_id();
}

/* Before taking it: a bad magic or our own lock, reported; true if it must not be waited for. */
static bool check_lock(spinlock_t *lock)
{
	if (lock->magic != SPINLOCK_MAGIC)
		spin_bug(lock, "bad magic");
	if (!held_by_me(lock))
		return false;
	spin_bug(lock, "recursion");
	lock->recursion++;
	return true;
}

void spin_lock_debug(spinlock_t *lock, unsigned int subclass)
{
	if (check_lock(lock))
		return;
	lock_acquire(&lock->dep_map, subclass, false, _RET_IP_);
	arch_spin_lock(&lock->raw);
	set_owner(lock);
}

bool spin_trylock_debug(spinlock_t *lock)
{
	if (lock->magic != SPINLOCK_MAGIC)
		spin_bug(lock, "bad magic");
	if (!arch_spin_trylock(&lock->raw))
		return false;
	set_owner(lock);
	lock_acquire(&lock->dep_map, 0, true, _RET_IP_);
	return true;
}

void spin_unlock_debug(spinlock_t *lock)
{
	if (lock->magic != SPINLOCK_MAGIC)
		spin_bug(lock, "bad magic");
	if (!arch_spin_is_locked(&lock->raw)) {
		spin_bug(lock, "already unlocked");
		return;
	}
	if (lock->recursion && held_by_me(lock)) {
		lock->recursion--; /* the inner, reported acquisition: the lock stays held */
		return;
	}
	if (lock->owner != current)
		spin_bug(lock, "wrong owner");
	else if (lock->owner_cpu != smp_processor_id())
		spin_bug(lock, "wrong CPU");
	lock_release(&lock->dep_map, _RET_IP_);
	lock->owner = NULL;
	lock->owner_cpu = -1;
	arch_spin_unlock(&lock->raw);
}
