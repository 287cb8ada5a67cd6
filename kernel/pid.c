/*
 * kernel/pid.c: the task list and the pids of its tasks, with the lock that guards
 * them across CPUs (Linux keeps these in kernel/pid.c and kernel/fork.c). A task
 * joins the list when fork starts it (kernel/fork.c) and leaves it when it is
 * released (unhash_task); lookups by pid hold tasklist_lock, or take a reference to
 * use the task after letting the lock go.
 */
#include <kspace/errno.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/spinlock.h>

#define PID_MAX 32768

LIST_HEAD(task_list);
/*
 * Guards task_list, pids, nr_threads and the thread-group and children links against
 * other CPUs; irqsave, as the tick walks the list (ITIMER_REAL).
 */
DEFINE_SPINLOCK(tasklist_lock);
int nr_threads;

/* Zombies too: their pid is taken until they are reaped. */
struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid)
			return p;
	return NULL;
}

/* The task pid names (0: the caller) with a reference (put_task_struct), or NULL. */
struct task_struct *find_get_task(pid_t pid)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = pid ? find_task_by_pid(pid) : current;
	if (p)
		get_task_struct(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

static bool pid_in_use(pid_t pid)
{
	return find_task_by_pid(pid) != NULL;
}

/* The next unused pid after the last handed out, wrapping below PID_MAX. */
pid_t alloc_pid(void)
{
	static pid_t last_pid;

	for (int tries = 0; tries < PID_MAX; tries++) {
		last_pid = last_pid + 1 < PID_MAX ? last_pid + 1 : 1;
		if (!pid_in_use(last_pid))
			return last_pid;
	}
	return -EAGAIN;
}

/*
 * p leaves the task list, its thread group and its parent's children: its pid is free
 * and it no longer counts towards max_threads. tasklist_lock held.
 */
void unhash_task(struct task_struct *p)
{
	nr_threads--;
	list_del(&p->tasks);
	list_del_init(&p->sibling); /* threads are nobody's children: empty */
	spin_lock(&p->sighand->siglock);
	list_del_init(&p->thread_node);
	spin_unlock(&p->sighand->siglock);
}
