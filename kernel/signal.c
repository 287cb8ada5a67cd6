/*
 * kernel/signal.c: sending signals and deciding what they do, as Linux does.
 *
 * send_signal() records a signal in the target's pending set (with its siginfo)
 * unless the target ignores it, and wakes the target if it may act on it now. On
 * the way back to user mode, get_signal() takes the lowest deliverable signal and
 * applies its action: a handler is returned to the arch code, which builds the
 * frame (arch/x86/kernel/signal.c); SIG_IGN and default-ignored signals vanish;
 * the stop signals stop the task (job control, kernel/jobctl.c; SIGTSTP, SIGTTIN and
 * SIGTTOU not in an orphaned process group); every other default terminates.
 * Blocked signals stay pending until unblocked. SIGKILL and SIGSTOP can be neither
 * caught, blocked nor ignored. init (pid 1) receives only the signals it has a
 * handler for, so nothing kills it by accident; a fault it causes still does.
 *
 * Standard signals are not queued: a second one sent while the first is pending is
 * lost. Real-time signals (32..64) are: each one sent is delivered, with its own
 * siginfo, lowest number first and in order of sending within a number, up to
 * SIGQUEUE_MAX queued per task. Past that, a kill() still marks the signal pending
 * (its siginfo is lost), and sigqueue() fails with EAGAIN, as with Linux's rlimit.
 *
 * A process may have several threads. A signal for the process (kill, the kernel's
 * SIGCHLD, SIGPIPE, timers) goes to the shared pending set of its signal_struct and
 * wakes one thread that does not block it (complete_signal); tkill, tgkill and
 * faults go to one thread's own set. A thread takes its own signals first. A fatal
 * signal ends every thread (a group exit), as exit_group does.
 */
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <kspace/errno.h>
#include <kspace/printk.h>
#include <kspace/signal.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

#define SIG_DEFAULT_IGNORE_MASK \
	(sigmask(SIGCHLD) | sigmask(SIGURG) | sigmask(SIGWINCH) | sigmask(SIGCONT))
/* The faults: taken before other pending signals, as Linux takes them. */
#define SIGQUEUE_MAX 1024 /* Linux's RLIMIT_SIGPENDING is larger; any limit will do */
#define SYNCHRONOUS_MASK \
	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
	 sigmask(SIGFPE) | sigmask(SIGSYS))

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= _NSIG;
}

static struct k_sigaction *sig_action(struct task_struct *p, int sig)
{
	return &p->sighand->action[sig - 1];
}

bool sig_handler_ignored(__sighandler_t handler, int sig)
{
	return handler == SIG_IGN ||
	       (handler == SIG_DFL && siginmask(sig, SIG_DEFAULT_IGNORE_MASK));
}

/* Whether p would drop sig now. A blocked signal is kept: the action may change. */
static bool sig_ignored(struct task_struct *p, int sig, bool force)
{
	__sighandler_t handler = sig_action(p, sig)->sa_handler;

	if (p->tgid == 1 && handler == SIG_DFL && !force)
		return true; /* init dies of nothing it does not handle */
	if (sigismember(p->blocked, sig) && !sig_kernel_only(sig))
		return false;
	return sig_handler_ignored(handler, sig);
}

/*
 * The entry code looks only at TIF_SIGPENDING: keep it equal to "something to do".
 * Locked instructions: p's own CPU changes TIF_NEED_RESCHED in the same word meanwhile.
 */
static void set_tsk_sigpending(struct task_struct *p, bool on)
{
	if (on)
		__atomic_or_fetch(&p->stack->flags, 1UL << TIF_SIGPENDING, __ATOMIC_SEQ_CST);
	else
		__atomic_and_fetch(&p->stack->flags, ~(1UL << TIF_SIGPENDING), __ATOMIC_SEQ_CST);
}

bool signal_pending(const struct task_struct *p)
{
	return p->stack->flags & (1UL << TIF_SIGPENDING);
}

