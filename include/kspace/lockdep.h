/*
 * The lock validator's interface (kernel/lockdep.c), as Linux's lockdep: every lock
 * belongs to a class (the place it was initialised), and the validator records
 * which classes were taken while which others were held. An order seen both ways
 * (A then B, and later B then A) can deadlock two CPUs even if it never did yet:
 * the validator says so the first time the second order is tried.
 *
 * All of it is off unless the "debug_locks" boot parameter is given.
 */
#ifndef KSPACE_LOCKDEP_H
#define KSPACE_LOCKDEP_H

#include <kspace/compiler.h>
#include <kspace/jump_label.h>
#include <kspace/types.h>

#define MAX_LOCKDEP_SUBCLASSES 8

/* One per lock initialisation site; a subclass n is the key's address + n. */
struct lock_class_key {
	char subkeys[MAX_LOCKDEP_SUBCLASSES];
};

struct lock_class;

struct lockdep_map {
	const struct lock_class_key *key; /* NULL: a static lock, keyed by its own address */
	const char *name;
	struct lock_class *class_cache; /* the class of subclass 0, once looked up */
};

/*
 * lock_debug: the "debug_locks" boot parameter was given, so every lock operation takes
 * the checking slow path. A static key (kspace/jump_label.h): without the parameter,
 * each lock operation's test of it is one no-op.
 * debug_locks: the checks still report. The first lock-order or owner report clears it,
 * as in Linux: the state the checks reason about may be wrong from then on.
 */
DECLARE_STATIC_KEY_FALSE(lock_debug);
extern bool debug_locks;

/* Stop reporting; returns whether reports were on (the caller reports only then). */
bool debug_locks_off(void);

/* Tell the validator that lock (its map) is being taken or dropped, from ip. */
void lock_acquire(struct lockdep_map *map, unsigned int subclass, bool trylock, unsigned long ip);
void lock_release(struct lockdep_map *map, unsigned long ip);

/* "N locks held by comm/pid:" and each lock with where it was taken. */
void lockdep_print_held_locks(void);

/* Forget every class and dependency: the lock self-tests start from a clean graph. */
void lockdep_reset(void);

/*
 * might_sleep(): this code may sleep, so it must not run with a spinlock held or
 * interrupts off. Checked only in debug mode; says where, once per boot.
 */
void __might_sleep(const char *file, int line);
#define might_sleep()                                   \
	do {                                            \
		if (static_branch_unlikely(&lock_debug))              \
			__might_sleep(__FILE__, __LINE__); \
	} while (0)
#define might_sleep_if(cond)                                   \
	do {                                                   \
		if (static_branch_unlikely(&lock_debug) && (cond))           \
			__might_sleep(__FILE__, __LINE__);     \
	} while (0)

#endif
