/*
 * kernel/exit.c: the end of a task, and wait4.
 *
 * An exiting process gives up its address space, hands its children to init, and
 * becomes a zombie: a task_struct holding only its exit status, until its parent
 * collects that with wait4() and the zombie is freed. A kernel thread has no
 * parent to wait for it; it is TASK_DEAD at once, and the next task to run frees
 * its stack (it cannot free the stack it is running on); so does a child whose
 * parent ignores SIGCHLD (or set SA_NOCLDWAIT), as on Linux. Otherwise the parent
 * gets SIGCHLD. wait4 also reports job control: a child stopped (WUNTRACED, status
 * (sig << 8) | 0x7f) or continued (WCONTINUED, 0xffff), each once. When init, pid 1,
 * exits, the machine powers off with init's exit status.
 *
 * A process with threads ends thread by thread. A thread other than the leader is
 * freed as soon as it exits (nobody waits for it). The leader stays a zombie until
 * the last thread is gone; only then does its parent hear of it, and wait4 report it,
 * with the status of the group exit if there was one. exit_group and fatal signals
 * end every thread (do_group_exit): each gets SIGKILL and exits with the group's code.
 */
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <kspace/bug.h>
#include <kspace/errno.h>
#include <kspace/fault-inject.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/printk.h>
#include <kspace/oom.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/syscall_defs.h>
#include <kspace/tty.h>

#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WCONTINUED 0x00000008
#define RUSAGE_SIZE 72 /* struct rusage on i386 */

void free_task(struct task_struct *p); /* kernel/fork.c */

void release_task(struct task_struct *p)
{
	unsigned long flags;

	wait_task_inactive(p); /* a zombie reaped from another CPU may still be switching out */
	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->tasks);
	list_del_init(&p->sibling); /* threads are nobody's children: empty */
	list_del_init(&p->thread_node);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	free_task(p);
}

static void exit_mm(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;
	unsigned long flags;

	if (!mm)
		return;
	switch_mm(mm, NULL); /* run on swapper_pg_dir while the page directory goes */
	spin_lock_irqsave(&tasklist_lock, flags); /* the OOM killer chooses among tasks with an mm */
	p->mm = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	mmput(mm);
	exit_oom_victim(p); /* its pages are back (if it was the last user of mm) */
}

static struct task_struct *init_process(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == 1)
			return p;
	return NULL;
}

/* A child process changes parent: its leader, and each thread keeps the same parent. */
static void set_parent(struct task_struct *child, struct task_struct *parent)
{
	struct task_struct *t;

	for_each_thread(child, t)
		t->parent = parent;
	child->parent = parent; /* a leader that has gone before its threads too */
}

/* Orphans go to init, which reaps them; a zombie among them wakes init at once. */
static void forget_original_parent(struct task_struct *p)
{
	struct task_struct *init = init_process(), *child;

	while (!list_empty(&p->children)) {
		child = list_first_entry(&p->children, struct task_struct, sibling);
		list_del(&child->sibling);
		set_parent(child, init);
		list_add_tail(&child->sibling, &init->children);
		if (child->state == TASK_ZOMBIE)
			wake_up(&init->wait_chldexit);
	}
}

/*
 * The last thread of a process is gone: its leader's parent hears of it now. A leader
 * whose parent keeps no zombies is freed here, by another thread (it does not run).
 */
static void notify_group_dead(struct task_struct *leader)
{
	if (leader->signal->flags & SIGNAL_GROUP_EXIT)
		leader->exit_code = leader->signal->group_exit_code;
	if (!leader->parent)
		return;
	if (notify_parent_exit(leader)) {
		leader->state = TASK_DEAD;
		release_task(leader);
		return;
	}
	wake_up(&leader->parent->wait_chldexit);
}

