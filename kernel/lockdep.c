/*
 * kernel/lockdep.c: the lock validator (Linux's lockdep), on with "debug_locks".
 *
 * Locks are grouped into classes: one per place a lock is initialised (the static
 * key in spin_lock_init), or per statically defined lock. Taking lock B while lock A
 * is held on this CPU records the dependency A -> B, with the stack where it was first
 * seen. Before a new dependency is recorded, the graph is searched for a path B -> A:
 * if there is one, two CPUs taking the locks in the two orders can deadlock, and
 * "possible circular locking dependency" is printed with the stacks of both orders.
 * The same class taken twice without spin_lock_nested() is "recursive locking", and a
 * class taken both in an interrupt handler and with interrupts enabled is an
 * "inconsistent lock state": the interrupt could arrive while the lock is held.
 * The first report turns the validator off (debug_locks_off), as in Linux.
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <kspace/hardirq.h>
#include <kspace/init.h>
#include <kspace/kallsyms.h>
#include <kspace/kernel.h>
#include <kspace/lockdep.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/sections.h>
#include <kspace/smp.h>
#include <kspace/spinlock.h>
#include <kspace/stacktrace.h>
#include <kspace/string.h>

#define MAX_LOCKDEP_KEYS 256
#define MAX_LOCKDEP_ENTRIES 1024
#define MAX_LOCK_DEPTH 24
#define LOCK_TRACE_DEPTH 10

DEFINE_STATIC_KEY_FALSE(lock_debug);
bool debug_locks;

static int debug_locks_setup(const char *value)
{
	(void)value;
	static_branch_enable(&lock_debug);
	debug_locks = true;
	pr_info("lockdep: lock debugging on: owner, recursion, lock order and irq state checks\n");
	return 0;
}
__setup("debug_locks", debug_locks_setup);

bool debug_locks_off(void)
{
	return __atomic_exchange_n(&debug_locks, false, __ATOMIC_RELAXED);
}

struct lock_trace {
	int nr;
	unsigned long entries[LOCK_TRACE_DEPTH];
};

/* The two interrupt states a class can have been seen in (hardware interrupts only). */
enum { USED_IN_HARDIRQ, ENABLED_HARDIRQ, NR_USAGE };
static const char *const usage_names[NR_USAGE] = { "IN-HARDIRQ-W", "HARDIRQ-ON-W" };

struct lock_class {
	const void *key;
	const char *name;
	unsigned int subclass;
	unsigned int usage; /* 1 << USED_IN_HARDIRQ | 1 << ENABLED_HARDIRQ */
	struct lock_trace usage_trace[NR_USAGE];
	int first_dep; /* index in deps of the first "taken after this" edge, or -1 */
};

/* "to was taken while from was held", first seen with the stack trace. */
struct lock_dep {
	u16 from, to;
	int next; /* the next edge with the same from, or -1 */
	struct lock_trace trace;
};

struct held_lock {
	struct lockdep_map *map;
	struct lock_class *class;
	unsigned long ip;
	bool in_irq;
	bool trylock;
};

static struct lock_class classes[MAX_LOCKDEP_KEYS];
static int nr_classes;
static struct lock_dep deps[MAX_LOCKDEP_ENTRIES];
static int nr_deps;
static struct held_lock held_locks[NR_CPUS][MAX_LOCK_DEPTH];
static int lockdep_depth[NR_CPUS];
/* Guards the graph; a raw lock, since the validator cannot validate itself. */
static arch_spinlock_t graph_lock = __ARCH_SPIN_LOCK_UNLOCKED;

/* What a report found, gathered under graph_lock and printed after it is dropped. */
static struct {
	struct lock_class *prev, *next;
	struct held_lock *held;
	int path[MAX_LOCKDEP_KEYS]; /* edge indexes, next -> ... -> prev */
	int path_len;
	int usage_had, usage_new;
	bool irqs_on; /* at the acquisition (the validator runs with them off) */
	const char *limit; /* which table ran out, or the non-static key */
} bug;

