/*
 * kernel/nice.c: nice values. Each task has one, -20 (most favoured) to 19, inherited
 * by fork; the scheduler turns it into the length of the task's time slice, as Linux
 * 2.6's O(1) scheduler did (a nice 19 task gets 1/20 of a nice 0 one's slice, a nice
 * -20 task twice as much: task_timeslice() in <kspace/sched.h>). The calls are Linux's: nice(inc), getpriority and
 * setpriority on one process, a process group or every process of a user, with
 * Linux's rules: another user's task needs root, and lowering a value (more CPU)
 * needs root or RLIMIT_NICE.
 */
#include <kspace/cred.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/resource.h>
#include <kspace/sched.h>
#include <kspace/syscall_defs.h>

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
#define NICE_WIDTH (MAX_NICE - MIN_NICE + 1)

/* Linux's nice_to_rlimit: nice 19..-20 as 1..40, RLIMIT_NICE's and getpriority's scale. */
static long nice_to_rlimit(long nice)
{
	return MAX_NICE - nice + 1;
}

/* Whether current may give p the lower (more favoured) value nice. */
static bool can_nice(const struct task_struct *p, long nice)
{
	return (unsigned long)nice_to_rlimit(nice) <= p->rlim[RLIMIT_NICE].rlim_cur || capable();
}

/* Linux's set_one_prio_perm: the caller's euid is p's real or effective uid, or root. */
static bool set_one_prio_perm(const struct task_struct *p)
{
	return p->cred.uid == current->cred.euid || p->cred.euid == current->cred.euid ||
	       capable();
}

/* One task of a setpriority: error is the result so far (-ESRCH until one matched). */
static long set_one_prio(struct task_struct *p, long nice, long error)
{
	if (!set_one_prio_perm(p))
		return -EPERM;
	if (nice < p->nice && !can_nice(p, nice))
		return -EACCES;
	p->nice = nice;
	return error == -ESRCH ? 0 : error;
}

/* Whether p is one of the tasks (which, who) names; who is already resolved (not 0). */
static bool prio_match(const struct task_struct *p, int which, unsigned int who)
{
	if (p->state == TASK_DEAD)
		return false;
	if (which == PRIO_PROCESS)
		return p->pid == (pid_t)who;
	if (which == PRIO_PGRP)
		return p->pgid == (pid_t)who;
	return p->cred.uid == who;
}

/* who 0 means the caller: itself, its group, its real uid. */
static unsigned int prio_who(int which, int who)
{
	if (who)
		return who;
	return which == PRIO_PROCESS ? (unsigned int)current->pid
	       : which == PRIO_PGRP ? (unsigned int)current->pgid : current->cred.uid;
}

long sys_setpriority(int which, int who, int niceval)
{
	struct task_struct *p;
	long error = -ESRCH;
	unsigned long flags;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	niceval = clamp(niceval, MIN_NICE, MAX_NICE);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (prio_match(p, which, prio_who(which, who)))
			error = set_one_prio(p, niceval, error);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return error;
}

/* The most favoured value among the tasks named, on the 1..40 scale, or -ESRCH. */
long sys_getpriority(int which, int who)
{
	struct task_struct *p;
	long best = -ESRCH;
	unsigned long flags;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (prio_match(p, which, prio_who(which, who)))
			best = max(best, nice_to_rlimit(p->nice));
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

/* The old nice(2): add increment (itself clamped to +-40) and clamp the result. */
long sys_nice(int increment)
{
	long nice;

	increment = clamp(increment, -NICE_WIDTH, NICE_WIDTH);
	nice = clamp(current->nice + increment, (long)MIN_NICE, (long)MAX_NICE);
	if (increment < 0 && !can_nice(current, nice))
		return -EPERM;
	current->nice = nice;
	return 0;
}
