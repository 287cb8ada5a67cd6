/*
 * Static keys (Linux's jump labels): a flag that hot paths test and that is set, if
 * ever, once at boot, such as the debug_locks mode. A test of the flag compiles to a
 * 5-byte no-op followed by the common case; enabling the key rewrites each of its
 * no-ops into a jump to the code the test guards, so the common case pays one no-op
 * instead of a load, a compare and a branch. The __jump_table section lists
 * (code, target, key) for every test, as __ex_table lists the user accesses.
 *
 *   DEFINE_STATIC_KEY_FALSE(lock_debug);
 *   if (static_branch_unlikely(&lock_debug))
 *           slow_checks();
 *
 * A key is enabled only while one CPU runs with interrupts off around the rewrite (the
 * boot parameters' time): rewriting code another CPU may be executing needs Linux's
 * breakpoint protocol (text_poke_bp), which kspace does without.
 */
#ifndef KSPACE_JUMP_LABEL_H
#define KSPACE_JUMP_LABEL_H

#include <kspace/compiler.h>
#include <kspace/types.h>

struct static_key {
	bool enabled;
};

#define DEFINE_STATIC_KEY_FALSE(name) struct static_key name = { .enabled = false }
#define DECLARE_STATIC_KEY_FALSE(name) extern struct static_key name

#include <asm/jump_label.h>

/* For tests off the hot paths: a plain read. */
static inline bool static_key_enabled(const struct static_key *key)
{
	return READ_ONCE(key->enabled);
}

/* The hot-path test: true once the key is enabled. */
#define static_branch_unlikely(key) arch_static_branch(key)

/*
 * Turn key on for good, rewriting every test of it: the number of sites rewritten
 * (0 if it was on already), or -EBUSY once other CPUs run.
 */
int static_branch_enable(struct static_key *key);

#endif