/* What p could take: its own pending signals and its process's. */
static sigset_t pending_set(const struct task_struct *p)
{
	return p->pending.signal | (p->signal ? p->signal->shared_pending.signal : 0);
}

bool sigkill_pending(struct task_struct *p)
{
	return p->pending.signal & sigmask(SIGKILL);
}

void recalc_sigpending(void)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	set_tsk_sigpending(current, pending_set(current) & ~current->blocked);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

/*
 * Under siglock: a sender on another CPU reads the mask to pick a thread to wake.
 * Called from system calls only, with interrupts on: the _irq lock, not _irqsave.
 */
void set_current_blocked(sigset_t set)
{
	struct task_struct *tsk = current;

	set &= ~SIG_KERNEL_ONLY_MASK;
	spin_lock_irq(&tsk->sighand->siglock);
	tsk->blocked = set;
	set_tsk_sigpending(tsk, pending_set(tsk) & ~set);
	spin_unlock_irq(&tsk->sighand->siglock);
}

/* A real-time signal waiting in a task's pending queue. */
struct sigqueue {
	struct list_head list;
	struct kernel_siginfo info;
};

void init_sigpending(struct sigpending *pending)
{
	pending->signal = 0;
	INIT_LIST_HEAD(&pending->queue);
	pending->nr_queued = 0;
}

/* Forget the signals in mask from one pending set: their bits and queued siginfos. */
static void flush_pending_mask(struct sigpending *pending, sigset_t mask)
{
	struct sigqueue *q, *n;

	pending->signal &= ~mask;
	list_for_each_entry_safe(q, n, &pending->queue, list) {
		if (mask & sigmask(q->info.si_signo)) {
			list_del(&q->list);
			pending->nr_queued--;
			kfree(q);
		}
	}
}

/* ... from p's process: the shared set and every thread's own. */
void flush_sigqueue_mask(struct task_struct *p, sigset_t mask)
{
	struct task_struct *t;

	if (!p->signal) {
		flush_pending_mask(&p->pending, mask);
		return;
	}
	flush_pending_mask(&p->signal->shared_pending, mask);
	for_each_thread(p, t)
		flush_pending_mask(&t->pending, mask);
}

/* A task being freed: its own pending signals. No sender can reach it any more. */
void flush_signals(struct task_struct *p)
{
	flush_pending_mask(&p->pending, ~0ULL);
}

void flush_sigqueue(struct sigpending *pending)
{
	flush_pending_mask(pending, ~0ULL);
}

/* Queue a real-time signal's siginfo; false if the queue is full or memory is out. */
static bool sigqueue_add(struct sigpending *pending, const struct kernel_siginfo *info)
{
	struct sigqueue *q;

	if (pending->nr_queued >= SIGQUEUE_MAX)
		return false;
	q = kmalloc(sizeof(*q), GFP_ATOMIC);
	if (!q)
		return false;
	q->info = *info;
	list_add_tail(&q->list, &pending->queue);
	pending->nr_queued++;
	return true;
}

/*
 * What sending sig does before it is queued: SIGCONT resumes a stopped task, discards
 * pending stops and cancels a stop that a thread has taken but not yet carried out;
 * a stop discards a pending SIGCONT. The parent hears of the continue from the
 * continued process itself (get_signal), as on Linux: the sender may hold locks that
 * signalling the parent needs. Returns whether the signal is still to be queued.
 */
static bool prepare_signal(int sig, struct task_struct *p, bool force)
{
	if (sig_kernel_stop(sig)) {
		flush_sigqueue_mask(p, sigmask(SIGCONT));
	} else if (sig == SIGCONT) {
		struct task_struct *t;
		bool woke = false;

		flush_sigqueue_mask(p, SIG_KERNEL_STOP_MASK);
		for_each_thread(p, t) {
			t->jobctl &= ~(JOBCTL_STOP_DEQUEUED | JOBCTL_STOP_PENDING);
			if (t->state != TASK_STOPPED)
				continue;
			t->stop_signal = 0;
			t->continued = true;
			wake_up_process(t);
			woke = true;
		}
		if (woke && p->signal)
			p->signal->flags |= SIGNAL_CLD_CONTINUED;
	}
	return !sig_ignored(p, sig, force);
}

