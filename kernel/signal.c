/*
 * kernel/signal.c: sending signals, acting on them on the way back to user mode,
 * and the exit path every return to ring 3 takes.
 *
 * Default actions, as Linux: SIGCHLD, SIGURG, SIGWINCH and SIGCONT are ignored;
 * every other signal terminates the task (its wait4 status is the signal number).
 * Job control does not exist yet, so the stop signals are ignored too. init
 * ignores every signal it does not handle, as Linux's init does: it cannot be
 * killed by accident.
 */
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <kspace/errno.h>
#include <kspace/printk.h>
#include <kspace/signal.h>
#include <kspace/syscall_defs.h>

#define SIG_BIT(sig) (1UL << ((sig) - 1))
#define IGNORED_BY_DEFAULT \
	(SIG_BIT(SIGCHLD) | SIG_BIT(SIGURG) | SIG_BIT(SIGWINCH) | SIG_BIT(SIGCONT) | \
	 SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | SIG_BIT(SIGTTIN) | SIG_BIT(SIGTTOU))

bool signal_pending(const struct task_struct *p)
{
	return p->pending != 0;
}

/* The entry code looks only at thread_info flags: mirror "anything pending" there. */
static void mark_pending(struct task_struct *p, int sig)
{
	p->pending |= SIG_BIT(sig);
	p->stack->flags |= 1UL << TIF_SIGPENDING;
}

void send_signal(int sig, struct task_struct *p)
{
	unsigned long flags = local_irq_save();

	if (p->pid == 1 || (SIG_BIT(sig) & IGNORED_BY_DEFAULT)) {
		local_irq_restore(flags);
		return;
	}
	mark_pending(p, sig);
	if (p->state == TASK_INTERRUPTIBLE)
		wake_up_process(p); /* a sleeper in wait4 or pause returns -EINTR and dies */
	local_irq_restore(flags);
}

void force_sig(int sig)
{
	mark_pending(current, sig); /* even init: a fault it cannot survive */
}

/* Act on the lowest pending signal: with default actions, that means dying. */
static void do_signal(void)
{
	int sig = __builtin_ffsl(current->pending);

	current->pending &= ~SIG_BIT(sig);
	if (!current->pending)
		current->stack->flags &= ~(1UL << TIF_SIGPENDING);
	do_exit(sig);
}

/* Everything that must happen before a return to ring 3; returns with interrupts off. */
void exit_to_user_mode(void);
void exit_to_user_mode(void)
{
	for (;;) {
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			schedule();
		} else if (signal_pending(current)) {
			local_irq_enable();
			do_signal();
		} else {
			return;
		}
	}
}

static bool may_signal(const struct task_struct *p)
{
	return kill_ok_by_cred(p);
}

/* pid > 0: one task; 0: the caller's process group; -1: everyone else; < -1: group -pid. */
long sys_kill(int pid, int sig)
{
	struct task_struct *p;
	int found = 0, allowed = 0;

	if (sig < 0 || sig >= _NSIG)
		return -EINVAL;
	list_for_each_entry(p, &task_list, tasks) {
		bool match = pid > 0 ? p->pid == pid : pid == 0 ? p->pgid == current->pgid
			     : pid == -1 ? p->pid != 1 && p != current : p->pgid == -pid;
		if (!match || !p->mm || p->state == TASK_ZOMBIE)
			continue;
		found++;
		if (!may_signal(p))
			continue;
		allowed++;
		if (sig)
			send_signal(sig, p);
	}
	if (!found)
		return -ESRCH;
	return allowed ? 0 : -EPERM;
}

long sys_pause(void)
{
	set_current_state(TASK_INTERRUPTIBLE);
	schedule();
	return -EINTR;
}
