/*
 * kernel/jobctl.c: job control, the part of signals that stops and continues whole
 * jobs: a task stopping (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU with the default action),
 * its parent hearing of stops, continues and exits (SIGCHLD, and the wake-up that
 * wait4 sleeps on), process groups that nobody could continue (orphaned), and the
 * terminal's signals to a whole group. Linux keeps this in kernel/signal.c.
 */
#include <asm/irqflags.h>
#include <kspace/signal.h>

/* The parent learns of a child's stop, continue or end with SIGCHLD, as configured. */
static void do_notify_parent(struct task_struct *p, int why, int status)
{
	struct kernel_siginfo info = { .si_signo = SIGCHLD, .si_code = why };

	info.kill.pid = p->tgid; /* a process is named by its pid, whichever thread stopped */
	info.kill.uid = p->cred.uid;
	info.kill.status = status;
	send_signal(SIGCHLD, &info, p->parent);
}

/* wait4 hears of every stop and continue; SIGCHLD only without SA_NOCLDSTOP. */
void notify_parent_stopped(struct task_struct *p, int why)
{
	if (!p->parent)
		return;
	if (!(p->parent->sighand->action[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
		do_notify_parent(p, why, why == CLD_STOPPED ? p->stop_signal : SIGCONT);
	wake_up(&p->parent->wait_chldexit);
}

/*
 * A child's end, told to its parent; returns true when the parent asked not to
 * keep zombies (SIGCHLD set to SIG_IGN, or SA_NOCLDWAIT): the child is reaped now.
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

/* Stop until SIGCONT or SIGKILL; the parent sees it through SIGCHLD and wait4. */
void do_signal_stop(int sig)
{
	local_irq_disable();
	if (current->pending.signal & sigmask(SIGKILL)) {
		local_irq_enable();
		return;
	}
	current->stop_signal = sig;
	current->continued = false;
	current->state = TASK_STOPPED;
	notify_parent_stopped(current, CLD_STOPPED);
	local_irq_enable();
	schedule();
}

/*
 * Linux's orphaned process group: no member has a parent in another group of the
 * same session (other than init), so no job-control shell could continue it. The
 * terminal's stop signals leave such a group alone.
 */
bool is_current_pgrp_orphaned(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks) {
		if (p->pgid != current->pgid || p->state == TASK_ZOMBIE || !p->parent)
			continue;
		if (p->parent->pid != 1 && p->parent->pgid != current->pgid &&
		    p->parent->sid == p->sid)
			return false;
	}
	return true;
}

/* A signal from the kernel (the terminal) to every process in group pgrp. */
void kill_pgrp(pid_t pgrp, int sig)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags); /* no member is freed meanwhile */
	list_for_each_entry(p, &task_list, tasks)
		if (pgrp && p->pgid == pgrp && p->mm)
			send_sig(sig, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}