void signal_wake_up(struct task_struct *p, int sig)
{
	set_tsk_sigpending(p, true);
	if (p->state == TASK_INTERRUPTIBLE || (p->state == TASK_STOPPED && sig == SIGKILL))
		wake_up_process(p);
}

bool task_alive(const struct task_struct *p)
{
	return p->mm && p->state != TASK_ZOMBIE && p->state != TASK_DEAD;
}

/* Linux's wants_signal: a thread that can take sig now. */
static bool wants_signal(int sig, const struct task_struct *p)
{
	if (sigismember(p->blocked, sig) || !task_alive(p))
		return false;
	return sig == SIGKILL || p->state != TASK_STOPPED;
}

/*
 * An exiting thread may have been the one woken for a signal to the process: wake
 * the other threads that can take what is pending there (Linux's retarget_shared_pending).
 */
void retarget_shared_pending(struct task_struct *tsk)
{
	unsigned long flags;
	sigset_t pending;
	struct task_struct *t;

	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	pending = tsk->signal->shared_pending.signal;
	for_each_thread(tsk, t) {
		if (!pending)
			break;
		if (t == tsk || !task_alive(t) || !(pending & ~t->blocked))
			continue;
		pending &= t->blocked;
		signal_wake_up(t, 0);
	}
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
}

/* Whether sig would end p's process: its default action is to terminate. */
static bool sig_fatal(struct task_struct *p, int sig)
{
	return sig_action(p, sig)->sa_handler == SIG_DFL &&
	       !siginmask(sig, SIG_DEFAULT_IGNORE_MASK | SIG_KERNEL_STOP_MASK);
}

/* SIGKILL to each thread of p's process but p; siglock held. */
void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t) {
		if (t == p || !task_alive(t))
			continue;
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, SIGKILL);
	}
}

/*
 * A signal for the whole process is in the shared set: wake a thread that can take
 * it, p itself first. One that kills starts the group exit at once, so that every
 * thread dies, even those that block it (Linux's complete_signal).
 */
static void complete_signal(int sig, struct task_struct *p)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = p;

	if (!wants_signal(sig, p)) {
		for_each_thread(p, t)
			if (wants_signal(sig, t))
				break;
		if (&t->thread_node == &signal->thread_head)
			return; /* every thread blocks it: it waits in the shared set */
	}
	if (sig_fatal(p, sig) && !(signal->flags & SIGNAL_GROUP_EXIT) && p->tgid != 1) {
		signal->flags |= SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		t->pending.signal |= sigmask(SIGKILL);
		zap_other_threads(t);
	}
	signal_wake_up(t, sig);
}

/* A process takes signals while one of its threads lives; a kernel thread takes none. */
static bool can_receive(struct task_struct *p, bool group)
{
	if (!group || !p->signal)
		return task_alive(p);
	if (p->signal->live == 0 || (p->signal->flags & SIGNAL_GROUP_EXIT))
		return false;
	return p->mm || p->state == TASK_ZOMBIE; /* a leader gone before its threads */
}

/* The sending itself, p's siglock held. */
static int send_signal_locked(int sig, const struct kernel_siginfo *info, struct task_struct *p,
			      bool force, bool group)
{
	struct sigpending *pending = group ? &p->signal->shared_pending : &p->pending;

	if (!can_receive(p, group) || !prepare_signal(sig, p, force))
		return 0;
	if (sig >= SIGRTMIN) {
		if (!sigqueue_add(pending, info) && info->si_code != SI_USER)
			return -EAGAIN;
	} else if (!sigismember(pending->signal, sig)) {
		pending->info[sig - 1] = *info;
	}
	pending->signal |= sigmask(sig);
	if (group)
		complete_signal(sig, p);
	else if (!sigismember(p->blocked, sig))
		signal_wake_up(p, sig);
	return 0;
}