/* The return addresses above ip on this stack, ip first (ip: where the lock was taken). */
static __noinline void save_trace(struct lock_trace *t, unsigned long ip)
{
	unsigned long *ebp = __builtin_frame_address(0);
	unsigned long base = (unsigned long)ebp & ~(THREAD_SIZE - 1UL);
	bool found = false;

	t->nr = 0;
	t->entries[t->nr++] = ip;
	while ((unsigned long)ebp - base < THREAD_SIZE - 8 && t->nr < LOCK_TRACE_DEPTH) {
		unsigned long ret = ebp[1];

		if (!is_kernel_text(ret))
			break;
		if (found)
			t->entries[t->nr++] = ret;
		found |= ret == ip;
		if (ebp[0] <= (unsigned long)ebp)
			break;
		ebp = (unsigned long *)ebp[0];
	}
}

static void print_trace(const struct lock_trace *t)
{
	char sym[KSYM_SYMBOL_LEN];

	for (int i = 0; i < t->nr; i++) {
		sprint_symbol(sym, sizeof(sym), t->entries[i]);
		printk(KERN_ERR "       %s\n", sym);
	}
}

static bool is_static_object(const void *p)
{
	unsigned long a = (unsigned long)p;

	return (a >= (unsigned long)_sdata && a < (unsigned long)_edata) ||
	       (a >= (unsigned long)__bss_start && a < (unsigned long)__bss_stop);
}

/* Called with graph_lock held; NULL once the validator is off. */
static struct lock_class *look_up_class(struct lockdep_map *map, unsigned int subclass)
{
	const char *key = (const char *)(map->key ? (const void *)map->key : (const void *)map) + subclass;
	struct lock_class *c = map->class_cache;

	if (c && c->key == key)
		return c;
	if (!map->key && !is_static_object(map)) {
		if (debug_locks_off())
			bug.limit = "non-static key"; /* reported after the graph lock is dropped */
		return NULL;
	}
	for (c = classes; c < classes + nr_classes; c++)
		if (c->key == key)
			goto found;
	if (nr_classes == MAX_LOCKDEP_KEYS) {
		if (debug_locks_off())
			bug.limit = "MAX_LOCKDEP_KEYS too low!";
		return NULL;
	}
	c = &classes[nr_classes++];
	*c = (struct lock_class){ .key = key, .name = map->name, .subclass = subclass, .first_dep = -1 };
found:
	if (!subclass)
		map->class_cache = c;
	return c;
}

static int class_index(const struct lock_class *c) { return (int)(c - classes); }

/* A path from -> ... -> to in the graph (breadth first, so the shortest), into bug.path. */
static bool find_path(struct lock_class *from, struct lock_class *to)
{
	static int queue[MAX_LOCKDEP_KEYS], via[MAX_LOCKDEP_KEYS];
	static bool seen[MAX_LOCKDEP_KEYS];
	int head = 0, tail = 0, target = class_index(to);

	memset(seen, 0, sizeof(seen));
	queue[tail++] = class_index(from);
	seen[class_index(from)] = true;
	while (head < tail) {
		int c = queue[head++];

		if (c == target) {
			int n = 0;
			for (int e = via[c]; ; e = via[deps[e].from]) {
				bug.path[n++] = e;
				if (deps[e].from == class_index(from))
					break;
			}
			/* collected backwards: put them in order from -> to */
			for (int i = 0; i < n / 2; i++) {
				int t = bug.path[i];
				bug.path[i] = bug.path[n - 1 - i];
				bug.path[n - 1 - i] = t;
			}
			bug.path_len = n;
			return true;
		}
		for (int e = classes[c].first_dep; e >= 0; e = deps[e].next)
			if (!seen[deps[e].to]) {
				seen[deps[e].to] = true;
				via[deps[e].to] = e;
				queue[tail++] = deps[e].to;
			}
	}
	return false;
}

