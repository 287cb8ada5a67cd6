/*
 * kernel/sched.c: the scheduler: a round-robin run queue per CPU, wake-ups that
 * choose a CPU, load balancing, and the CPU affinity calls.
 *
 * Each CPU has its own struct rq: its runnable tasks in order (the running one
 * included), the task running now, and its idle task. schedule() moves the current
 * task to the back of its CPU's queue (if it can still run) and switches to the front
 * one; a CPU whose queue is empty first tries to pull a waiting task from the busiest
 * CPU, and otherwise runs its idle task, which halts. The timer tick, on every CPU,
 * counts down the running task's time slice and, when it runs out, refills it (its
 * length set by the task's nice value) and asks for a switch (TIF_NEED_RESCHED). A
 * task that sleeps keeps what is left of its slice for its next turn, as in Linux
 * 2.6's O(1) scheduler. The kernel is not preemptible (Linux's PREEMPT_NONE): kernel
 * code switches only where it calls schedule(); user code is switched away from on
 * its next return from an interrupt.
 *
 * Where tasks go. A wake-up puts a task on its last CPU if that CPU is idle (its
 * cache may still hold the task's data), else on the least loaded CPU it may run on,
 * and sends that CPU the reschedule IPI if it was idle. A sync wake-up (WF_SYNC: a
 * pipe's end woken by the other) comes first: the waker is about to sleep, so if its
 * CPU runs nothing else the task goes there, where the data it is to read was just
 * written, and no other CPU is woken. (Linux also wakes a parent waiting for its
 * exiting child so; kspace does not: a shell running one command after another would
 * follow each child to its CPU, and leave its mm lazily loaded on the one before.) Every BALANCE_TICKS ticks a
 * CPU compares its queue with the busiest one and pulls one task when they differ by
 * two or more. That is the whole balancing policy: no domains, no weights.
 *
 * Locking. rq->lock guards a queue and the rq fields, always with interrupts off
 * (interrupts wake tasks). schedule() holds it across the switch and the task
 * switched to releases it (finish_task_switch): spin_lock_hand_over() tells lock
 * debugging. That lock pair does not count in preempt_count (do_raw_spin_lock):
 * interrupts are off throughout, and a count taken by one task would be dropped from
 * another's. Balancing takes a second rq's lock only with a trylock, so no
 * lock order between queues is needed. p->pi_lock serializes the wake-ups of one task
 * and comes before any rq->lock. A task moving to another CPU is first waited for
 * until it is off its old one (p->on_cpu), so no two CPUs ever run on one stack.
 */
#include <asm/irqflags.h>
#include <asm/switch_to.h>
#include <asm/uaccess.h>
#include <kspace/arch.h>
#include <kspace/bug.h>
#include <kspace/kernel.h>
#include <kspace/kernel_stat.h>
#include <kspace/lockdep.h>
#include <kspace/percpu.h>
#include <kspace/preempt.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/mm_types.h>
#include <kspace/seq_buf.h>
#include <kspace/smp.h>
#include <kspace/spinlock.h>
#include <kspace/stacktrace.h>
#include <kspace/string.h>

#define BALANCE_TICKS 4 /* 40 ms at HZ=100 */

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.stack = (struct thread_info *)init_thread_union,
	.flags = PF_IDLE,
	.pid = 0,
	.comm = "swapper",
	.cpus_allowed = 1, /* init_idle: CPU 0 */
	.on_cpu = 1,
	.pi_lock = __SPIN_LOCK_INIT(init_task.pi_lock),
	.alloc_lock = __SPIN_LOCK_INIT(init_task.alloc_lock),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
};

struct rq {
	spinlock_t lock;
	struct list_head queue;   /* runnable tasks, the running one included; never idle */
	unsigned int nr_running;  /* tasks on queue */
	struct task_struct *curr; /* running on this CPU now */
	struct task_struct *idle; /* runs when queue is empty */
	unsigned int prev_work;   /* PREV_*: what else prev needs once it is off this CPU */
	unsigned long cpu_bit;    /* 1 << this CPU: affinity tests with a single AND */
	u64 nr_switches;
	unsigned int balance_ticks;
};

static DEFINE_PER_CPU(struct rq, runqueues);
#define cpu_rq(cpu) (&per_cpu(runqueues, (cpu)))
#define this_rq() this_cpu_ptr(&runqueues)

