/*
 * Tasks and the scheduler (kernel/sched.c, kernel/fork.c, kernel/exit.c).
 *
 * Every task has a THREAD_SIZE kernel stack whose lowest bytes hold its thread_info;
 * thread_info->task points at the task_struct, so `current` is found from esp alone.
 * Runnable tasks wait their turn on one round-robin run queue; the idle task (pid 0,
 * the boot thread) runs when nothing else can, and never sleeps.
 */
#ifndef KSPACE_SCHED_H
#define KSPACE_SCHED_H

#include <asm/atomic.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/thread_info.h>
#include <asm/uaccess.h>
#include <kspace/compiler.h>
#include <kspace/cred.h>
#include <kspace/list.h>
#include <kspace/resource.h>
#include <kspace/spinlock.h>
#include <kspace/types.h>
#include <kspace/wait.h>

struct mm_struct;
struct pt_regs;
struct signal_struct;
struct files_struct;
struct ramfs_inode;
struct completion;
struct sighand_struct;
struct tty_struct;

#define TASK_RUNNING 0
#define TASK_INTERRUPTIBLE 1   /* asleep; a signal may wake it */
#define TASK_UNINTERRUPTIBLE 2 /* asleep until its event happens */
#define TASK_STOPPED 4         /* stopped by SIGSTOP and friends until SIGCONT or SIGKILL */
#define TASK_ZOMBIE 32         /* exited; waits for its parent's wait4() */
#define TASK_DEAD 64           /* exited; its stack is freed by the next task */

#define PF_IDLE 0x2       /* a CPU's idle task */
#define PF_FORKNOEXEC 0x40 /* forked but has not exec'd: its parent may still setpgid it */

#define TASK_COMM_LEN 16
#define DEF_TIMESLICE 10 /* ticks: 100 ms at HZ=100, a nice 0 task's turn */
#define MIN_NICE -20
#define MAX_NICE 19

/* A pending signal's siginfo, as far as the kernel keeps it (see kspace/signal.h). */
struct kernel_siginfo {
	int si_signo, si_errno, si_code;
	union {
		struct {
			int pid;
			unsigned int uid;
			int status;
		} kill; /* kill(), tkill(), and SIGCHLD's pid, uid and status */
		void __user *addr; /* the faulting address */
	};
};

struct sigpending {
	u64 signal;
	struct kernel_siginfo info[32]; /* for each pending standard signal, the first one sent */
	struct list_head queue;         /* real-time signals (32..64): each one sent, in order */
	unsigned int nr_queued;
};

/* An interval timer, in jiffies: value counts down (0: off), incr reloads it. */
struct itimer {
	unsigned long value, incr;
};

struct restart_block {
	long (*fn)(struct restart_block *);
	unsigned long expires;       /* nanosleep: the deadline in jiffies */
	void __user *rmtp;           /* and where to write the time left */
	int clockid;                 /* clock_nanosleep: the clock, */
	s64 deadline;                /* the deadline on it in nanoseconds, */
	bool rmtp_time64;            /* and rmtp's layout (__kernel_timespec, or old 32-bit) */
	void __user *ufds;           /* poll: its pollfd array and their number (deadline */
	unsigned int nfds;           /* as above, in ns since boot; -1: none) */
};

#ifndef KSPACE_PID_T
#define KSPACE_PID_T
typedef int pid_t;
#endif

/* The working directory and umask: one per process, shared by CLONE_FS (Linux's fs_struct). */
struct fs_struct {
	int users;         /* tasks sharing it */
	spinlock_t lock;   /* guards cwd's replacement */
	unsigned int umask;
	char *cwd;         /* a canonical absolute path: cwd_buf, or one chdir allocated */
	char cwd_buf[];    /* the cwd it was made with, allocated with it */
};

/*
 * What the threads of one process share besides memory (Linux's signal_struct): the
 * signals sent to the process as a whole, and the state of a group exit or exec.
 */
struct signal_struct {
	atomic_t count;               /* task_structs referring to it, zombies included */
	int live;                     /* threads that have not exited */
	struct list_head thread_head; /* its threads, linked by their thread_node */
	struct sigpending shared_pending; /* kill() to the process: any thread may take it */
	unsigned int flags;           /* SIGNAL_GROUP_EXIT, SIGNAL_CLD_CONTINUED */
	int group_exit_code;          /* the status every thread exits with in a group exit */
	struct task_struct *group_exec_task; /* a thread in execve waiting for the others to go */
	int group_stop_sig;           /* a group stop: the stop signal every thread takes */
};

#define SIGNAL_CLD_CONTINUED 0x00000002 /* a SIGCONT resumed it: the parent is yet to hear */
#define SIGNAL_GROUP_EXIT 0x00000004 /* exit_group or a fatal signal: every thread is ending */

/* task_struct.jobctl, as Linux names them. */
#define JOBCTL_STOP_DEQUEUED (1U << 16) /* a stop signal was taken; a SIGCONT cancels it */
#define JOBCTL_STOP_PENDING (1U << 17)  /* another thread stopped the group: stop too */

