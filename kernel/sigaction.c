/*
 * kernel/sigaction.c: the system calls through which a program arranges its own
 * signals: the actions (rt_sigaction, and the old sigaction and signal), the blocked
 * mask (rt_sigprocmask, sigprocmask), what is pending, waiting for a signal
 * (rt_sigsuspend, sigsuspend, pause), taking one without a handler (rt_sigtimedwait)
 * and the alternate signal stack (sigaltstack).
 * Every check and its order follow Linux 6.1, so the errors are the same.
 */
#include <asm/ptrace.h>
#include <kspace/errno.h>
#include <kspace/signal.h>
#include <kspace/jiffies.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

#define NSEC_PER_SEC 1000000000L
#define MAX_WAIT_TICKS (0x7fffffffL / 2) /* "forever": still far inside jiffies' range */


#define SS_FLAG_BITS SS_AUTODISARM

/* The kernel's struct sigaction for rt_sigaction on i386, and the older one. */
struct rt_sigaction_user {
	__sighandler_t handler;
	unsigned long flags;
	void __user *restorer;
	sigset_t mask;
};

struct old_sigaction_user {
	__sighandler_t handler;
	old_sigset_t mask;
	unsigned long flags;
	void __user *restorer;
};

static int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
	struct k_sigaction *k;
	unsigned long flags;

	if (sig < 1 || sig > _NSIG || (act && (sigmask(sig) & SIG_KERNEL_ONLY_MASK)))
		return -EINVAL;
	k = &current->sighand->action[sig - 1];
	spin_lock_irqsave(&current->sighand->siglock, flags);
	if (oact)
		*oact = *k;
	if (act) {
		*k = *act;
		k->sa_mask &= ~SIG_KERNEL_ONLY_MASK;
		/* POSIX: setting SIG_IGN (or a default that ignores) discards a pending one. */
		if (sig_handler_ignored(k->sa_handler, sig))
			flush_sigqueue_mask(current, sigmask(sig));
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	recalc_sigpending();
	return 0;
}

long sys_rt_sigaction(int sig, const struct rt_sigaction_user __user *act,
		      struct rt_sigaction_user __user *oact, unsigned long sigsetsize)
{
	struct rt_sigaction_user u;
	struct k_sigaction new, old;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act) {
		if (copy_from_user(&u, act, sizeof(u)))
			return -EFAULT;
		new = (struct k_sigaction){ u.handler, u.flags, u.restorer, u.mask };
	}
	ret = do_sigaction(sig, act ? &new : NULL, oact ? &old : NULL);
	if (!ret && oact) {
		u = (struct rt_sigaction_user){ old.sa_handler, old.sa_flags, old.sa_restorer,
						old.sa_mask };
		if (copy_to_user(oact, &u, sizeof(u)))
			return -EFAULT;
	}
	return ret;
}

long sys_sigaction(int sig, const struct old_sigaction_user __user *act,
		   struct old_sigaction_user __user *oact)
{
	struct old_sigaction_user u;
	struct k_sigaction new, old;
	int ret;

	if (act) {
		if (copy_from_user(&u, act, sizeof(u)))
			return -EFAULT;
		new = (struct k_sigaction){ u.handler, u.flags, u.restorer, u.mask };
	}
	ret = do_sigaction(sig, act ? &new : NULL, oact ? &old : NULL);
	if (!ret && oact) {
		u = (struct old_sigaction_user){ old.sa_handler, (old_sigset_t)old.sa_mask,
						 old.sa_flags, old.sa_restorer };
		if (copy_to_user(oact, &u, sizeof(u)))
			return -EFAULT;
	}
	return ret;
}

/* signal(): System V semantics, as Linux's: one-shot, and not blocked in its handler. */
long sys_signal(int sig, __sighandler_t handler)
{
	struct k_sigaction new = { handler, SA_RESETHAND | SA_NODEFER, NULL, 0 }, old;
	int ret = do_sigaction(sig, &new, &old);

	return ret ? ret : (long)old.sa_handler;
}

static int sigprocmask(int how, sigset_t set)
{
	sigset_t blocked = current->blocked;

	switch (how) {
	case SIG_BLOCK:
		blocked |= set;
		break;
	case SIG_UNBLOCK:
		blocked &= ~set;
		break;
	case SIG_SETMASK:
		blocked = set;
		break;
	default:
		return -EINVAL;
	}
	set_current_blocked(blocked);
	return 0;
}