enum report { NO_REPORT, REPORT_CIRCULAR, REPORT_RECURSIVE, REPORT_USAGE, REPORT_LIMIT };

/* Record prev -> next unless known; a path next -> prev already there is the bug. */
static enum report add_dependency(struct held_lock *prev, struct lock_class *next, unsigned long ip)
{
	for (int e = prev->class->first_dep; e >= 0; e = deps[e].next)
		if (deps[e].to == class_index(next))
			return NO_REPORT;
	if (find_path(next, prev->class)) {
		if (!debug_locks_off())
			return NO_REPORT;
		bug.prev = prev->class;
		bug.next = next;
		bug.held = prev;
		return REPORT_CIRCULAR;
	}
	if (nr_deps == MAX_LOCKDEP_ENTRIES) {
		if (!debug_locks_off())
			return NO_REPORT;
		bug.limit = "MAX_LOCKDEP_ENTRIES too low!";
		return REPORT_LIMIT;
	}
	struct lock_dep *d = &deps[nr_deps];
	d->from = (u16)class_index(prev->class);
	d->to = (u16)class_index(next);
	save_trace(&d->trace, ip);
	d->next = prev->class->first_dep;
	prev->class->first_dep = nr_deps++;
	return NO_REPORT;
}

/* The interrupt state this acquisition puts the class in, against what it was seen in. */
static enum report mark_usage(struct lock_class *c, unsigned long ip)
{
	int now, other;

	if (in_irq())
		now = USED_IN_HARDIRQ, other = ENABLED_HARDIRQ;
	else if (bug.irqs_on)
		now = ENABLED_HARDIRQ, other = USED_IN_HARDIRQ;
	else
		return NO_REPORT;
	if (!(c->usage & (1u << now))) {
		c->usage |= 1u << now;
		save_trace(&c->usage_trace[now], ip);
	}
	if (!(c->usage & (1u << other)) || !debug_locks_off())
		return NO_REPORT;
	bug.next = c;
	bug.usage_had = other;
	bug.usage_new = now;
	return REPORT_USAGE;
}

/* The checks of one acquisition, with graph_lock held; the held lock is pushed last. */
static enum report validate(struct lockdep_map *map, unsigned int subclass, bool trylock,
			    unsigned long ip)
{
	int cpu = smp_processor_id(), depth = lockdep_depth[cpu];
	struct lock_class *c = look_up_class(map, subclass);
	enum report r;

	if (!c)
		return REPORT_LIMIT;
	if (depth == MAX_LOCK_DEPTH) {
		if (debug_locks_off())
			bug.limit = "MAX_LOCK_DEPTH too low!";
		return REPORT_LIMIT;
	}
	r = mark_usage(c, ip);
	for (int i = depth - 1; r == NO_REPORT && !trylock && i >= 0; i--) {
		struct held_lock *h = &held_locks[cpu][i];

		if (h->in_irq != in_irq())
			break; /* an interrupt's locks do not depend on the task's below it */
		if (h->class == c && h->map != map) {
			if (debug_locks_off()) {
				bug.prev = bug.next = c;
				bug.held = h;
				r = REPORT_RECURSIVE;
			}
		} else if (i == depth - 1 && h->map != map && !h->trylock) {
			r = add_dependency(h, c, ip);
		}
	}
	held_locks[cpu][depth] = (struct held_lock){ map, c, ip, in_irq(), trylock };
	lockdep_depth[cpu] = depth + 1;
	return r;
}

/* One line: prefix, the lock's address, its class (and subclass), and where it was taken. */
static void print_lock(const char *prefix, const struct lockdep_map *map, const struct lock_class *c,
		       unsigned long ip)
{
	char sym[KSYM_SYMBOL_LEN], sub[12] = "";

	sprint_symbol(sym, sizeof(sym), ip);
	if (c->subclass)
		snprintf(sub, sizeof(sub), "/%u", c->subclass);
	printk(KERN_ERR "%s%p (%s%s), at: %s\n", prefix, map, c->name, sub, sym);
}

