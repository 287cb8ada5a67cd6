/*
 * kernel/fault_inject.c: fault injection, after Linux's lib/fault-inject.c,
 * mm/fail_page_alloc.c and mm/failslab.c. An allocation asks should_fail() and,
 * when told to, returns NULL as if memory had run out. The decision follows Linux's
 * order: task filter, times left, space, interval, then probability, drawn from a
 * seeded xorshift PRNG so that a run can be repeated failure for failure.
 *
 * A system call that saw an injected failure is checked on its way out (entry.asm
 * calls fault_inject_syscall_exit): it must succeed anyway (a fallback), fail with
 * ENOMEM or EAGAIN, or be on its way to dying of SIGKILL (the page-fault OOM path).
 * Anything else is an error path that lost the error, and is logged.
 */
#include <asm/ptrace.h>
#include <asm/thread_info.h>
#include <kspace/errno.h>
#include <kspace/fault-inject.h>
#include <kspace/gfp.h>
#include <kspace/init.h>
#include <kspace/mman.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/slab.h>
#include <kspace/slab_debug.h>
#include <kspace/string.h>
#include <kspace/syscalls.h>

struct fault_attr fail_page_alloc = { .name = "fail_page_alloc", .interval = 1, .times = -1 };
struct fault_attr failslab = { .name = "failslab", .interval = 1, .times = -1 };

static char fail_comm[TASK_COMM_LEN]; /* "": every task */
bool fail_page_alloc_highmem; /* Linux's ignore-gfp-highmem=N: user pages fail too */
static u32 prng_state = 2463534242u;  /* any non-zero seed */

/* Free pages once init reaped its second child: what the end of the run must match. */
static unsigned long baseline_free, baseline_slab, init_reaped;

/* The system calls that met an injected failure, by outcome. */
static unsigned long calls_succeeded, calls_clean, calls_killed, calls_unclean;

static u32 prng_next(void)
{
	u32 x = prng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return prng_state = x;
}

/* Boot, kernel threads and init never fail: the run must be able to report. */
static bool task_may_fail(void)
{
	struct task_struct *p = current;

	if (!p->mm || p->pid <= 1)
		return false;
	return !fail_comm[0] || !strncmp(p->comm, fail_comm, TASK_COMM_LEN);
}

/* The decision without the task filter (the self-tests call it from init). */
bool __should_fail(struct fault_attr *attr, unsigned long size)
{
	if (!attr->enabled || !attr->probability || attr->times == 0)
		return false;
	if (attr->space > size) {
		attr->space -= size;
		return false;
	}
	if (attr->interval > 1 && ++attr->count % attr->interval)
		return false;
	if (attr->probability <= prng_next() % 100)
		return false;
	if (attr->times > 0)
		attr->times--;
	attr->injected++;
	return true;
}

bool should_fail(struct fault_attr *attr, unsigned long size)
{
	if (!attr->enabled || !task_may_fail() || !__should_fail(attr, size))
		return false;
	/* Locked: a sender on another CPU may set TIF_SIGPENDING in the same word. */
	__atomic_or_fetch(&current_thread_info()->flags, _TIF_FAULT_INJECTED, __ATOMIC_RELAXED);
	return true;
}

/* A decimal number up to the next ',' or the end; NULL if there is none or it overflows. */
static const char *parse_ulong(const char *s, unsigned long *val)
{
	unsigned long v = 0;

	if (*s < '0' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned long d = *s - '0';

		if (v > (~0UL - d) / 10)
			return NULL;
		v = v * 10 + d;
	}
	*val = v;
	return *s == ',' || !*s ? s : NULL;
}

int setup_fault_attr(struct fault_attr *attr, const char *str)
{
	unsigned long interval, probability, space, times;
	const char *s = str;

	if (!(s = parse_ulong(s, &interval)) || *s++ != ',' ||
	    !(s = parse_ulong(s, &probability)) || *s++ != ',' ||
	    !(s = parse_ulong(s, &space)) || *s++ != ',')
		return -EINVAL;
	if (!strcmp(s, "-1")) /* the one negative value: no limit */
		times = -1UL;
	else if (!(s = parse_ulong(s, &times)) || *s || times > 0x7fffffffUL)
		return -EINVAL;
	if (probability > 100 || !interval)
		return -EINVAL;
	attr->interval = interval;
	attr->probability = probability;
	attr->space = space;
	attr->times = (long)times;
	attr->enabled = true;
	return 0;
}

