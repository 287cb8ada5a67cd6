/*
 * Signals (kernel/signal.c, the i386 frames in arch/x86/kernel/signal.c), with
 * Linux/i386's numbers, flags and rules. A signal sent to a task is recorded in its
 * pending set with its siginfo and acted on when the task next returns to user mode
 * and has it unblocked: by the default action (terminate, ignore, stop, continue),
 * or by running the handler sigaction installed in a frame on the user stack.
 */
#ifndef KSPACE_SIGNAL_H
#define KSPACE_SIGNAL_H

#include <kspace/sched.h>
#include <uapi/asm/signal.h>

#define _NSIG 64
#define SIGRTMIN 32

typedef u64 sigset_t; /* bit (sig - 1); the rt_* calls' sigsetsize is its 8 bytes */
/* The sigset_t that struct sigcontext and old_sigaction carry: signals 1..32. */
typedef unsigned long old_sigset_t;

#define sigmask(sig) (1ULL << ((sig) - 1))
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SIG_KERNEL_STOP_MASK \
	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

/*
 * Whether sig is in set, by the one 32-bit word that holds its bit, as Linux's
 * sigismember: shifting the whole 64-bit set takes a dozen i386 instructions.
 */
static inline bool sigismember(sigset_t set, int sig)
{
	unsigned int bit = sig - 1;
	u32 word = bit < 32 ? (u32)set : (u32)(set >> 32);

	return (word >> (bit % 32)) & 1;
}

/* Whether sig (1..64) is a standard signal in mask, a constant of those (Linux's siginmask). */
#define siginmask(sig, mask) ((sig) < SIGRTMIN && ((1UL << ((sig) - 1)) & (u32)(mask)))
#define sig_kernel_only(sig) siginmask(sig, SIG_KERNEL_ONLY_MASK)
#define sig_kernel_stop(sig) siginmask(sig, SIG_KERNEL_STOP_MASK)

#define SIG_DFL ((__sighandler_t)0)
#define SIG_IGN ((__sighandler_t)1)
typedef void (*__sighandler_t)(int);

/* si_code values, as Linux's */
#define SI_USER 0     /* kill() */
#define SI_KERNEL 0x80
#define SI_QUEUE (-1) /* sigqueue() */
#define SI_TKILL (-6) /* tkill(), tgkill() */
#define ILL_ILLOPN 2
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define SEGV_MAPERR 1 /* address not mapped */
#define SEGV_ACCERR 2 /* no permission for the access */
#define BUS_ADRALN 1
#define TRAP_BRKPT 1
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_STOPPED 5
#define CLD_CONTINUED 6
#define SI_TIMER (-2)

struct k_sigaction {
	__sighandler_t sa_handler;
	unsigned long sa_flags;
	void __user *sa_restorer;
	sigset_t sa_mask;
};

/*
 * The actions: one set per process, shared by CLONE_SIGHAND (so by every thread).
 * siglock also guards, across CPUs, the pending sets, blocked masks and jobctl bits
 * of every task using it, and its signal_struct's pending set, flags and group stop
 * or exit. Lock order: tasklist_lock, then siglock, then the scheduler's locks.
 */
struct sighand_struct {
	atomic_t count;                   /* tasks sharing it */
	spinlock_t siglock;
	struct k_sigaction action[_NSIG]; /* action[sig - 1] */
};

#define SI_MAX_SIZE 128 /* the siginfo a handler sees; past kernel_siginfo, zeros */

/* What get_signal hands the arch code: a signal to deliver to a handler. */
struct ksignal {
	struct k_sigaction ka;
	struct kernel_siginfo info;
	int sig;
	sigset_t blocked; /* current->blocked before the handler's mask was added */
};

int send_signal(int sig, struct kernel_siginfo *info, struct task_struct *p);
void send_sig(int sig, struct task_struct *p); /* from the kernel (SI_KERNEL) */
void force_sig(int sig);                       /* to current, from a trap */
void force_sig_fault(int sig, int code, void __user *addr);
bool signal_pending(const struct task_struct *p);
void recalc_sigpending(void);
void set_current_blocked(sigset_t set);
int copy_sighand(struct task_struct *p, bool share); /* fork; share: CLONE_SIGHAND */
void put_sighand(struct sighand_struct *sighand);
int send_signal_thread(int sig, struct kernel_siginfo *info, struct task_struct *p); /* tkill */
void zap_other_threads(struct task_struct *p); /* SIGKILL to the rest of p's group; siglock held */
bool sigkill_pending(struct task_struct *p);
void signal_wake_up(struct task_struct *p, int sig); /* sig is pending for p: let it act */
bool task_alive(const struct task_struct *p); /* a user task not yet exited */
void retarget_shared_pending(struct task_struct *tsk); /* a thread exits */
void init_sigpending(struct sigpending *pending);
void flush_signals(struct task_struct *p); /* drop every pending signal (a task freed) */
void flush_sigqueue(struct sigpending *pending); /* a signal_struct freed */
void flush_sigqueue_mask(struct task_struct *p, sigset_t mask); /* siglock held */
bool sig_handler_ignored(__sighandler_t handler, int sig); /* SIG_IGN, or a default that ignores */
void flush_signal_handlers(struct task_struct *p); /* execve */

/* stack_t on i386: the sigaltstack, as sigaltstack() and a ucontext carry it. */
struct stack_user {
	unsigned long ss_sp;
	int ss_flags;
	unsigned long ss_size;
};
#define SS_AUTODISARM (1U << 31) /* disable the alt stack while a handler runs on it */

/* Whether sp lies on current's sigaltstack; where a handler asking for it starts. */
bool on_sig_stack(unsigned long sp);
bool __on_sig_stack(unsigned long sp); /* ignoring SS_AUTODISARM */
int sas_ss_flags(unsigned long sp); /* SS_DISABLE, SS_ONSTACK or 0 */
unsigned long sigsp(unsigned long sp, const struct ksignal *ksig);
void sas_ss_autodisarm(void);
int do_sigaltstack(const struct stack_user *ss, struct stack_user *oss, unsigned long sp);

int dequeue_signal(sigset_t mask, struct kernel_siginfo *info);
int copy_siginfo_to_user(void __user *to, const struct kernel_siginfo *info);
bool get_signal(struct ksignal *ksig);
void signal_setup_done(int failed, struct ksignal *ksig);
bool is_ignored(int sig);

/* Job control (kernel/jobctl.c). */
void do_signal_stop(int sig); /* stop current; called with siglock, returns without */
void do_default_stop(int sig); /* a stop signal's default action, the whole group; the same */
bool is_current_pgrp_orphaned(void);
void kill_pgrp(pid_t pgrp, int sig);
void notify_parent_stopped(struct task_struct *p, int why, int status);
bool notify_parent_exit(struct task_struct *p); /* true: the parent keeps no zombie */

/* The arch side (arch/x86/kernel/signal.c): frames, and acting on pending work. */
void do_signal(struct pt_regs *regs);

#endif