/* The locks this CPU holds, but the newest skip_new (one being taken when a report is made). */
static void print_held_locks(int skip_new)
{
	int cpu = smp_processor_id(), depth = lockdep_depth[cpu] - skip_new;

	if (!depth) {
		printk(KERN_ERR "no locks held by %s/%d.\n", current->comm, current->pid);
		return;
	}
	printk(KERN_ERR "%d lock%s held by %s/%d:\n", depth, depth > 1 ? "s" : "", current->comm,
	       current->pid);
	for (int i = 0; i < depth; i++) {
		struct held_lock *h = &held_locks[cpu][i];

		char prefix[8];

		snprintf(prefix, sizeof(prefix), " #%d: ", i);
		print_lock(prefix, h->map, h->class, h->ip);
	}
}

void lockdep_print_held_locks(void) { print_held_locks(0); }

static void print_banner(const char *what)
{
	size_t n = strlen(what) + 9;
	char rule[80];

	n = n < sizeof(rule) ? n : sizeof(rule) - 1;
	memset(rule, '=', n);
	rule[n] = '\0';
	printk(KERN_ERR "\n%s\nWARNING: %s\n", rule, what);
	memset(rule, '-', n);
	printk(KERN_ERR "%s\n", rule);
}

static void print_tail(void)
{
	printk(KERN_ERR "\n *** DEADLOCK ***\n\n");
	print_held_locks(1);
	printk(KERN_ERR "\nstack backtrace:\n");
	dump_stack();
}

static void print_circular(struct lockdep_map *map, unsigned long ip)
{
	print_banner("possible circular locking dependency detected");
	printk(KERN_ERR "%s/%d is trying to acquire lock:\n", current->comm, current->pid);
	print_lock("", map, bug.next, ip);
	printk(KERN_ERR "\nbut task is already holding lock:\n");
	print_lock("", bug.held->map, bug.prev, bug.held->ip);
	printk(KERN_ERR "\nwhich lock already depends on the new lock.\n\n");
	printk(KERN_ERR "\nthe existing dependency chain (in reverse order) is:\n");
	for (int i = bug.path_len - 1; i >= 0; i--) {
		struct lock_dep *d = &deps[bug.path[i]];

		printk(KERN_ERR "\n-> #%d (%s):\n", i + 1, classes[d->to].name);
		print_trace(&d->trace);
	}
	struct lock_trace now;
	save_trace(&now, ip);
	printk(KERN_ERR "\n-> #0 (%s):\n", bug.next->name);
	print_trace(&now);
	printk(KERN_ERR "\nother info that might help us debug this:\n\n");
	printk(KERN_ERR " Possible unsafe locking scenario:\n\n");
	printk(KERN_ERR "       CPU0                    CPU1\n");
	printk(KERN_ERR "       ----                    ----\n");
	printk(KERN_ERR "  lock(%s);\n", bug.prev->name);
	printk(KERN_ERR "                               lock(%s);\n", bug.next->name);
	printk(KERN_ERR "                               lock(%s);\n", bug.prev->name);
	printk(KERN_ERR "  lock(%s);\n", bug.next->name);
	print_tail();
}

static void print_recursive(struct lockdep_map *map, unsigned long ip)
{
	print_banner("possible recursive locking detected");
	printk(KERN_ERR "%s/%d is trying to acquire lock:\n", current->comm, current->pid);
	print_lock("", map, bug.next, ip);
	printk(KERN_ERR "\nbut task is already holding lock:\n");
	print_lock("", bug.held->map, bug.prev, bug.held->ip);
	printk(KERN_ERR "\nother info that might help us debug this:\n");
	printk(KERN_ERR " Possible unsafe locking scenario:\n\n");
	printk(KERN_ERR "       CPU0\n       ----\n");
	printk(KERN_ERR "  lock(%s);\n  lock(%s);\n", bug.prev->name, bug.next->name);
	printk(KERN_ERR "\n *** DEADLOCK ***\n\n May be due to missing lock nesting notation\n\n");
	print_held_locks(1);
	printk(KERN_ERR "\nstack backtrace:\n");
	dump_stack();
}