/* Interrupts off. What becomes of an exiting task; children belong to its leader. */
static void exit_notify(struct task_struct *p, bool group_dead)
{
	struct task_struct *leader = p->group_leader;

	if (group_dead)
		forget_original_parent(leader);
	if (!thread_group_leader(p)) {
		p->state = TASK_DEAD; /* nobody waits for a thread: the next task frees it */
		if (group_dead && leader->state == TASK_ZOMBIE)
			notify_group_dead(leader);
	} else if (!p->parent) { /* a kernel thread: nobody waits for it */
		p->state = TASK_DEAD;
	} else if (!group_dead) {
		p->state = TASK_ZOMBIE; /* reported when its last thread exits */
	} else {
		if (p->signal->flags & SIGNAL_GROUP_EXIT)
			p->exit_code = p->signal->group_exit_code;
		/* A parent ignoring SIGCHLD keeps no zombies: the next task frees this one. */
		p->state = notify_parent_exit(p) ? TASK_DEAD : TASK_ZOMBIE;
		wake_up(&p->parent->wait_chldexit);
	}
	/* A thread in execve waits for this one to go: woken once its state says so. */
	if (p->signal->group_exec_task)
		wake_up_process(p->signal->group_exec_task);
}

static void exit_fs(struct task_struct *p)
{
	struct fs_struct *fs = p->fs;

	p->fs = NULL;
	if (fs)
		put_fs(fs);
}

/* init's death ends the machine: its status leaves through machine_power_off. */
static __noreturn void init_exited(long code)
{
	int status = code & 0x7f ? 128 + (code & 0x7f) : (code >> 8) & 0xff;

	if (code & 0x7f)
		pr_notice("init killed by signal %ld\n", code & 0x7f);
	else
		pr_notice("init exited with status %d\n", status);
	fault_inject_report();
	machine_power_off(status);
}

/* code is the wait4 status word: exit value << 8, or the terminating signal. */
void do_exit(long code)
{
	struct task_struct *p = current;
	unsigned long flags;
	bool group_dead;

	BUG_ON(is_idle_task(p)); /* the idle task never exits */
	flags = local_irq_save();
	group_dead = --p->signal->live == 0;
	local_irq_restore(flags);
	if (group_dead && p->tgid == 1 && p->mm)
		init_exited(p->signal->flags & SIGNAL_GROUP_EXIT ? p->signal->group_exit_code : code);
	if (!group_dead)
		retarget_shared_pending(p);
	exit_mm_release(p);
	exit_mm(p);
	if (p->files) {
		put_files(p->files);
		p->files = NULL;
	}
	exit_fs(p);
	if (group_dead)
		tty_exit_session();
	local_irq_disable();
	p->exit_code = code;
	exit_notify(p, group_dead);
	schedule();
	BUG(); /* a dead task is never scheduled again */
}

/* End the whole process: the first caller sets the code, every other thread gets SIGKILL. */
void do_group_exit(int code)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags = local_irq_save();

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		code = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		code = 0; /* killed by another thread's execve */
	} else if (sig->live > 1) {
		sig->flags |= SIGNAL_GROUP_EXIT;
		sig->group_exit_code = code;
		zap_other_threads(current);
	}
	local_irq_restore(flags);
	do_exit(code);
}

/* Whether every thread of current's process but current has exited. Interrupts off. */
static bool others_exited(void)
{
	struct task_struct *t;

	for_each_thread(current, t)
		if (t != current && t->state != TASK_ZOMBIE && t->state != TASK_DEAD)
			return false;
	return true;
}

/*
 * execve from a non-leader thread: current takes the place of the leader, which has
 * exited: its pid, its parent and children, its place among its parent's children,
 * its group and session. The leader, a zombie nobody will wait for, is freed.
 */
static void take_leader_place(struct task_struct *leader)
{
	struct task_struct *tsk = current, *child, *t;
	pid_t tid = tsk->pid;

	tsk->pid = leader->pid;
	leader->pid = tid;
	tsk->parent = leader->parent;
	tsk->pgid = leader->pgid;
	tsk->sid = leader->sid;
	tsk->tty = leader->tty;
	tsk->start_time = leader->start_time;
	while (!list_empty(&leader->children)) {
		child = list_first_entry(&leader->children, struct task_struct, sibling);
		list_del(&child->sibling);
		list_add_tail(&child->sibling, &tsk->children);
		set_parent(child, tsk);
	}
	if (!list_empty(&leader->sibling))
		list_add(&tsk->sibling, &leader->sibling);
	list_del_init(&leader->sibling);
	for_each_thread(tsk, t)
		t->group_leader = tsk;
	leader->group_leader = tsk;
	release_task(leader);
}