/* As in Linux, without a new set the how is not looked at. */
long sys_rt_sigprocmask(int how, const sigset_t __user *nset, sigset_t __user *oset,
			unsigned long sigsetsize)
{
	sigset_t old = current->blocked, set;
	int err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		err = sigprocmask(how, set & ~SIG_KERNEL_ONLY_MASK);
		if (err)
			return err;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* The old call sees signals 1..32 only; SIG_SETMASK keeps the real-time ones. */
long sys_sigprocmask(int how, const old_sigset_t __user *nset, old_sigset_t __user *oset)
{
	old_sigset_t old = (old_sigset_t)current->blocked, set;

	if (nset) {
		if (get_user(set, nset))
			return -EFAULT;
		if (sigprocmask(how, how == SIG_SETMASK ? (current->blocked & ~0xffffffffULL) | set
							: set))
			return -EINVAL;
	}
	if (oset && put_user(old, oset))
		return -EFAULT;
	return 0;
}

/* Pending and blocked: read under siglock, as senders on other CPUs change the sets. */
static sigset_t do_sigpending(void)
{
	unsigned long flags;
	sigset_t set;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	set = (current->pending.signal | current->signal->shared_pending.signal) &
	      current->blocked;
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return set;
}

/* Linux allows a shorter set here (it copies sigsetsize bytes), not a longer one. */
long sys_rt_sigpending(sigset_t __user *uset, unsigned long sigsetsize)
{
	sigset_t set = do_sigpending();

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

long sys_sigpending(old_sigset_t __user *uset)
{
	return put_user((old_sigset_t)do_sigpending(), uset);
}

static long sigsuspend(sigset_t set)
{
	current->saved_sigmask = current->blocked;
	set_current_blocked(set);
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		set_current_state(TASK_RUNNING);
	}
	current->restore_sigmask = true; /* after the handler's frame has saved it */
	return -ERESTARTNOHAND;
}

long sys_rt_sigsuspend(const sigset_t __user *uset, unsigned long sigsetsize)
{
	sigset_t set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	return sigsuspend(set);
}

/* i386's old sigsuspend takes the mask as its third argument. */
long sys_sigsuspend(int unused1, int unused2, old_sigset_t mask)
{
	(void)unused1;
	(void)unused2;
	return sigsuspend((current->blocked & ~0xffffffffULL) | mask);
}

long sys_pause(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		set_current_state(TASK_RUNNING);
	}
	return -ERESTARTNOHAND;
}

/* A timeout in ticks, rounded up; -EINVAL for a timespec Linux refuses. */
static long timespec_to_ticks(const struct old_timespec32 *ts)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (ts->tv_sec >= MAX_WAIT_TICKS / HZ)
		return MAX_WAIT_TICKS;
	return ts->tv_sec * HZ + (ts->tv_nsec + NSEC_PER_SEC / HZ - 1) / (NSEC_PER_SEC / HZ);
}

/*
 * Wait for one of the signals in the set (normally blocked) and take it without
 * running a handler: its number, its siginfo to uinfo. While waiting, those signals
 * are unblocked so that they wake the caller. EAGAIN when the timeout passes (at
 * once for a zero timeout), EINTR when another signal interrupts, as on Linux.
 */
long sys_rt_sigtimedwait(const sigset_t __user *uthese, void __user *uinfo,
			 const struct old_timespec32 __user *uts, unsigned long sigsetsize)
{
	struct kernel_siginfo info;
	struct old_timespec32 ts;
	long ticks = MAX_WAIT_TICKS;
	sigset_t these, saved;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		ticks = timespec_to_ticks(&ts);
		if (ticks < 0)
			return ticks;
	}
	these &= ~SIG_KERNEL_ONLY_MASK;
	sig = dequeue_signal(these, &info);
	if (!sig && ticks) {
		saved = current->blocked;
		set_current_blocked(saved & ~these);
		ticks = signal_pending(current) ? ticks : schedule_timeout_interruptible(ticks);
		set_current_blocked(saved);
		sig = dequeue_signal(these, &info);
	}
	if (!sig)
		return ticks ? -EINTR : -EAGAIN;
	if (uinfo && copy_siginfo_to_user(uinfo, &info))
		return -EFAULT;
	return sig;
}

/* The alternate stack occupies (sas_ss_sp, sas_ss_sp + sas_ss_size]. */
bool __on_sig_stack(unsigned long sp)
{
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

/* With SS_AUTODISARM a handler may leave it by siglongjmp: never "on" it, as Linux. */
bool on_sig_stack(unsigned long sp)
{
	return !(current->sas_ss_flags & SS_AUTODISARM) && __on_sig_stack(sp);
}

int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/* Where a handler's frame goes: the top of the alt stack if asked for and not on it. */
unsigned long sigsp(unsigned long sp, const struct ksignal *ksig)
{
	if ((ksig->ka.sa_flags & SA_ONSTACK) && !sas_ss_flags(sp))
		sp = current->sas_ss_sp + current->sas_ss_size;
	return sp;
}

/* SS_AUTODISARM: once a frame has saved the alt stack settings, they are cleared. */
void sas_ss_autodisarm(void)
{
	if (current->sas_ss_flags & SS_AUTODISARM) {
		current->sas_ss_sp = current->sas_ss_size = 0;
		current->sas_ss_flags = SS_DISABLE;
	}
}

int do_sigaltstack(const struct stack_user *ss, struct stack_user *oss, unsigned long sp)
{
	if (oss)
		*oss = (struct stack_user){ current->sas_ss_sp,
					    sas_ss_flags(sp) | (current->sas_ss_flags & SS_FLAG_BITS),
					    current->sas_ss_size };
	if (ss) {
		unsigned int mode = ss->ss_flags & ~SS_FLAG_BITS;
		unsigned long base = (unsigned long)ss->ss_sp, size = ss->ss_size;

		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			base = size = 0;
		} else if (size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		current->sas_ss_sp = base;
		current->sas_ss_size = size;
		current->sas_ss_flags = ss->ss_flags;
	}
	return 0;
}

long sys_sigaltstack(const struct stack_user __user *uss, struct stack_user __user *uoss)
{
	struct stack_user new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, current_pt_regs()->esp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}