static void print_usage(struct lockdep_map *map, unsigned long ip)
{
	print_banner("inconsistent lock state");
	printk(KERN_ERR "inconsistent {%s} -> {%s} usage.\n", usage_names[bug.usage_had],
	       usage_names[bug.usage_new]);
	printk(KERN_ERR "%s/%d [HC%d[%d]:HE%d] takes:\n", current->comm, current->pid, in_irq(),
	       hardirq_count() >> HARDIRQ_SHIFT, bug.irqs_on);
	print_lock("", map, bug.next, ip);
	printk(KERN_ERR "{%s} state was registered at:\n", usage_names[bug.usage_had]);
	print_trace(&bug.next->usage_trace[bug.usage_had]);
	printk(KERN_ERR "\nother info that might help us debug this:\n");
	printk(KERN_ERR " Possible unsafe locking scenario:\n\n");
	printk(KERN_ERR "       CPU0\n       ----\n");
	printk(KERN_ERR "  lock(%s);\n  <Interrupt>\n    lock(%s);\n", bug.next->name, bug.next->name);
	print_tail();
}

static void print_limit(void)
{
	if (!strcmp(bug.limit, "non-static key"))
		printk(KERN_ERR "INFO: trying to register non-static key.\nThe code is fine but needs "
		       "lockdep annotation, or maybe\nyou didn't initialize this object before use?\n");
	else
		printk(KERN_ERR "BUG: %s\n", bug.limit);
	printk(KERN_ERR "turning off the locking correctness validator.\n");
	dump_stack();
}

void lock_acquire(struct lockdep_map *map, unsigned int subclass, bool trylock, unsigned long ip)
{
	unsigned long flags;
	enum report r;

	if (!debug_locks)
		return;
	flags = local_irq_save();
	arch_spin_lock(&graph_lock);
	bug.limit = NULL;
	bug.irqs_on = flags & X86_EFLAGS_IF;
	r = validate(map, subclass, trylock, ip);
	arch_spin_unlock(&graph_lock);
	/* Only the one report that turned debug_locks off gets here; the graph is frozen. */
	if (r == REPORT_CIRCULAR)
		print_circular(map, ip);
	else if (r == REPORT_RECURSIVE)
		print_recursive(map, ip);
	else if (r == REPORT_USAGE)
		print_usage(map, ip);
	else if (r == REPORT_LIMIT && bug.limit)
		print_limit();
	local_irq_restore(flags);
}

/* Locks are mostly dropped in the reverse order; any held one may go, though. */
void lock_release(struct lockdep_map *map, unsigned long ip)
{
	unsigned long flags = local_irq_save();
	int cpu = smp_processor_id(), depth = lockdep_depth[cpu];

	(void)ip;
	for (int i = depth - 1; i >= 0; i--)
		if (held_locks[cpu][i].map == map) {
			memmove(&held_locks[cpu][i], &held_locks[cpu][i + 1],
				(size_t)(depth - 1 - i) * sizeof(held_locks[cpu][0]));
			lockdep_depth[cpu] = depth - 1;
			break;
		}
	local_irq_restore(flags);
}

void lockdep_reset(void)
{
	unsigned long flags = local_irq_save();

	arch_spin_lock(&graph_lock);
	for (int i = 0; i < nr_classes; i++)
		classes[i].key = NULL; /* stale class_cache pointers no longer match */
	nr_classes = 0;
	nr_deps = 0;
	lockdep_depth[smp_processor_id()] = 0; /* the caller holds none: forget stale entries */
	arch_spin_unlock(&graph_lock);
	local_irq_restore(flags);
}