/*
 * Linux's de_thread: execve ends the other threads of the process (SIGKILL) and
 * waits for them; -EAGAIN if the process is already ending or current is killed
 * meanwhile (it then dies on the way out).
 */
int de_thread(void)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags = local_irq_save();
	int err = 0;

	if (sig->flags & SIGNAL_GROUP_EXIT || sig->group_exec_task) {
		local_irq_restore(flags);
		return -EAGAIN;
	}
	sig->group_exec_task = current;
	zap_other_threads(current);
	for (;;) {
		/* Asleep before the test: an exit on another CPU between them still wakes it. */
		set_current_state(TASK_INTERRUPTIBLE);
		if (others_exited())
			break;
		local_irq_restore(flags);
		schedule();
		flags = local_irq_save();
		if (sigkill_pending(current)) {
			err = -EAGAIN;
			break;
		}
	}
	set_current_state(TASK_RUNNING);
	sig->group_exec_task = NULL;
	if (!err && !thread_group_leader(current))
		take_leader_place(current->group_leader);
	local_irq_restore(flags);
	return err;
}

/* One thread ends; the process goes on while another thread runs. */
long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

long sys_exit_group(int code)
{
	do_group_exit((code & 0xff) << 8);
}

/* Free a zombie child and report its status; as on Linux it is gone even if that fails. */
static long reap(struct task_struct *p, int __user *stat_addr, void __user *ru)
{
	pid_t pid = p->pid;
	int status = p->exit_code;
	int err = ru ? put_child_rusage(p, ru) : 0;

	account_reaped_child(p);
	release_task(p);
	if (current->pid == 1)
		fault_inject_init_reaped();
	if (stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	return err ? err : pid;
}

static bool child_matches(const struct task_struct *child, int pid)
{
	if (pid > 0)
		return child->pid == pid;
	if (pid == 0)
		return child->pgid == current->pgid;
	return pid == -1 || child->pgid == -pid;
}

/* A stopped or continued child not yet reported: its status (Linux's encodings), or 0. */
static int job_control_status(struct task_struct *child, int options)
{
	int status = 0;

	if ((options & WUNTRACED) && child->state == TASK_STOPPED && child->stop_signal) {
		status = (child->stop_signal << 8) | 0x7f;
		child->stop_signal = 0;
	} else if ((options & WCONTINUED) && child->continued) {
		status = 0xffff;
		child->continued = false;
	}
	return status;
}

/*
 * Look through the children matching pid for a zombie to reap or a job-control
 * change to report. 0 with *found set, 0 with nothing yet, or -ECHILD.
 */
static long wait_consider(int pid, int options, struct task_struct **found, int *status)
{
	struct task_struct *child;
	bool have_child = false;

	*found = NULL;
	list_for_each_entry(child, &current->group_leader->children, sibling) {
		if (!child_matches(child, pid))
			continue;
		have_child = true;
		if (child->state == TASK_ZOMBIE && !thread_group_empty(child))
			continue; /* its threads still run: reported when the last one exits */
		*status = child->state == TASK_ZOMBIE ? -1 : job_control_status(child, options);
		if (*status) {
			*found = child;
			break;
		}
	}
	return have_child ? 0 : -ECHILD;
}

static long report(struct task_struct *p, int status, int __user *stat_addr, void __user *ru)
{
	if (stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	if (ru && clear_user(ru, RUSAGE_SIZE))
		return -EFAULT;
	return p->pid;
}

long sys_wait4(int pid, int __user *stat_addr, int options, void __user *ru)
{
	struct task_struct *child;
	DEFINE_WAIT(wait);
	int status;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (pid == INT_MIN) /* -pid would overflow */
		return -ESRCH;
	for (;;) {
		prepare_to_wait(&current->group_leader->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		ret = wait_consider(pid, options, &child, &status);
		if (ret || child || (options & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->group_leader->wait_chldexit, &wait);
	if (!child)
		return ret;
	return status == -1 ? reap(child, stat_addr, ru) : report(child, status, stat_addr, ru);
}

long sys_waitpid(int pid, int __user *stat_addr, int options)
{
	return sys_wait4(pid, stat_addr, options, NULL);
}