static int fail_page_alloc_setup(const char *value)
{
	return setup_fault_attr(&fail_page_alloc, value);
}
__setup("fail_page_alloc=", fail_page_alloc_setup);

static int failslab_setup(const char *value)
{
	return setup_fault_attr(&failslab, value);
}
__setup("failslab=", failslab_setup);

/* Refused before the copy, so a bad fail_task= leaves an earlier good one in place. */
static int fail_task_setup(const char *value)
{
	if (!*value || strlen(value) >= sizeof(fail_comm))
		return -EINVAL;
	strlcpy(fail_comm, value, sizeof(fail_comm));
	return 0;
}
__setup("fail_task=", fail_task_setup);

static int fail_highmem_setup(const char *value)
{
	(void)value;
	fail_page_alloc_highmem = true;
	return 0;
}
__setup("fail_page_alloc_highmem", fail_highmem_setup);

static int fail_seed_setup(const char *value)
{
	unsigned long seed;
	const char *end = parse_ulong(value, &seed);

	/* 0: xorshift stays at 0 forever; beyond 32 bits (a 64-bit long): it would be cut. */
	if (!end || *end || !seed || (u32)seed != seed)
		return -EINVAL;
	prng_state = seed;
	return 0;
}
__setup("fail_seed=", fail_seed_setup);

static bool fatal_signal_pending(const struct task_struct *p)
{
	return p->pending.signal & sigmask(SIGKILL);
}

void fault_inject_syscall_exit(void)
{
	struct pt_regs *regs = current_pt_regs();
	long ret = regs->eax;

	__atomic_and_fetch(&current_thread_info()->flags, ~_TIF_FAULT_INJECTED, __ATOMIC_RELAXED);
	if (!IS_ERR_VALUE(ret))
		calls_succeeded++;
	else if (ret == -ENOMEM || ret == -EAGAIN)
		calls_clean++;
	else if (fatal_signal_pending(current))
		calls_killed++;
	else {
		calls_unclean++;
		pr_warn("fault-inject: %s[%d]: system call %ld returned %ld after an injected failure\n",
			current->comm, current->pid, regs->orig_eax, ret);
	}
}

/*
 * init (the test runner) reaped a child. By the second, its own memory has settled
 * (its heap, the stdio buffer of its first report): free pages from then on belong to
 * the tests.
 */
void fault_inject_init_reaped(void)
{
	if ((!fail_page_alloc.enabled && !failslab.enabled) || ++init_reaped != 2)
		return;
	kmem_cache_shrink_all();
	baseline_free = nr_free_pages();
	baseline_slab = slab_pages();
}

/*
 * Tasks besides init still alive: children of a test killed half-way keep what fork
 * gave them (the objects above may be theirs), which is not a leak.
 */
static void show_survivors(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid > 1 && p->state != TASK_ZOMBIE && p->state != TASK_DEAD)
			pr_notice("fault-inject: still running: %s[%d]\n", p->comm, p->pid);
}

void fault_inject_report(void)
{
	if (!fail_page_alloc.enabled && !failslab.enabled)
		return;
	pr_notice("fault-inject: %lu page allocations and %lu kmallocs failed on purpose\n",
		  fail_page_alloc.injected, failslab.injected);
	pr_notice("fault-inject: system calls that met one: %lu failed cleanly (ENOMEM/EAGAIN), "
		  "%lu succeeded anyway, %lu killed (OOM), %lu failed otherwise\n",
		  calls_clean, calls_succeeded, calls_killed, calls_unclean);
	kmem_cache_shrink_all(); /* count what is in use, not the caches' spare slabs */
	pr_notice("fault-inject: pages free after the second program %lu (slab %lu), at the end %lu "
		  "(slab %lu)\n", baseline_free, baseline_slab, nr_free_pages(), slab_pages());
	if (slub_debug)
		pr_notice("fault-inject: %lu objects outlive the task that allocated them\n",
			  kmem_show_orphans());
	show_survivors();
}