#define PREV_DEAD 1    /* it exited: release it */
#define PREV_MIGRATE 2 /* it may no longer run here: queue it where it may */

void release_task(struct task_struct *p); /* kernel/exit.c */

/* Before anything else: the boot thread is init_task, and `current` works. */
void boot_task_init(void)
{
	((struct thread_info *)init_thread_union)->task = &init_task;
	set_task_stack_end_magic(init_task.stack);
	init_task.thread.esp0 = (unsigned long)init_thread_union + THREAD_SIZE;
}

/* Make idle the task a CPU runs when it has nothing else (init_task for the boot CPU). */
void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	idle->state = TASK_RUNNING;
	idle->flags |= PF_IDLE;
	idle->cpus_allowed = 1UL << cpu;
	idle->on_cpu = 1;
	idle->stack->cpu = cpu;
	rq->idle = rq->curr = idle;
}

/* Once the per-CPU areas exist: an empty queue for every CPU. */
void sched_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_init(&rq->lock);
		INIT_LIST_HEAD(&rq->queue);
		rq->cpu_bit = 1UL << cpu;
	}
	init_idle(&init_task, smp_processor_id());
}

static bool on_rq(const struct task_struct *p) { return !list_empty(&p->run_list); }
static bool cpu_allowed(const struct task_struct *p, int cpu) { return p->cpus_allowed >> cpu & 1; }

static void enqueue_task(struct rq *rq, struct task_struct *p)
{
	if (!is_idle_task(p) && !on_rq(p)) {
		list_add_tail(&p->run_list, &rq->queue);
		rq->nr_running++;
	}
}

static void dequeue_task(struct rq *rq, struct task_struct *p)
{
	if (on_rq(p)) {
		list_del_init(&p->run_list);
		rq->nr_running--;
	}
}

/* Lock the queue p is on; p cannot be moved off it while the lock is held. */
static struct rq *task_rq_lock(struct task_struct *p)
{
	for (;;) {
		int cpu = READ_ONCE(task_cpu(p));
		struct rq *rq = cpu_rq(cpu);

		spin_lock(&rq->lock);
		if (task_cpu(p) == cpu)
			return rq;
		spin_unlock(&rq->lock);
	}
}

static void set_need_resched(struct task_struct *p)
{
	__atomic_or_fetch(&p->stack->flags, 1UL << TIF_NEED_RESCHED, __ATOMIC_SEQ_CST);
}

bool need_resched(void)
{
	return current_thread_info()->flags & (1UL << TIF_NEED_RESCHED);
}

/* Make rq's CPU call schedule() soon: at once if it is this one, by IPI otherwise. */
static void resched_curr(struct rq *rq, int cpu)
{
	set_need_resched(rq->curr);
	if (cpu != smp_processor_id())
		smp_send_reschedule(cpu);
}

/* Wait until p has switched out on whatever CPU ran it (Linux's wait_task_inactive). */
void wait_task_inactive(struct task_struct *p)
{
	while (READ_ONCE(p->on_cpu))
		cpu_relax();
}

/*
 * The CPU for a task that is to run again: for a WF_SYNC wake-up, the waker's if it
 * runs nothing else (Linux's wake_affine); then its last one if idle, else the least
 * loaded one it may run on (its last one on a tie). With no allowed CPU online, any
 * online CPU, as Linux's select_fallback_rq.
 */
static int select_task_rq(const struct task_struct *p, int wake_flags)
{
	unsigned long allowed = p->cpus_allowed & cpu_online_mask->bits;
	int prev = task_cpu(p), best = prev, cpu;
	unsigned int best_load = ~0U;

	if (!allowed)
		allowed = cpu_online_mask->bits;
	if (!(allowed & (allowed - 1))) /* one CPU to choose from (one online, or pinned) */
		return __builtin_ctzl(allowed);
	cpu = smp_processor_id();
	if ((wake_flags & WF_SYNC) && (allowed >> cpu & 1) && READ_ONCE(this_rq()->nr_running) == 1)
		return cpu;
	if ((allowed >> prev & 1) && !READ_ONCE(cpu_rq(prev)->nr_running))
		return prev;
	for_each_cpu(cpu, (&(const struct cpumask){ allowed })) {
		unsigned int load = READ_ONCE(cpu_rq(cpu)->nr_running);

		if (load < best_load || (load == best_load && cpu == prev)) {
			best = cpu;
			best_load = load;
		}
	}
	return best;
}