/*
 * The caller keeps p from being freed: p is current, or was found under tasklist_lock
 * that is still held (release_task takes it too). Inline: kill() makes one call less.
 */
static inline int __send_signal(int sig, const struct kernel_siginfo *info,
				struct task_struct *p, bool group)
{
	unsigned long flags;
	int ret;

	if (!valid_signal(sig))
		return -EINVAL;
	spin_lock_irqsave(&p->sighand->siglock, flags);
	ret = send_signal_locked(sig, info, p, false, group);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	return ret;
}

/* To p's process, which may be a zombie leader whose threads still run. */
int send_signal(int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	return __send_signal(sig, info, p, p->signal != NULL);
}

/* To the thread p alone (tkill, tgkill, rt_tgsigqueueinfo). */
int send_signal_thread(int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	return __send_signal(sig, info, p, false);
}

void send_sig(int sig, struct task_struct *p)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_KERNEL };

	send_signal(sig, &info, p);
}

/*
 * A fault's signal cannot be put off: if the task blocks or ignores it, the block
 * and the handler go (Linux's force_sig_info), so the fault kills instead of
 * looping on the faulting instruction forever.
 */
static void force_sig_info(const struct kernel_siginfo *info)
{
	struct k_sigaction *ka = sig_action(current, info->si_signo);
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	if (ka->sa_handler == SIG_IGN || (current->blocked & sigmask(info->si_signo))) {
		ka->sa_handler = SIG_DFL;
		current->blocked &= ~sigmask(info->si_signo);
	}
	send_signal_locked(info->si_signo, info, current, true, false);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

void force_sig(int sig)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_KERNEL };

	force_sig_info(&info);
}

void force_sig_fault(int sig, int code, void __user *addr)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = code, .addr = addr };

	force_sig_info(&info);
}

/*
 * The oldest queued instance of real-time signal sig; the bit stays while more are
 * queued. None queued (the queue was full when it was sent): a plain SI_USER one.
 */
static void dequeue_rt(struct sigpending *pending, int sig, struct kernel_siginfo *info)
{
	struct sigqueue *q, *found = NULL;
	bool more = false;

	list_for_each_entry(q, &pending->queue, list) {
		if (q->info.si_signo != sig)
			continue;
		if (found) {
			more = true;
			break;
		}
		found = q;
	}
	if (!more)
		pending->signal &= ~sigmask(sig);
	if (!found) {
		*info = (struct kernel_siginfo){ .si_signo = sig, .si_code = SI_USER };
		return;
	}
	*info = found->info;
	list_del(&found->list);
	pending->nr_queued--;
	kfree(found);
}

/*
 * The lowest signal in a non-empty set, a word at a time as Linux's next_signal:
 * __builtin_ffsll is a call into libgcc on i386.
 */
static int next_signal(sigset_t set)
{
	if ((u32)set)
		return __builtin_ffs((u32)set);
	return 32 + __builtin_ffs((u32)(set >> 32));
}

/* The next signal in mask from one pending set, taken off it with its siginfo; or 0. */
static int dequeue_from(struct sigpending *pending, sigset_t mask, struct kernel_siginfo *info)
{
	sigset_t ready = pending->signal & mask;
	int sig;

	if (!ready)
		return 0;
	if (ready & SYNCHRONOUS_MASK)
		ready &= SYNCHRONOUS_MASK;
	sig = next_signal(ready);
	if (sig < SIGRTMIN) {
		pending->signal &= ~sigmask(sig);
		*info = pending->info[sig - 1];
	} else {
		dequeue_rt(pending, sig, info);
	}
	return sig;
}

