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
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/syscall_defs.h>
#include <kspace/tty.h>

#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WCONTINUED 0x00000008
#define RUSAGE_SIZE 72 /* struct rusage on i386 */

/* Drop the task list's reference to p, already out of it, once p is off its CPU. */
static void free_unhashed(struct task_struct *p)
{
	wait_task_inactive(p); /* a zombie reaped from another CPU may still be switching out */
	put_task_struct(p);
}

void release_task(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	unhash_task(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	free_unhashed(p);
}

static void exit_mm(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;

	if (!mm)
		return;
	switch_mm(mm, NULL); /* run on swapper_pg_dir while the page directory goes */
	task_lock(p);
	p->mm = NULL;
	task_unlock(p);
	mmput(mm);
}

/* Under task_lock, as exit_mm: /proc may be reading p's table from another CPU. */
static void exit_files(struct task_struct *p)
{
	struct files_struct *files = p->files;

	if (!files)
		return;
	task_lock(p);
	p->files = NULL;
	task_unlock(p);
	put_files(files);
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
 * Whether the process whose leader this is has ended: the leader a zombie and every
 * other thread gone from the group. tasklist_lock held, under which each exiting task
 * sets its state and a thread leaves.
 */
static bool thread_group_done(struct task_struct *leader)
{
	return leader->state == TASK_ZOMBIE && list_is_singular(&leader->signal->thread_head);
}

/* An exiting thread leaves its group now, though freed later: no signal or exec waits on it. */
static void leave_thread_group(struct task_struct *p)
{
	spin_lock(&p->sighand->siglock);
	list_del_init(&p->thread_node);
	spin_unlock(&p->sighand->siglock);
}

/*
 * The last of a process's threads has exited: its children go to init, and its
 * leader's parent hears of it now. A parent that keeps no zombies gets none: current
 * is freed by the next task to run; a leader that went before is unhashed here, and
 * the caller frees it (true) once tasklist_lock is let go. tasklist_lock held.
 */
static bool exit_group_notify(struct task_struct *leader)
{
	forget_original_parent(leader);
	if (leader->signal->flags & SIGNAL_GROUP_EXIT)
		leader->exit_code = leader->signal->group_exit_code;
	if (!notify_parent_exit(leader)) {
		wake_up(&leader->parent->wait_chldexit);
		return false;
	}
	if (leader == current) {
		leader->state = TASK_DEAD;
		return false;
	}
	/* Left a zombie: its CPU may still be switching away from it, and frees a TASK_DEAD prev. */
	unhash_task(leader);
	return true;
}

/*
 * Interrupts off. What becomes of an exiting task. A thread is freed by the next task
 * to run (nobody waits for it); a leader stays a zombie for its parent. Whichever of a
 * process's threads is the last to get here reports the whole process, under
 * tasklist_lock, so that exactly one does, with the leader gone or not.
 */
static void exit_notify(struct task_struct *p)
{
	struct task_struct *leader = p->group_leader;
	bool free_leader = false;

	spin_lock(&tasklist_lock);
	if (!p->parent) { /* a kernel thread: nobody waits for it */
		forget_original_parent(p);
		p->state = TASK_DEAD;
	} else {
		p->state = thread_group_leader(p) ? TASK_ZOMBIE : TASK_DEAD;
		if (!thread_group_leader(p))
			leave_thread_group(p);
		if (thread_group_done(leader))
			free_leader = exit_group_notify(leader);
	}
	spin_unlock(&tasklist_lock);
	if (free_leader)
		free_unhashed(leader);
	/* A thread in execve waits for this one to go: woken once its state says so. */
	if (p->signal->group_exec_task)
		wake_up_process(p->signal->group_exec_task);
}

static void exit_fs(struct task_struct *p)
{
	struct fs_struct *fs = p->fs;

	task_lock(p); /* /proc/<pid>/status reads it from another CPU */
	p->fs = NULL;
	task_unlock(p);
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
	spin_lock_irqsave(&p->sighand->siglock, flags);
	group_dead = --p->signal->live == 0;
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	if (group_dead && p->tgid == 1 && p->mm)
		init_exited(p->signal->flags & SIGNAL_GROUP_EXIT ? p->signal->group_exit_code : code);
	if (!group_dead)
		retarget_shared_pending(p);
	exit_mm_release(p);
	exit_mm(p);
	exit_files(p);
	exit_fs(p);
	if (group_dead)
		tty_exit_session();
	local_irq_disable();
	p->exit_code = code;
	exit_notify(p);
	schedule();
	BUG(); /* a dead task is never scheduled again */
}

/* End the whole process: the first caller sets the code, every other thread gets SIGKILL. */
void do_group_exit(int code)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		code = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		code = 0; /* killed by another thread's execve */
	} else if (sig->live > 1) {
		sig->flags |= SIGNAL_GROUP_EXIT;
		sig->group_exit_code = code;
		zap_other_threads(current);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	do_exit(code);
}

/* Whether every thread of current's process but current has exited. */
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
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
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
	unhash_task(leader);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	free_unhashed(leader);
}