/* Queue p (runnable, on no queue and on no CPU) where it should run; pi_lock held. */
static inline void activate_task(struct task_struct *p, int wake_flags)
{
	int cpu = select_task_rq(p, wake_flags);
	struct rq *rq = cpu_rq(cpu);

	spin_lock(&rq->lock);
	task_cpu(p) = cpu;
	enqueue_task(rq, p);
	if (rq->curr == rq->idle)
		resched_curr(rq, cpu);
	spin_unlock(&rq->lock);
}

/* Linux's finish_lock_switch: prev may run elsewhere now, and the queue is free. */
static __always_inline void finish_lock_switch(struct rq *rq, struct task_struct *prev)
{
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
	do_raw_spin_unlock(&rq->lock);
	local_irq_enable();
}

/* A switch away from a task that exited or may no longer run here (rq->prev_work). */
static __noinline void finish_prev_work(struct rq *rq, struct task_struct *prev)
{
	unsigned int work = rq->prev_work;
	unsigned long flags;

	rq->prev_work = 0;
	finish_lock_switch(rq, prev);
	if (work & PREV_MIGRATE) {
		spin_lock_irqsave(&prev->pi_lock, flags);
		activate_task(prev, 0);
		spin_unlock_irqrestore(&prev->pi_lock, flags);
	}
	if (work & PREV_DEAD)
		release_task(prev);
}

/*
 * The second half of a switch, run by the task switched to, on the same CPU (rq is
 * its queue), with prev the task switched from. Inline: every switch runs it, and
 * most need no more than finish_lock_switch.
 */
static __always_inline void finish_task_switch(struct rq *rq, struct task_struct *prev)
{
	if (unlikely(rq->prev_work))
		finish_prev_work(rq, prev);
	else
		finish_lock_switch(rq, prev);
}

/*
 * A new task's first code after its first switch (ret_from_fork, ret_from_kernel_thread):
 * it starts inside prev's schedule(), the runqueue lock held.
 */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(this_rq(), prev);
	if (current->set_child_tid) { /* CLONE_CHILD_SETTID */
		put_user(current->pid, current->set_child_tid);
		current->set_child_tid = NULL;
	}
}

struct task_struct *task_of_stack(unsigned long addr)
{
	unsigned long base = addr & ~(THREAD_SIZE - 1UL);
	struct task_struct *p;
	int cpu;

	for_each_possible_cpu(cpu) {
		p = cpu_rq(cpu)->idle;
		if (p && (unsigned long)p->stack == base)
			return p;
	}
	if (base == (unsigned long)init_task.stack)
		return &init_task;
	list_for_each_entry(p, &task_list, tasks)
		if ((unsigned long)p->stack == base)
			return p;
	return NULL;
}

/* A waiting task of src that this CPU may run; src->lock held. */
static struct task_struct *pullable_task(struct rq *src, int this_cpu)
{
	struct task_struct *p;

	list_for_each_entry_reverse(p, &src->queue, run_list)
		if (p != src->curr && !READ_ONCE(p->on_cpu) && cpu_allowed(p, this_cpu))
			return p;
	return NULL;
}

/*
 * Pull one task from the busiest CPU if it has at least `margin` more than this one;
 * rq (this CPU's) is locked. The other queue is only tried: if its lock is busy, the
 * next tick tries again.
 */
static bool pull_task(struct rq *rq, unsigned int margin)
{
	int this_cpu = smp_processor_id(), cpu, busiest_cpu = -1;
	unsigned int most = rq->nr_running + margin - 1;
	struct task_struct *p = NULL;
	struct rq *busiest;

	for_each_online_cpu(cpu) {
		unsigned int load = READ_ONCE(cpu_rq(cpu)->nr_running);

		if (cpu != this_cpu && load > most) {
			most = load;
			busiest_cpu = cpu;
		}
	}
	if (busiest_cpu < 0)
		return false;
	busiest = cpu_rq(busiest_cpu);
	if (!spin_trylock(&busiest->lock))
		return false;
	if (busiest->nr_running >= rq->nr_running + margin)
		p = pullable_task(busiest, this_cpu);
	if (p) {
		dequeue_task(busiest, p);
		task_cpu(p) = this_cpu;
		enqueue_task(rq, p);
	}
	spin_unlock(&busiest->lock);
	return p != NULL;
}