/*
 * The next pending signal among those in mask (for delivery: the unblocked ones),
 * the thread's own before its process's; 0 if none. siglock held. Taking a stop
 * signal marks it, so that a SIGCONT sent before the stop is carried out cancels it.
 */
static int __dequeue_signal(sigset_t mask, struct kernel_siginfo *info)
{
	struct task_struct *tsk = current;
	int sig = 0;

	/* The tests here save a call: most of the time one of the sets is empty. */
	if (tsk->pending.signal & mask)
		sig = dequeue_from(&tsk->pending, mask, info);
	if (!sig && tsk->signal && (tsk->signal->shared_pending.signal & mask))
		sig = dequeue_from(&tsk->signal->shared_pending, mask, info);
	set_tsk_sigpending(tsk, pending_set(tsk) & ~tsk->blocked);
	if (sig && sig_kernel_stop(sig))
		tsk->jobctl |= JOBCTL_STOP_DEQUEUED;
	return sig;
}

int dequeue_signal(sigset_t mask, struct kernel_siginfo *info)
{
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	sig = __dequeue_signal(mask, info);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return sig;
}

/* The 128-byte siginfo user space sees: what the kernel keeps, then zeros. */
int copy_siginfo_to_user(void __user *to, const struct kernel_siginfo *info)
{
	u8 buf[SI_MAX_SIZE] = { 0 };

	memcpy(buf, info, sizeof(*info));
	return copy_to_user(to, buf, sizeof(buf)) ? -EFAULT : 0;
}

/* Linux's is_ignored: whether current would not act on sig now (SIG_IGN, or blocked). */
bool is_ignored(int sig)
{
	return sigismember(current->blocked, sig) || sig_action(current, sig)->sa_handler == SIG_IGN;
}

/*
 * What comes before the pending signals, siglock held: a continue to report to the
 * parent, the end of the process, a group stop to join. true if it let siglock go.
 */
static bool group_work(void)
{
	struct signal_struct *signal = current->signal;

	if (signal->flags & SIGNAL_CLD_CONTINUED) {
		signal->flags &= ~SIGNAL_CLD_CONTINUED;
		spin_unlock_irq(&current->sighand->siglock);
		notify_parent_stopped(current->group_leader, CLD_CONTINUED, SIGCONT);
		return true;
	}
	/* Another thread ends the process (exit_group, a fatal signal, execve). */
	if (((signal->flags & SIGNAL_GROUP_EXIT) || signal->group_exec_task) &&
	    signal->group_exec_task != current) {
		current->pending.signal &= ~sigmask(SIGKILL);
		spin_unlock_irq(&current->sighand->siglock);
		do_group_exit(SIGKILL);
	}
	if (current->jobctl & JOBCTL_STOP_PENDING) { /* another thread stopped the process */
		current->jobctl &= ~JOBCTL_STOP_PENDING;
		do_signal_stop(signal->group_stop_sig);
		return true;
	}
	return false;
}

/*
 * The handler of the signal just taken runs with its sa_mask, and the signal itself
 * unless SA_NODEFER, blocked. Set here, under the siglock get_signal holds anyway,
 * rather than after the frame is written (Linux's order): that would take the lock
 * once more on every delivery. signal_setup_done puts the old mask back if the
 * frame cannot be written.
 */
static void block_for_handler(struct task_struct *tsk, struct ksignal *ksig)
{
	sigset_t blocked = tsk->blocked | ksig->ka.sa_mask;

	if (!(ksig->ka.sa_flags & SA_NODEFER))
		blocked |= sigmask(ksig->sig);
	ksig->blocked = tsk->blocked;
	tsk->blocked = blocked & ~SIG_KERNEL_ONLY_MASK;
	if (signal_pending(tsk)) /* blocking more can only turn it off */
		set_tsk_sigpending(tsk, pending_set(tsk) & ~tsk->blocked);
}

