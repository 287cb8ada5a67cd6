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

void free_task(struct task_struct *p); /* kernel/fork.c */

void release_task(struct task_struct *p)
{
	list_del(&p->tasks);
	if (p->parent)
		list_del(&p->sibling);
	free_task(p);
}

static void exit_mm(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;

	if (!mm)
		return;
	switch_mm(mm, NULL); /* run on swapper_pg_dir while the page directory goes */
	p->mm = NULL;
	mmput(mm);
}

static struct task_struct *init_process(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == 1)
			return p;
	return NULL;
}

/* Orphans go to init, which reaps them; a zombie among them wakes init at once. */
static void forget_original_parent(struct task_struct *p)
{
	struct task_struct *init = init_process(), *child;

	while (!list_empty(&p->children)) {
		child = list_first_entry(&p->children, struct task_struct, sibling);
		list_del(&child->sibling);
		child->parent = init;
		list_add_tail(&child->sibling, &init->children);
		if (child->state == TASK_ZOMBIE)
			wake_up(&init->wait_chldexit);
	}
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

	BUG_ON(is_idle_task(p)); /* the idle task never exits */
	if (p->pid == 1 && p->mm)
		init_exited(code);
	exit_mm_release(p);
	exit_mm(p);
	if (p->files) {
		put_files(p->files);
		p->files = NULL;
	}
	tty_exit_session();
	local_irq_disable();
	p->exit_code = code;
	if (!p->parent) { /* a kernel thread: nobody waits for it */
		p->state = TASK_DEAD;
	} else {
		forget_original_parent(p);
		/* A parent ignoring SIGCHLD keeps no zombies: the next task frees this one. */
		p->state = notify_parent_exit(p) ? TASK_DEAD : TASK_ZOMBIE;
		wake_up(&p->parent->wait_chldexit);
	}
	schedule();
	BUG(); /* a dead task is never scheduled again */
}

long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
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
	list_for_each_entry(child, &current->children, sibling) {
		if (!child_matches(child, pid))
			continue;
		have_child = true;
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
		prepare_to_wait(&current->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		ret = wait_consider(pid, options, &child, &status);
		if (ret || child || (options & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->wait_chldexit, &wait);
	if (!child)
		return ret;
	return status == -1 ? reap(child, stat_addr, ru) : report(child, status, stat_addr, ru);
}

long sys_waitpid(int pid, int __user *stat_addr, int options)
{
	return sys_wait4(pid, stat_addr, options, NULL);
}