/* The next task for this CPU; rq locked. An empty queue first tries to pull a waiting task. */
static struct task_struct *pick_next_task(struct rq *rq)
{
	if (list_empty(&rq->queue) && num_online_cpus() > 1)
		pull_task(rq, 2); /* a CPU with one running and one waiting gives the waiting one */
	return list_empty(&rq->queue) ? rq->idle : list_first_entry(&rq->queue, struct task_struct, run_list);
}

void schedule(void)
{
	struct task_struct *prev, *next;
	struct rq *rq, *rq_after;
	int cpu;

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
		if (static_key_enabled(&lock_debug))
			lockdep_print_held_locks();
		BUG();
	}
	local_irq_disable();
	cpu = smp_processor_id(); /* read once: the locks' and the FPU's stores may alias it */
	rq = cpu_rq(cpu);
	do_raw_spin_lock(&rq->lock);
	__atomic_and_fetch(&prev->stack->flags, ~(1UL << TIF_NEED_RESCHED), __ATOMIC_SEQ_CST);
	if (prev->state != TASK_RUNNING) {
		dequeue_task(rq, prev);
		if (prev->state == TASK_DEAD) /* its own doing: it cannot change now */
			rq->prev_work = PREV_DEAD;
	} else if (unlikely(!(prev->cpus_allowed & rq->cpu_bit)) && !is_idle_task(prev)) {
		dequeue_task(rq, prev); /* sched_setaffinity moved it: it goes once switched out */
		rq->prev_work = PREV_MIGRATE;
	} else if (on_rq(prev)) {
		list_move_tail(&prev->run_list, &rq->queue); /* to the back of the queue */
	} else {
		enqueue_task(rq, prev);
	}
	next = pick_next_task(rq);
	if (next == prev) {
		do_raw_spin_unlock(&rq->lock);
		local_irq_enable();
		return;
	}
	rq->curr = next;
	rq->nr_switches++;
	next->on_cpu = 1;
	spin_lock_hand_over(&rq->lock, next);
	/* Back, maybe much later and elsewhere: prev ran before us on rq_after's CPU. */
	prev = switch_to(prev, next, cpu, rq, &rq_after);
	finish_task_switch(rq_after, prev);
}

/*
 * Wake p if it sleeps: 1 if it did. If p is still on its queue (it has not yet
 * switched out, or has not even reached schedule()), marking it runnable is all:
 * schedule() will keep it. Otherwise it goes to the CPU select_task_rq() picks.
 */
int try_to_wake_up(struct task_struct *p, int wake_flags)
{
	unsigned long flags;
	int woke = 0;
	struct rq *rq;

	spin_lock_irqsave(&p->pi_lock, flags);
	if (!(p->state & (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE | TASK_STOPPED)))
		goto out; /* running, or exiting: a zombie on its way out must not run again */
	woke = 1;
	/*
	 * Off its queue, p stays off while we hold pi_lock (only a wake-up puts it back),
	 * so a look without the queue's lock suffices, as Linux's try_to_wake_up reads
	 * p->on_rq; seen on it, the queue's lock says whether it still is.
	 */
	if (READ_ONCE(p->run_list.next) != &p->run_list) {
		rq = task_rq_lock(p);
		if (on_rq(p)) {
			p->state = TASK_RUNNING;
			spin_unlock(&rq->lock);
			goto out;
		}
		spin_unlock(&rq->lock);
	}
	wait_task_inactive(p);
	p->state = TASK_RUNNING;
	activate_task(p, wake_flags);
out:
	spin_unlock_irqrestore(&p->pi_lock, flags);
	return woke;
}


void scheduler_tick(void)
{
	struct task_struct *p = current;
	struct rq *rq = this_rq();

	if (!is_idle_task(p) && --p->time_slice <= 0) {
		p->time_slice = task_timeslice(p);
		set_need_resched(p);
	}
	if (num_online_cpus() > 1 && ++rq->balance_ticks >= BALANCE_TICKS) {
		rq->balance_ticks = 0;
		spin_lock(&rq->lock); /* the tick runs with interrupts off */
		if (pull_task(rq, 2) && rq->curr == rq->idle)
			set_need_resched(rq->curr);
		spin_unlock(&rq->lock);
	}
}