/*
 * Find a signal for the arch code to deliver to a handler, carrying out every
 * default action on the way. false: nothing to deliver (or only ignored signals).
 */
bool get_signal(struct ksignal *ksig)
{
	for (;;) {
		struct k_sigaction *ka;
		int sig;

		spin_lock_irq(&current->sighand->siglock);
		if (group_work())
			continue;
		sig = __dequeue_signal(~current->blocked, &ksig->info);
		if (!sig) {
			spin_unlock_irq(&current->sighand->siglock);
			return false;
		}
		ka = sig_action(current, sig);
		if (ka->sa_handler != SIG_DFL && ka->sa_handler != SIG_IGN) {
			ksig->ka = *ka;
			ksig->sig = sig;
			if (ka->sa_flags & SA_RESETHAND)
				ka->sa_handler = SIG_DFL;
			block_for_handler(current, ksig);
			spin_unlock_irq(&current->sighand->siglock);
			return true;
		}
		if (ka->sa_handler == SIG_IGN || sig_handler_ignored(SIG_DFL, sig)) {
			spin_unlock_irq(&current->sighand->siglock);
			continue;
		}
		if (sig_kernel_stop(sig)) {
			do_default_stop(sig);
			continue;
		}
		spin_unlock_irq(&current->sighand->siglock);
		do_group_exit(sig); /* every other default action terminates the process */
	}
}

/*
 * After the arch code tried to build the frame: on success the handler runs with
 * the mask get_signal set, and the frame holds the one sigreturn restores. A frame
 * that could not be written (a bad stack) means the old mask back and SIGSEGV, fatal
 * if SIGSEGV's own frame failed (Linux's force_sigsegv): its handler could not run
 * either.
 */
void signal_setup_done(int failed, struct ksignal *ksig)
{
	if (failed) {
		set_current_blocked(ksig->blocked);
		if (ksig->sig == SIGSEGV)
			sig_action(current, SIGSEGV)->sa_handler = SIG_DFL;
		force_sig(SIGSEGV);
		return;
	}
	current->restore_sigmask = false;
}

int copy_sighand(struct task_struct *p, bool share)
{
	struct sighand_struct *old = current->sighand;
	unsigned long flags;

	p->blocked = current->blocked;
	if (share) {
		atomic_inc(&current->sighand->count);
		p->sighand = current->sighand;
		return 0;
	}
	/* Not zeroed: every field is set below, the actions copied or cleared. */
	p->sighand = kmalloc(sizeof(*p->sighand), GFP_KERNEL);
	if (!p->sighand)
		return -ENOMEM;
	atomic_set(&p->sighand->count, 1);
	spin_lock_init(&p->sighand->siglock);
	if (!old) {
		memset(p->sighand->action, 0, sizeof(p->sighand->action));
		return 0;
	}
	spin_lock_irqsave(&old->siglock, flags); /* another thread may be changing an action */
	memcpy(p->sighand->action, old->action, sizeof(old->action));
	spin_unlock_irqrestore(&old->siglock, flags);
	return 0;
}

void put_sighand(struct sighand_struct *sighand)
{
	if (atomic_dec_and_test(&sighand->count))
		kfree(sighand);
}

/* execve: handlers are gone with the old program; ignored signals stay ignored. */
void flush_signal_handlers(struct task_struct *p)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &p->sighand->action[i];

		if (ka->sa_handler != SIG_IGN)
			ka->sa_handler = SIG_DFL;
		ka->sa_flags = 0;
		ka->sa_restorer = NULL;
		ka->sa_mask = 0;
	}
	p->sas_ss_sp = p->sas_ss_size = 0;
	p->sas_ss_flags = SS_DISABLE;
}

/* Exit-to-user work: a switch first if the slice is used up, then pending signals. */
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
			do_signal(current_pt_regs());
		} else {
			return;
		}
	}
}
