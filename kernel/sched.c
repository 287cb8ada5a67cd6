/*
 * kernel/sched.c: a round-robin scheduler, and the CPU affinity calls.
 *
 * Runnable tasks other than idle wait on runqueue in order; schedule() moves the
 * current task to the back (if it can still run) and switches to the front one, or
 * to the idle task when the queue is empty. The timer tick counts down the running
 * task's time slice and, when it runs out, refills it (its length set by the task's
 * nice value) and asks for a switch (TIF_NEED_RESCHED). A task that sleeps keeps what
 * is left of its slice for its next turn, as in Linux 2.6's O(1) scheduler.
 * The kernel is not preemptible (Linux's PREEMPT_NONE): kernel code switches only
 * where it calls schedule(); user code is switched away from on its next return
 * from an interrupt.
 */
#include <asm/irqflags.h>
#include <asm/uaccess.h>
#include <kspace/arch.h>
#include <kspace/bug.h>
#include <kspace/kernel.h>
#include <kspace/kernel_stat.h>
#include <kspace/lockdep.h>
#include <kspace/preempt.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/mm_types.h>
#include <kspace/seq_buf.h>
#include <kspace/spinlock.h>
#include <kspace/stacktrace.h>
#include <kspace/string.h>

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.stack = (struct thread_info *)init_thread_union,
	.pid = 0,
	.comm = "swapper",
	.cpus_allowed = 1, /* one CPU: number 0 */
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
};

static LIST_HEAD(runqueue);
/*
 * Guards runqueue, the tasks' run_list links and their state changes to running.
 * Interrupts wake tasks, so it is always taken with interrupts off. schedule() holds
 * it across the switch: the task switched to drops it (finish_task_switch).
 */
static DEFINE_SPINLOCK(runqueue_lock);
u64 nr_context_switches; /* for /proc/stat */
static struct task_struct *last_task; /* the task switched away from, for finish_task_switch */

void release_task(struct task_struct *p); /* kernel/exit.c */

void sched_init(void)
{
	((struct thread_info *)init_thread_union)->task = &init_task;
	set_task_stack_end_magic(init_task.stack);
	init_task.thread.esp0 = (unsigned long)init_thread_union + THREAD_SIZE;
}

static bool on_runqueue(struct task_struct *p) { return !list_empty(&p->run_list); }

static void enqueue_task(struct task_struct *p)
{
	if (p != &init_task && !on_runqueue(p))
		list_add_tail(&p->run_list, &runqueue);
}

static void dequeue_task(struct task_struct *p)
{
	if (on_runqueue(p)) {
		list_del(&p->run_list);
		INIT_LIST_HEAD(&p->run_list);
	}
}

static void set_need_resched(struct task_struct *p) { p->stack->flags |= 1UL << TIF_NEED_RESCHED; }

bool need_resched(void)
{
	return current_thread_info()->flags & (1UL << TIF_NEED_RESCHED);
}

/* The second half of a switch, run by the task switched to. */
static void finish_task_switch(void)
{
	struct task_struct *prev = last_task;

	last_task = NULL;
	spin_unlock(&runqueue_lock);
	if (prev && prev->state == TASK_DEAD)
		release_task(prev);
	local_irq_enable();
}

/* A new task's first code after its first switch (ret_from_fork, ret_from_kernel_thread). */
void schedule_tail(void)
{
	/*
	 * The new task starts inside its parent's schedule(), the runqueue lock held; its
	 * own preempt_count (0, fresh from fork) now counts that lock, as Linux's
	 * FORK_PREEMPT_COUNT does, so finish_task_switch() can drop it.
	 */
	preempt_disable();
	finish_task_switch();
	if (current->set_child_tid) { /* CLONE_CHILD_SETTID */
		put_user(current->pid, current->set_child_tid);
		current->set_child_tid = NULL;
	}
}

struct task_struct *task_of_stack(unsigned long addr)
{
	unsigned long base = addr & ~(THREAD_SIZE - 1UL);
	struct task_struct *p;

	if (base == (unsigned long)init_task.stack)
		return &init_task;
	list_for_each_entry(p, &task_list, tasks)
		if ((unsigned long)p->stack == base)
			return p;
	return NULL;
}

void schedule(void)
{
	struct task_struct *prev, *next;

	/*
	 * Before anything is read from thread_info: an overrun stack has usually overwritten
	 * it too, `current` included. The panic's dump_stack() names the task from the task list.
	 */
	if (unlikely(task_stack_end_corrupted(current_thread_info())))
		panic("corrupted stack end detected inside scheduler");
	prev = current;
	if (unlikely(in_atomic())) {
		printk(KERN_EMERG "BUG: scheduling while atomic: %s/%d, preempt_count %d\n",
		       prev->comm, prev->pid, preempt_count());
		if (lock_debug)
			lockdep_print_held_locks();
		BUG();
	}
	local_irq_disable();
	spin_lock(&runqueue_lock);
	prev->stack->flags &= ~(1UL << TIF_NEED_RESCHED);
	if (prev->state != TASK_RUNNING)
		dequeue_task(prev);
	else if (on_runqueue(prev))
		list_move_tail(&prev->run_list, &runqueue); /* to the back of the queue */
	else
		enqueue_task(prev);
	next = list_empty(&runqueue) ? &init_task : list_first_entry(&runqueue, struct task_struct, run_list);
	if (next != prev) {
		last_task = prev;
		nr_context_switches++;
		spin_lock_hand_over(&runqueue_lock, next);
		switch_to(prev, next);
	}
	finish_task_switch();
}