/* The idle task of every CPU: halt until an interrupt makes something runnable. */
void cpu_idle(void)
{
	struct rq *rq = this_rq();

	for (;;) {
		local_irq_disable(); /* no wake-up may slip between the test and the halt */
		if (!need_resched() && list_empty(&rq->queue))
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
 * is reported once. The idle tasks are exempt: the boot runs as one with interrupts
 * still off, and idle never sleeps.
 */
void __might_sleep(const char *file, int line)
{
	if ((!in_atomic() && !irqs_disabled()) || is_idle_task(current) ||
	    might_sleep_reported(file, line))
		return;
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), current->pid, current->comm);
	printk(KERN_ERR "preempt_count: %x, expected: 0\n", preempt_count());
	lockdep_print_held_locks();
	dump_stack();
}

u64 nr_context_switches(void)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += cpu_rq(cpu)->nr_switches;
	return sum;
}

unsigned short nr_tasks(void)
{
	struct task_struct *p;
	unsigned short n = 0;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		n++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
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
	unsigned long flags;

	seq_buf_printf(s, "  PID  PPID   UID S     RSS CMD\n");
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		task_lock(p); /* its mm may be going on another CPU */
		seq_buf_printf(s, "%5d %5d %5u %c %7lu %s%s%s\n", p->pid, p->parent ? p->parent->pid : 0,
			       p->cred.euid, state_letter(p), p->mm ? p->mm->rss << (PAGE_SHIFT - 10) : 0,
			       p->mm ? "" : "[", p->comm, p->mm ? "" : "]");
		task_unlock(p);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* ---- CPU affinity ---- */

#define CPUMASK_SIZE sizeof(unsigned long) /* Linux's cpumask_size(): whole longs */

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
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	mask = p->cpus_allowed & cpu_online_mask->bits;
	put_task_struct(p);
	return copy_to_user(user_mask_ptr, &mask, CPUMASK_SIZE) ? -EFAULT : (long)CPUMASK_SIZE;
}

/*
 * Give p a new mask; if its CPU is no longer in it, move it: a waiting task now,
 * a running one when it next switches out (schedule() sees its CPU is not allowed),
 * a sleeping one when it is woken.
 */
void set_cpus_allowed_ptr(struct task_struct *p, unsigned long mask)
{
	unsigned long flags;
	struct rq *rq;
	int cpu;

	spin_lock_irqsave(&p->pi_lock, flags);
	p->cpus_allowed = mask;
	rq = task_rq_lock(p);
	cpu = task_cpu(p);
	if (cpu_allowed(p, cpu) || !on_rq(p)) {
		spin_unlock(&rq->lock);
	} else if (p->on_cpu) {
		resched_curr(rq, cpu);
		spin_unlock(&rq->lock);
	} else {
		dequeue_task(rq, p);
		spin_unlock(&rq->lock);
		activate_task(p, 0);
	}
	spin_unlock_irqrestore(&p->pi_lock, flags);
}

/* Linux's get_user_cpu_mask: a shorter mask fills the low bytes, a longer one is cut. */
long sys_sched_setaffinity(pid_t pid, unsigned int len, unsigned long __user *user_mask_ptr)
{
	struct task_struct *p;
	unsigned long mask = 0;
	long err = 0;

	if (copy_from_user(&mask, user_mask_ptr, min(len, (unsigned int)CPUMASK_SIZE)))
		return -EFAULT;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	mask &= cpu_possible_mask->bits;
	if (!may_set_affinity(p))
		err = -EPERM;
	else if (!(mask & cpu_online_mask->bits))
		err = -EINVAL; /* no CPU it could run on */
	else
		set_cpus_allowed_ptr(p, mask);
	put_task_struct(p);
	return err;
}

/* getcpu(2): the CPU the caller runs on (it may have moved by the time it looks) and its NUMA node, 0. */
long sys_getcpu(unsigned int __user *cpup, unsigned int __user *nodep, void __user *unused)
{
	int err = 0;

	(void)unused; /* the cache argument has been ignored since Linux 2.6.24 */
	if (cpup)
		err |= put_user(smp_processor_id(), cpup);
	if (nodep)
		err |= put_user(0, nodep); /* both are tried, as Linux does */
	return err ? -EFAULT : 0;
}
