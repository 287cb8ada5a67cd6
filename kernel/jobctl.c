/*
 * kernel/jobctl.c: job control, the part of signals that stops and continues whole
 * jobs: a task stopping (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU with the default action),
 * its parent hearing of stops, continues and exits (SIGCHLD, and the wake-up that
 * wait4 sleeps on), process groups that nobody could continue (orphaned), and the
 * terminal's signals to a whole group. Linux keeps this in kernel/signal.c.
 */
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/spinlock.h>

/* The parent learns of a child's stop, continue or end with SIGCHLD, as configured. */
static void do_notify_parent(struct task_struct *p, int why, int status)
{
	struct kernel_siginfo info = { .si_signo = SIGCHLD, .si_code = why };

	info.kill.pid = p->tgid; /* a process is named by its pid, whichever thread stopped */
	info.kill.uid = p->cred.uid;
	info.kill.status = status;
	send_signal(SIGCHLD, &info, p->parent);
}

/*
 * wait4 hears of every stop and continue; SIGCHLD only without SA_NOCLDSTOP, with
 * status the stop signal or SIGCONT (passed: a wait4 on another CPU may already have
 * reported and cleared p->stop_signal). Under tasklist_lock, so that the parent is
 * not replaced or freed meanwhile.
 */
void notify_parent_stopped(struct task_struct *p, int why, int status)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (p->parent) {
		if (!(p->parent->sighand->action[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
			do_notify_parent(p, why, status);
		wake_up(&p->parent->wait_chldexit);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * A child's end, told to its parent; returns true when the parent asked not to
 * keep zombies (SIGCHLD set to SIG_IGN, or SA_NOCLDWAIT): the child is reaped now.
 * tasklist_lock held.
 */
bool notify_parent_exit(struct task_struct *p)
{
	struct k_sigaction *ka = &p->parent->sighand->action[SIGCHLD - 1];
	int code = p->exit_code;

	if (ka->sa_handler == SIG_IGN || (ka->sa_flags & SA_NOCLDWAIT))
		return true;
	do_notify_parent(p, code & 0x7f ? CLD_KILLED : CLD_EXITED,
			 code & 0x7f ? code & 0x7f : (code >> 8) & 0xff);
	return false;
}

/*
 * Stop until SIGCONT or SIGKILL; the parent sees it through SIGCHLD and wait4. Called
 * with siglock, so no SIGCONT comes between the decision and the stopped state; one
 * that comes after it wakes the task even before schedule() has switched away.
 */
void do_signal_stop(int sig)
{
	if (sigkill_pending(current) || (current->signal->flags & SIGNAL_GROUP_EXIT)) {
		spin_unlock_irq(&current->sighand->siglock);
		return;
	}
	current->stop_signal = sig;
	current->continued = false;
	set_current_state(TASK_STOPPED);
	spin_unlock_irq(&current->sighand->siglock);
	notify_parent_stopped(current, CLD_STOPPED, sig);
	schedule();
}

/*
 * A stop signal's default action stops every thread of the process, as on Linux: the
 * others stop on their way back to user mode. Called with siglock; returns without.
 */
static void do_group_stop(int sig)
{
	struct task_struct *t;

	current->signal->group_stop_sig = sig;
	for_each_thread(current, t) {
		if (t == current || !task_alive(t) || t->state == TASK_STOPPED)
			continue;
		t->jobctl |= JOBCTL_STOP_PENDING;
		signal_wake_up(t, sig);
	}
	do_signal_stop(sig);
}

/*
 * The default action of the stop signal just taken, unless it is SIGTSTP, SIGTTIN or
 * SIGTTOU in an orphaned process group. The orphan test walks the task list, so
 * siglock is let go meanwhile: a SIGCONT sent then cancels the stop, as it clears
 * JOBCTL_STOP_DEQUEUED. Called with siglock; returns without.
 */
void do_default_stop(int sig)
{
	if (sig != SIGSTOP) {
		spin_unlock_irq(&current->sighand->siglock);
		if (is_current_pgrp_orphaned())
			return;
		spin_lock_irq(&current->sighand->siglock);
	}
	if (!(current->jobctl & JOBCTL_STOP_DEQUEUED)) {
		spin_unlock_irq(&current->sighand->siglock);
		return;
	}
	current->jobctl &= ~JOBCTL_STOP_DEQUEUED;
	do_group_stop(sig);
}

/*
 * Linux's orphaned process group: no member has a parent in another group of the
 * same session (other than init), so no job-control shell could continue it. The
 * terminal's stop signals leave such a group alone.
 */
bool is_current_pgrp_orphaned(void)
{
	struct task_struct *p;
	unsigned long flags;
	bool orphaned = true;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (p->pgid != current->pgid || p->state == TASK_ZOMBIE || !p->parent)
			continue;
		if (p->parent->pid != 1 && p->parent->pgid != current->pgid &&
		    p->parent->sid == p->sid) {
			orphaned = false;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

/* A signal from the kernel (the terminal) to every process in group pgrp. */
void kill_pgrp(pid_t pgrp, int sig)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (pgrp && p->pgid == pgrp && p->mm)
			send_sig(sig, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}