int wake_up_process(struct task_struct *p)
{
	unsigned long flags;
	int woke;

	spin_lock_irqsave(&runqueue_lock, flags);
	woke = p->state != TASK_RUNNING && p->state != TASK_DEAD;

	if (woke) {
		p->state = TASK_RUNNING;
		enqueue_task(p);
		if (current == &init_task)
			set_need_resched(&init_task); /* idle: go and run it */
	}
	spin_unlock_irqrestore(&runqueue_lock, flags);
	return woke;
}

void scheduler_tick(void)
{
	struct task_struct *p = current;

	if (p != &init_task && --p->time_slice <= 0) {
		p->time_slice = task_timeslice(p);
		set_need_resched(p);
	}
}

/* The idle task: halt until an interrupt makes something runnable. */
void cpu_idle(void)
{
	for (;;) {
		local_irq_disable(); /* no wake-up may slip between the test and the halt */
		if (!need_resched() && list_empty(&runqueue))
			arch_cpu_idle(); /* sti; hlt */
		else
			local_irq_enable();
		schedule();
	}
}

/* Whether file:line was reported already; remembers it if not (and if there is room). */
static bool might_sleep_reported(const char *file, int line)
{
	static struct { const char *file; int line; } sites[16];
	static int nr_sites;

	for (int i = 0; i < nr_sites; i++)
		if (sites[i].file == file && sites[i].line == line)
			return true;
	if (nr_sites == (int)ARRAY_SIZE(sites))
		return true; /* enough said */
	sites[nr_sites].file = file;
	sites[nr_sites++].line = line;
	return false;
}

/*
 * might_sleep(): the caller may sleep, which it must not do holding a spinlock (the
 * CPU would be switched away with the lock taken) or with interrupts off. Each place
 * is reported once. The idle tasks (pid 0) are exempt: the boot runs as one with
 * interrupts still off, and idle never sleeps.
 */
void __might_sleep(const char *file, int line)
{
	if ((!in_atomic() && !irqs_disabled()) || current->pid == 0 ||
	    might_sleep_reported(file, line))
		return;
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), current->pid, current->comm);
	printk(KERN_ERR "preempt_count: %x, expected: 0\n", preempt_count());
	lockdep_print_held_locks();
	dump_stack();
}

unsigned short nr_tasks(void)
{
	struct task_struct *p;
	unsigned short n = 0;

	list_for_each_entry(p, &task_list, tasks)
		n++;
	return n;
}

static char state_letter(const struct task_struct *p)
{
	switch (p->state) {
	case TASK_RUNNING: return 'R';
	case TASK_INTERRUPTIBLE: return 'S';
	case TASK_UNINTERRUPTIBLE: return 'D';
	case TASK_STOPPED: return 'T';
	case TASK_ZOMBIE: return 'Z';
	default: return 'X';
	}
}

/* Like `ps -el`, trimmed: kernel threads (no mm) in brackets, as ps shows them. */
void tasks_render(struct seq_buf *s)
{
	struct task_struct *p;

	seq_buf_printf(s, "  PID  PPID   UID S     RSS CMD\n");
	list_for_each_entry(p, &task_list, tasks)
		seq_buf_printf(s, "%5d %5d %5u %c %7lu %s%s%s\n", p->pid, p->parent ? p->parent->pid : 0,
			       p->cred.euid, state_letter(p), p->mm ? p->mm->rss << (PAGE_SHIFT - 10) : 0,
			       p->mm ? "" : "[", p->comm, p->mm ? "" : "]");
}

/* ---- CPU affinity ---- */

#define CPU_ONLINE_MASK 1UL /* kspace runs on one CPU, number 0 */
#define CPUMASK_SIZE sizeof(unsigned long) /* Linux's cpumask_size(): whole longs */

/* The task pid names (0: the caller), or NULL. */
static struct task_struct *find_process_by_pid(pid_t pid)
{
	return pid ? find_task_by_pid(pid) : current;
}

/* Linux's check_same_owner, or root (CAP_SYS_NICE). */
static bool may_set_affinity(const struct task_struct *p)
{
	return current->cred.euid == p->cred.euid || current->cred.euid == p->cred.uid ||
	       capable();
}

/* Returns the bytes of mask written: the whole mask, never more than len. */
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *user_mask_ptr)
{
	struct task_struct *p;
	unsigned long mask;

	if (len * 8 < 1 || (len & (sizeof(unsigned long) - 1))) /* too short for one CPU, or ragged */
		return -EINVAL;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	mask = p->cpus_allowed & CPU_ONLINE_MASK;
	return copy_to_user(user_mask_ptr, &mask, CPUMASK_SIZE) ? -EFAULT : (long)CPUMASK_SIZE;
}

/* Linux's get_user_cpu_mask: a shorter mask fills the low bytes, a longer one is cut. */
long sys_sched_setaffinity(pid_t pid, unsigned int len, unsigned long __user *user_mask_ptr)
{
	struct task_struct *p;
	unsigned long mask = 0;

	if (copy_from_user(&mask, user_mask_ptr, min(len, (unsigned int)CPUMASK_SIZE)))
		return -EFAULT;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	if (!may_set_affinity(p))
		return -EPERM;
	if (!(mask & CPU_ONLINE_MASK))
		return -EINVAL; /* no CPU it could run on */
	p->cpus_allowed = mask & CPU_ONLINE_MASK;
	return 0;
}
