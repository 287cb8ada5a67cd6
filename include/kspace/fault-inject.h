/*
 * Fault injection (kernel/fault_inject.c), after Linux's lib/fault-inject.c: make
 * chosen allocations fail so that error paths run. Two points: fail_page_alloc in
 * alloc_pages() and failslab in kmalloc(), each set on the command line as Linux
 * sets them:
 *
 *   fail_page_alloc=<interval>,<probability>,<space>,<times>
 *   failslab=<interval>,<probability>,<space>,<times>
 *   fail_task=<comm>     only tasks of this name (Linux: make-it-fail + task-filter)
 *   fail_seed=<n>        the PRNG's seed: the same seed, the same failures
 *   fail_page_alloc_highmem   fail GFP_HIGHUSER pages too (user memory, file data)
 *
 * As Linux's ignore-gfp-highmem defaults to Y, user pages do not fail unless asked:
 * a page fault that cannot get its page kills the task (kspace has no OOM killer
 * to make room and retry), which would end most programs before any system call.
 * probability is in percent, times -1 means no limit. Failures are injected only in
 * user processes other than init (pid 1 stays up to report), never during boot.
 */
#ifndef KSPACE_FAULT_INJECT_H
#define KSPACE_FAULT_INJECT_H

#include <kspace/types.h>

struct fault_attr {
	const char *name;
	unsigned long interval;    /* fail only every interval-th eligible call (1: any) */
	unsigned int probability;  /* percent of those that fail */
	unsigned long space;       /* bytes that pass before failures start */
	long times;                /* failures left; -1: no limit */
	unsigned long count;       /* eligible calls seen, for interval */
	unsigned long injected;    /* failures made */
	bool enabled;
};

extern struct fault_attr fail_page_alloc, failslab;
extern bool fail_page_alloc_highmem;

/* True if this allocation of size bytes should fail. */
bool should_fail(struct fault_attr *attr, unsigned long size);
/* The same for any task: the rules alone (interval, probability, space, times). */
bool __should_fail(struct fault_attr *attr, unsigned long size);

/* Parse "<interval>,<probability>,<space>,<times>": 0, or -EINVAL leaving attr as it was. */
int setup_fault_attr(struct fault_attr *attr, const char *str);

/* On the way out of a system call that met an injected failure: was it handled? */
void fault_inject_syscall_exit(void);

/* init reaped a child: the first time, note the free pages to compare at the end. */
void fault_inject_init_reaped(void);

/* The totals, printed when init exits. */
void fault_inject_report(void);

#endif