struct task_struct {
	volatile long state;
	struct thread_info *stack; /* the base of the THREAD_SIZE kernel stack */
	unsigned int flags;        /* PF_* */
	pid_t pid;                 /* the thread id (gettid) */
	pid_t tgid;                /* the thread group's id (getpid): its leader's pid */
	struct task_struct *group_leader; /* the thread the process started with */
	struct list_head thread_node; /* on signal->thread_head */
	struct signal_struct *signal; /* shared by the threads of one process */
	char comm[TASK_COMM_LEN];
	int time_slice;            /* ticks left before the tick asks for a switch */
	int nice;                  /* MIN_NICE..MAX_NICE: the slice's length (kernel/nice.c) */
	unsigned long cpus_allowed; /* sched_setaffinity's mask: bit n allows CPU n */
	long exit_code;            /* wait4's status word once it is a zombie */
	struct mm_struct *mm;      /* its address space; NULL for a kernel thread */
	struct task_struct *parent; /* a group leader: children belong to the whole process */
	struct list_head children; /* its children, linked by their sibling (leaders only) */
	struct list_head sibling;
	wait_queue_head_t wait_chldexit; /* where it sleeps in wait4() */
	struct cred cred;          /* its ids (Linux: a pointer to a shared struct cred) */
	pid_t pgid;                /* process group: what kill(0, sig) reaches */
	pid_t sid;                 /* session: its leader's pid (setsid) */
	struct tty_struct *tty;    /* controlling terminal, or NULL (Linux: signal->tty) */
	struct rlimit rlim[RLIM_NLIMITS]; /* resource limits (Linux: signal_struct's) */
	unsigned long utime, stime;   /* ticks it ran in user and in kernel mode */
	unsigned long cutime, cstime; /* the same for its reaped children, summed */
	unsigned long start_time;     /* jiffies when fork started it (/proc/<pid>/stat) */
	int __user *set_child_tid;    /* CLONE_CHILD_SETTID: store the tid here when it starts */
	int __user *clear_child_tid;  /* CLONE_CHILD_CLEARTID/set_tid_address: 0 and wake at exit */
	void __user *robust_list;     /* set_robust_list's head, for get_robust_list */
	struct completion *vfork_done; /* vfork: the parent waits on it until exec or exit */
	/* Signals (kernel/signal.c): bit (sig - 1) of each u64 set. */
	u64 blocked;               /* not delivered while blocked; they stay pending */
	u64 saved_sigmask;         /* sigsuspend's mask to restore, if restore_sigmask */
	bool restore_sigmask;
	struct sigpending pending; /* sent, not yet delivered */
	struct sighand_struct *sighand; /* the actions: copied by fork, reset by execve */
	unsigned long sas_ss_sp;   /* the sigaltstack: base, size, SS_AUTODISARM */
	unsigned long sas_ss_size;
	unsigned int sas_ss_flags;
	int stop_signal;           /* job control: a stop wait4(WUNTRACED) has yet to report */
	unsigned int jobctl;       /* JOBCTL_*: a stop on its way, under siglock */
	bool continued;            /* ... and a continue for WCONTINUED */
	struct itimer itimer[3];   /* ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF (kernel/itimer.c) */
	struct restart_block restart_block; /* how restart_syscall resumes an interrupted sleep */
	struct files_struct *files; /* open files; NULL for a kernel thread */
	struct fs_struct *fs;      /* cwd and umask; NULL for a kernel thread before init */
	struct list_head run_list; /* on its CPU's run queue while runnable (not an idle task) */
	int on_cpu;                /* running, or still switching out: its stack is in use */
	spinlock_t pi_lock;        /* serializes its wake-ups (kernel/sched.c) */
	spinlock_t alloc_lock;     /* task_lock(): mm, fs against exit, for another CPU's reader */
	atomic_t usage;            /* the task list's reference, and get_task_struct()'s */
	struct list_head tasks;    /* every task, for ps */
	struct thread_struct thread; /* saved esp/eip and esp0 (arch) */
};

extern struct task_struct init_task; /* pid 0: the boot thread, then the idle task */

/*
 * A full barrier after the store: the sleeper's "state = sleeping; test the condition"
 * and the waker's "set the condition; test the state" must not both miss each other
 * (x86 may let a load pass an earlier store; xchg is never reordered).
 */
#define set_current_state(s) ((void)__atomic_exchange_n(&current->state, (s), __ATOMIC_SEQ_CST))

static inline bool is_idle_task(const struct task_struct *p) { return p->flags & PF_IDLE; }

/* The CPU a task runs on, or last ran on (its thread_info's). */
#define task_cpu(p) ((p)->stack->cpu)

/*
 * The kernel stack grows down towards its thread_info, so a stack that runs too
 * deep overwrites the word just above thread_info first: it holds STACK_END_MAGIC
 * (Linux's value) from the task's creation, and schedule() and every oops check it.
 */
#define STACK_END_MAGIC 0x57AC6E9D