/*
 * Linux's de_thread: execve ends the other threads of the process (SIGKILL) and
 * waits for them; -EAGAIN if the process is already ending or current is killed
 * meanwhile (it then dies on the way out).
 */
int de_thread(void)
{
	struct signal_struct *sig = current->signal;
	spinlock_t *siglock = &current->sighand->siglock;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(siglock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT || sig->group_exec_task) {
		spin_unlock_irqrestore(siglock, flags);
		return -EAGAIN;
	}
	sig->group_exec_task = current;
	zap_other_threads(current);
	for (;;) {
		/* Asleep before the test: an exit on another CPU between them still wakes it. */
		set_current_state(TASK_INTERRUPTIBLE);
		if (others_exited())
			break;
		spin_unlock_irqrestore(siglock, flags);
		schedule();
		spin_lock_irqsave(siglock, flags);
		if (sigkill_pending(current)) {
			err = -EAGAIN;
			break;
		}
	}
	set_current_state(TASK_RUNNING);
	sig->group_exec_task = NULL;
	spin_unlock_irqrestore(siglock, flags);
	if (!err && !thread_group_leader(current))
		take_leader_place(current->group_leader);
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

/*
 * A stopped or continued child not yet reported: its status (Linux's encodings), or 0.
 * Under the child's siglock, which its stop and continue are set under.
 */
static int job_control_status(struct task_struct *child, int options)
{
	unsigned long flags;
	int status = 0;

	spin_lock_irqsave(&child->sighand->siglock, flags);
	if ((options & WUNTRACED) && child->state == TASK_STOPPED && child->stop_signal) {
		status = (child->stop_signal << 8) | 0x7f;
		child->stop_signal = 0;
	} else if ((options & WCONTINUED) && child->continued) {
		status = 0xffff;
		child->continued = false;
	}
	spin_unlock_irqrestore(&child->sighand->siglock, flags);
	return status;
}

/* What wait_consider found: a zombie to reap, or a job-control change of pid to report. */
struct wait_found {
	struct task_struct *zombie;
	pid_t pid;
	int status;
};

/*
 * Look through the children matching pid for a zombie to reap or a job-control change
 * to report; found->pid stays 0 if there is none yet. -ECHILD if no child matches.
 * Under tasklist_lock: a zombie found leaves the children list at once, so that no
 * other thread of the process reaps it too.
 */
static long wait_consider(int pid, int options, struct wait_found *found)
{
	struct task_struct *child;
	bool have_child = false;
	unsigned long flags;

	*found = (struct wait_found){ 0 };
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(child, &current->group_leader->children, sibling) {
		if (!child_matches(child, pid) || child->state == TASK_DEAD)
			continue;
		have_child = true;
		if (child->state == TASK_ZOMBIE) {
			if (!thread_group_done(child))
				continue; /* its threads still run: reported when the last one exits */
			list_del_init(&child->sibling);
			found->zombie = child;
		} else {
			found->status = job_control_status(child, options);
			if (!found->status)
				continue;
		}
		found->pid = child->pid;
		break;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return have_child ? 0 : -ECHILD;
}

static long report(pid_t pid, int status, int __user *stat_addr, void __user *ru)
{
	if (stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	if (ru && clear_user(ru, RUSAGE_SIZE))
		return -EFAULT;
	return pid;
}

long sys_wait4(int pid, int __user *stat_addr, int options, void __user *ru)
{
	struct wait_found found;
	DEFINE_WAIT(wait);
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (pid == INT_MIN) /* -pid would overflow */
		return -ESRCH;
	for (;;) {
		prepare_to_wait(&current->group_leader->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		ret = wait_consider(pid, options, &found);
		if (ret || found.pid || (options & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->group_leader->wait_chldexit, &wait);
	if (!found.pid)
		return ret;
	if (found.zombie)
		return reap(found.zombie, stat_addr, ru);
	return report(found.pid, found.status, stat_addr, ru);
}

long sys_waitpid(int pid, int __user *stat_addr, int options)
{
	return sys_wait4(pid, stat_addr, options, NULL);
}
