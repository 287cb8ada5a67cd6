/*
 * kernel/lockdep_test.c: self-tests that commit each locking mistake on purpose and
 * check the report it must produce (kernel/spinlock_debug.c, kernel/lockdep.c,
 * might_sleep in kernel/sched.c), and that correct locking produces none. Each test
 * runs on a fresh dependency graph with reports on, and puts the boot's reporting
 * state back. They need the debug_locks boot parameter, and are skipped without it.
 */
#include <asm/irqflags.h>
#include <asm/uaccess.h>
#include <kspace/hardirq.h>
#include <kspace/lockdep.h>
#include <kspace/printk.h>
#include <kspace/selftest.h>
#include <kspace/slab.h>
#include <kspace/spinlock.h>
#include <kspace/string.h>

static char log_copy[LOG_BUF_LEN];
static bool saved_debug_locks;

/* A marker line: the checks look at the log after it only. */
static void begin(const char *name)
{
	saved_debug_locks = debug_locks;
	lockdep_reset();
	debug_locks = true;
	printk(KERN_INFO "lockdep-test: %s\n", name);
}

/*
 * Lock debugging is a static key, turned on only at boot (debug_locks, which the test
 * boots give): without it, the mistakes below would go unreported, or hang.
 */
#define BEGIN(name)                                                   \
	do {                                                          \
		if (!static_key_enabled(&lock_debug))                 \
			SKIP("needs the debug_locks boot parameter"); \
		begin(name);                                          \
	} while (0)

static void end(void)
{
	debug_locks = saved_debug_locks;
	lockdep_reset();
}

/* Whether needle is in the log since the last "lockdep-test:" marker. */
static bool reported(const char *needle)
{
	size_t n = log_buf_read(log_copy, sizeof(log_copy) - 1);
	char *since = log_copy;

	log_copy[n] = '\0';
	for (char *p = log_copy; (p = strstr(p, "lockdep-test: ")); p++)
		since = p;
	return strstr(since, needle) != NULL;
}

static bool lock_free(spinlock_t *l) { return !spin_is_locked(l); }

static DEFINE_SPINLOCK(test_lock_a);
static DEFINE_SPINLOCK(test_lock_b);
static DEFINE_SPINLOCK(test_lock_c);

SELFTEST(lockdep_spinlock_recursion)
{
	int count = preempt_count();

	BEGIN("recursion");
	spin_lock(&test_lock_a);
	spin_lock(&test_lock_a); /* would wait for itself forever: reported and counted instead */
	spin_unlock(&test_lock_a);
	EXPECT(spin_is_locked(&test_lock_a)); /* the outer acquisition still holds it */
	spin_unlock(&test_lock_a);
	end();
	EXPECT(reported("BUG: spinlock recursion on CPU#0, init/1\n"));
	EXPECT(reported(".magic: dead4ead, .owner: init/1, .owner_cpu: 0"));
	EXPECT(reported("lockdep_spinlock_recursion+"));
	EXPECT(lock_free(&test_lock_a) && preempt_count() == count);
	return 0;
}

SELFTEST(lockdep_spinlock_wrong_owner)
{
	BEGIN("wrong owner");
	arch_spin_lock(&test_lock_a.raw); /* held, but not taken by this task through spin_lock */
	preempt_disable();                /* what the unlock below gives back */
	spin_unlock(&test_lock_a);
	end();
	EXPECT(reported("BUG: spinlock wrong owner on CPU#0, init/1\n"));
	EXPECT(reported(".owner: <none>/-1, .owner_cpu: -1"));
	EXPECT(lock_free(&test_lock_a));
	return 0;
}

SELFTEST(lockdep_spinlock_already_unlocked)
{
	BEGIN("already unlocked");
	preempt_disable();
	spin_unlock(&test_lock_a); /* nobody holds it: must not hand out a ticket */
	spin_lock(&test_lock_a);   /* and the lock still works */
	spin_unlock(&test_lock_a);
	end();
	EXPECT(reported("BUG: spinlock already unlocked on CPU#0, init/1\n"));
	EXPECT(test_lock_a.raw.head == test_lock_a.raw.tail);
	return 0;
}

SELFTEST(lockdep_spinlock_bad_magic)
{
	static spinlock_t never_initialised; /* zeroed, never spin_lock_init'ed */

	BEGIN("bad magic");
	spin_lock(&never_initialised);
	spin_unlock(&never_initialised);
	end();
	EXPECT(reported("BUG: spinlock bad magic on CPU#0, init/1\n"));
	return 0;
}

static __noinline void take_a_then_b(void)
{
	spin_lock(&test_lock_a);
	spin_lock(&test_lock_b);
	spin_unlock(&test_lock_b);
	spin_unlock(&test_lock_a);
}

static __noinline void take_b_then_a(void)
{
	spin_lock(&test_lock_b);
	spin_lock(&test_lock_a);
	spin_unlock(&test_lock_a);
	spin_unlock(&test_lock_b);
}