static inline unsigned long *end_of_stack(const struct thread_info *stack)
{
	return (unsigned long *)(stack + 1);
}

static inline void set_task_stack_end_magic(struct thread_info *stack)
{
	*end_of_stack(stack) = STACK_END_MAGIC;
}

static inline bool task_stack_end_corrupted(const struct thread_info *stack)
{
	return *end_of_stack(stack) != STACK_END_MAGIC;
}

/* The task whose kernel stack holds addr, found without trusting that stack's thread_info. */
struct task_struct *task_of_stack(unsigned long addr);

void boot_task_init(void);  /* the boot thread becomes init_task: `current` works */
void sched_init(void);       /* the run queues, once the per-CPU areas exist */
void init_idle(struct task_struct *idle, int cpu); /* idle is cpu's idle task */
void wait_task_inactive(struct task_struct *p); /* until p is off every CPU */
void set_cpus_allowed_ptr(struct task_struct *p, unsigned long mask); /* and move it if need be */
u64 nr_context_switches(void); /* all CPUs', for /proc/stat */
void schedule(void);
void scheduler_tick(void); /* from the timer interrupt */
void update_process_times(int user_tick); /* the tick's accounting, then scheduler_tick */
bool need_resched(void);
/*
 * Wake p if it sleeps: 1 if it did. WF_SYNC: the waker is about to sleep (a pipe's
 * other end), so p may as well run on the waker's CPU, whose cache holds what the
 * waker just wrote for it, instead of waking another CPU.
 */
#define WF_SYNC 1
int try_to_wake_up(struct task_struct *p, int wake_flags);
static inline int wake_up_process(struct task_struct *p) { return try_to_wake_up(p, 0); }
__noreturn void cpu_idle(void);

/* Start fn(arg) in a new kernel thread; returns its pid or a negative errno. */
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name);
__noreturn void do_exit(long code);
void fork_init(void); /* init_task's limits, once RAM is counted */
void exec_mm_release(struct task_struct *tsk); /* exec: vfork's parent may go on */
void exit_mm_release(struct task_struct *tsk); /* exit: the same, and CLONE_CHILD_CLEARTID */

/* The task list and pids (kernel/pid.c). */
extern struct list_head task_list; /* every task but init_task, by creation */
extern spinlock_t tasklist_lock;  /* guards it, pids and nr_threads across CPUs */
extern int nr_threads;            /* tasks started and not yet released */
struct task_struct *find_task_by_pid(pid_t pid); /* tasklist_lock held */
pid_t alloc_pid(void);                           /* tasklist_lock held; -EAGAIN if none */
void unhash_task(struct task_struct *p);         /* tasklist_lock held: p leaves the list */

/*
 * The thread group: its threads, and its leader. The thread list changes under both
 * tasklist_lock and siglock, so either keeps it still for a walk.
 */
#define for_each_thread(p, t) list_for_each_entry(t, &(p)->signal->thread_head, thread_node)
/* Another task's mm stays while task_lock(p) is held and p->mm is seen set (Linux's). */
static inline void task_lock(struct task_struct *p)
{
	spin_lock(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	spin_unlock(&p->alloc_lock);
}

/*
 * A reference keeps a task_struct (and its stack, signal and sighand) from being
 * freed once it is reaped: /proc renders another task's files while it may exit.
 */
void free_task(struct task_struct *p); /* kernel/fork.c: the last reference went */
static inline void get_task_struct(struct task_struct *p)
{
	atomic_inc(&p->usage);
}

static inline void put_task_struct(struct task_struct *p)
{
	if (atomic_dec_and_test(&p->usage))
		free_task(p);
}

struct mm_struct *get_task_mm(struct task_struct *p); /* p's mm with a user reference, or NULL */
struct task_struct *find_get_task(pid_t pid); /* pid's task (0: current) with a reference */

static inline bool thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}
__noreturn void do_group_exit(int code); /* exit_group, a fatal signal: every thread ends */
int de_thread(void); /* execve: the other threads end, the caller becomes the leader */
int unshare_files_sighand(void); /* execve: private descriptor table and signal actions */
struct fs_struct *fs_alloc(const char *cwd, unsigned int umask);
void fs_set_cwd(struct fs_struct *fs, char *cwd); /* takes cwd, frees the old one */
char *fs_cwd_dup(struct fs_struct *fs); /* a kmalloc'd copy of cwd, or NULL */
void put_fs(struct fs_struct *fs);
struct fs_struct *copy_fs_struct(struct fs_struct *fs); /* fork: the child's own copy */
unsigned short nr_tasks(void);

/* Ticks of CPU per turn: DEF_TIMESLICE at nice 0, scaled by (20 - nice) / 20, at least 1. */
static inline int task_timeslice(const struct task_struct *p)
{
	int slice = DEF_TIMESLICE * (MAX_NICE + 1 - p->nice) / (MAX_NICE + 1);

	return slice > 0 ? slice : 1;
}

struct seq_buf;
void tasks_render(struct seq_buf *s); /* the process list, as ps shows it */

#endif