SELFTEST(lockdep_circular_ab_ba)
{
	BEGIN("ab-ba");
	take_a_then_b();
	take_a_then_b(); /* the same order again: nothing to say */
	EXPECT(!reported("WARNING"));
	take_b_then_a();
	end();
	EXPECT(reported("WARNING: possible circular locking dependency detected\n"));
	EXPECT(reported("init/1 is trying to acquire lock:\n"));
	EXPECT(reported(" (test_lock_a), at: take_b_then_a+"));
	EXPECT(reported("but task is already holding lock:\n"));
	EXPECT(reported(" (test_lock_b), at: take_b_then_a+"));
	/* the stack of each order: A -> B first seen in take_a_then_b, B -> A now */
	EXPECT(reported("-> #1 (test_lock_b):\n"));
	EXPECT(reported("       take_a_then_b+"));
	EXPECT(reported("-> #0 (test_lock_a):\n"));
	EXPECT(reported("       take_b_then_a+"));
	EXPECT(reported("  lock(test_lock_b);\n"));
	EXPECT(reported("                               lock(test_lock_a);\n"));
	EXPECT(reported("1 lock held by init/1:\n"));
	EXPECT(lock_free(&test_lock_a) && lock_free(&test_lock_b));
	return 0;
}

static __noinline void take_nested(spinlock_t *outer, spinlock_t *inner)
{
	spin_lock(outer);
	spin_lock(inner);
	spin_unlock(inner);
	spin_unlock(outer);
}

SELFTEST(lockdep_circular_three_locks)
{
	BEGIN("abc-ca");
	take_nested(&test_lock_a, &test_lock_b);
	take_nested(&test_lock_b, &test_lock_c);
	EXPECT(!reported("WARNING"));
	take_nested(&test_lock_c, &test_lock_a); /* A -> B -> C, then C -> A */
	end();
	EXPECT(reported("WARNING: possible circular locking dependency detected\n"));
	EXPECT(reported("-> #2 (test_lock_c):\n"));
	EXPECT(reported("-> #1 (test_lock_b):\n"));
	EXPECT(reported("-> #0 (test_lock_a):\n"));
	return 0;
}

SELFTEST(lockdep_trylock_in_reverse_is_fine)
{
	BEGIN("trylock");
	take_a_then_b();
	spin_lock(&test_lock_b);
	EXPECT(spin_trylock(&test_lock_a)); /* a trylock cannot wait, so cannot deadlock */
	spin_unlock(&test_lock_a);
	spin_unlock(&test_lock_b);
	end();
	EXPECT(!reported("WARNING"));
	return 0;
}

struct test_bucket {
	spinlock_t lock;
};

static void init_bucket(struct test_bucket *b) { spin_lock_init(&b->lock); }

SELFTEST(lockdep_recursive_class)
{
	static struct test_bucket one, two; /* one init site: one class */

	init_bucket(&one);
	init_bucket(&two);
	BEGIN("nested annotation");
	spin_lock(&one.lock);
	spin_lock_nested(&two.lock, 1); /* said to be fine: no report */
	spin_unlock(&two.lock);
	spin_unlock(&one.lock);
	EXPECT(!reported("WARNING"));
	spin_lock(&one.lock);
	spin_lock(&two.lock);
	spin_unlock(&two.lock);
	spin_unlock(&one.lock);
	end();
	EXPECT(reported("WARNING: possible recursive locking detected\n"));
	EXPECT(reported(" (&b->lock), at: lockdep_recursive_class+"));
	EXPECT(reported("May be due to missing lock nesting notation"));
	EXPECT(reported("1 lock held by init/1:\n"));
	return 0;
}

/* What an interrupt handler does, as Linux's locking self-tests fake it. */
static __noinline void take_in_fake_irq(spinlock_t *l)
{
	unsigned long flags = local_irq_save();

	irq_enter();
	spin_lock(l);
	spin_unlock(l);
	irq_exit();
	local_irq_restore(flags);
}

SELFTEST(lockdep_irq_lock_taken_with_irqs_on)
{
	unsigned long flags;

	BEGIN("irq state");
	take_in_fake_irq(&test_lock_c);
	spin_lock_irqsave(&test_lock_c, flags); /* right: interrupts off around it */
	spin_unlock_irqrestore(&test_lock_c, flags);
	EXPECT(!reported("WARNING"));
	local_irq_enable();
	spin_lock(&test_lock_c); /* wrong: the interrupt could come now, on this CPU */
	spin_unlock(&test_lock_c);
	end();
	EXPECT(reported("WARNING: inconsistent lock state\n"));
	EXPECT(reported("inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.\n"));
	EXPECT(reported("init/1 [HC0[0]:HE1] takes:\n"));
	EXPECT(reported("{IN-HARDIRQ-W} state was registered at:\n"));
	EXPECT(reported("       take_in_fake_irq"));
	EXPECT(reported("  <Interrupt>\n"));
	return 0;
}

SELFTEST(lockdep_irq_after_irqs_on_use)
{
	BEGIN("irq state, other order");
	local_irq_enable();
	spin_lock(&test_lock_c);
	spin_unlock(&test_lock_c);
	take_in_fake_irq(&test_lock_c);
	end();
	EXPECT(reported("inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.\n"));
	EXPECT(reported("init/1 [HC1[1]:HE0] takes:\n"));
	return 0;
}

SELFTEST(lockdep_sleeping_in_atomic)
{
	char byte;

	BEGIN("might_sleep");
	spin_lock(&test_lock_b);
	kfree(kmalloc(16, GFP_ATOMIC)); /* fine: does not sleep */
	EXPECT(!reported("BUG"));
	kfree(kmalloc(16, GFP_KERNEL));
	EXPECT(reported("BUG: sleeping function called from invalid context at mm/slab.c:"));
	EXPECT(reported("in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 1, name: init\n"));
	EXPECT(reported(" (test_lock_b), at: lockdep_sleeping_in_atomic+"));
	EXPECT(!copy_from_user(&byte, (const void __user *)0, 0));
	spin_unlock(&test_lock_b);
	end();
	EXPECT(reported("BUG: sleeping function called from invalid context at arch/x86/lib/usercopy.c:"));
	return 0;
}
