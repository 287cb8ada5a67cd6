/*
 * kernel/fork.c: creating tasks, as the articles trace it:
 *
 *   do_fork() -> copy_mm() -> dup_mm() -> mm_init() -> pgd_alloc()
 *
 * A task is a task_struct (kmalloc) and an order-1 block of pages for its kernel
 * stack: the buddy allocator aligns a 2-page block to 8 KiB, exactly what
 * `current` needs. The child's address space copies the parent's regions and
 * shares its pages copy-on-write; its kernel stack starts with a copy of the
 * parent's saved user registers, so both return from the same fork() call.
 *
 * clone() is fork with options: CLONE_VM, CLONE_FS, CLONE_FILES and CLONE_SIGHAND share
 * the address space, cwd and umask, descriptor table and signal actions instead of
 * copying them (each shared object counts its users), and CLONE_THREAD puts the child
 * in the caller's thread group: same tgid (getpid), same parent, the same
 * signal_struct. A thread is not its parent's child: wait4 never sees it, and it is
 * freed as soon as it exits. Namespaces, pidfds and exit signals other than SIGCHLD
 * are refused with EINVAL.
 */
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include <kspace/completion.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/futex.h>
#include <kspace/gfp.h>
#include <kspace/jiffies.h>
#include <kspace/kernel_stat.h>
#include <kspace/mman.h>
#include <kspace/oom.h>
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/signal.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

#define THREAD_ORDER 1 /* 2^1 pages = THREAD_SIZE */

#define CSIGNAL 0x000000ff              /* the signal the parent gets at the child's exit */
#define CLONE_VM 0x00000100             /* share the address space */
#define CLONE_FS 0x00000200             /* share cwd and umask */
#define CLONE_FILES 0x00000400          /* share the descriptor table */
#define CLONE_SIGHAND 0x00000800        /* share the signal actions */
#define CLONE_PIDFD 0x00001000
#define CLONE_PTRACE 0x00002000         /* no tracer here: nothing to continue */
#define CLONE_VFORK 0x00004000          /* the parent sleeps until the child execs or exits */
#define CLONE_PARENT 0x00008000         /* the child is the caller's sibling */
#define CLONE_THREAD 0x00010000         /* the child joins the caller's thread group */
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000        /* share SysV semaphore undo: there are no semaphores */
#define CLONE_SETTLS 0x00080000         /* tls is a user_desc for the child's set_thread_area */
#define CLONE_PARENT_SETTID 0x00100000  /* store the child's tid in the parent's memory */
#define CLONE_CHILD_CLEARTID 0x00200000 /* clear it in the child's memory at exit, and wake */
#define CLONE_DETACHED 0x00400000       /* ignored since Linux 2.6.2 */
#define CLONE_UNTRACED 0x00800000
#define CLONE_CHILD_SETTID 0x01000000   /* store it in the child's memory */
#define CLONE_NEWUSER 0x10000000
#define CLONE_NEWPID 0x20000000
#define CLONE_IO 0x80000000             /* share the I/O context: there is no I/O scheduler */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
			 CLONE_PTRACE | CLONE_VFORK | CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM | \
			 CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
			 CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID | CLONE_IO)

/* Linux's limit: kernel stacks may take at most an eighth of RAM. */
static int max_threads(void)
{
	return totalram_pages / (8 * (THREAD_SIZE / PAGE_SIZE));
}

/* init_task's limits, which every task inherits; RLIMIT_NPROC depends on RAM, as on Linux. */
void fork_init(void)
{
	init_rlimits(init_task.rlim, max_threads());
}

struct fs_struct *fs_alloc(const char *cwd, unsigned int umask)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->cwd = kstrdup(cwd, GFP_KERNEL);
	if (!fs->cwd) {
		kfree(fs);
		return NULL;
	}
	fs->users = 1;
	fs->umask = umask;
	spin_lock_init(&fs->lock);
	return fs;
}

void fs_set_cwd(struct fs_struct *fs, char *cwd)
{
	char *old;

	spin_lock(&fs->lock);
	old = fs->cwd;
	fs->cwd = cwd;
	spin_unlock(&fs->lock);
	kfree(old);
}

void put_fs(struct fs_struct *fs)
{
	bool last;

	spin_lock(&fs->lock);
	last = --fs->users == 0;
	spin_unlock(&fs->lock);
	if (last) {
		kfree(fs->cwd);
		kfree(fs);
	}
}

static void put_signal(struct signal_struct *sig)
{
	if (atomic_dec_and_test(&sig->count)) {
		if (sig->shared_pending.signal) /* usually nothing is left */
			flush_sigqueue(&sig->shared_pending);
		kfree(sig);
	}
}

static struct task_struct *alloc_task(const char *name)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);
	unsigned long stack = __get_free_pages(GFP_KERNEL, THREAD_ORDER);

	if (!p || !stack) {
		kfree(p);
		free_pages(stack, THREAD_ORDER);
		return NULL;
	}
	p->stack = (struct thread_info *)stack;
	*p->stack = (struct thread_info){ .task = p };
	set_task_stack_end_magic(p->stack);
	init_sigpending(&p->pending);
	strlcpy(p->comm, name, sizeof(p->comm));
	p->cpus_allowed = current->cpus_allowed; /* as Linux: a kernel thread inherits its creator's */
	p->time_slice = DEF_TIMESLICE;
	p->group_leader = p;
	spin_lock_init(&p->pi_lock);
	spin_lock_init(&p->alloc_lock);
	atomic_set(&p->usage, 1);
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_node);
	init_waitqueue_head(&p->wait_chldexit);
	return p;
}

/* What p still holds (all of it if it never ran), then p itself; one that ran is unhashed. */
void free_task(struct task_struct *p)
{
	if (p->files)
		put_files(p->files);
	if (p->mm)
		mmput(p->mm);
	if (p->fs)
		put_fs(p->fs);
	flush_signals(p);
	if (p->sighand)
		put_sighand(p->sighand);
	if (p->signal)
		put_signal(p->signal);
	free_pages((unsigned long)p->stack, THREAD_ORDER);
	kfree(p);
}

/* A new process's signal_struct, or (CLONE_THREAD) a share of the caller's. */
static int copy_signal(struct task_struct *p, unsigned long clone_flags)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD) {
		atomic_inc(&current->signal->count);
		p->signal = current->signal;
		return 0;
	}
	sig = kmalloc(sizeof(*sig), GFP_KERNEL); /* not zeroed: info[] is read only once set */
	if (!sig)
		return -ENOMEM;
	atomic_set(&sig->count, 1);
	sig->live = 0;
	sig->flags = 0;
	sig->group_exit_code = 0;
	sig->group_exec_task = NULL;
	sig->group_stop_sig = 0;
	INIT_LIST_HEAD(&sig->thread_head);
	init_sigpending(&sig->shared_pending);
	p->signal = sig;
	return 0;
}

/*
 * Give p a pid and put it in the task list and its thread group; -EAGAIN (and p freed)
 * when out of pids or threads, -EINTR when the caller is being killed (Linux: "let
 * kill terminate clone/fork in the middle"). A signal that came to the caller during
 * the fork (say the terminal's SIGTSTP to its process group) restarts it, as on Linux:
 * a group's signal must reach the parent alone, before the fork, or both, after it;
 * under tasklist_lock, which the group's senders hold, it is one or the other. The
 * caller wakes p.
 */
static pid_t start_task(struct task_struct *p, unsigned long clone_flags)
{
	unsigned long flags;
	pid_t pid;

	spin_lock_irqsave(&tasklist_lock, flags);
	pid = nr_threads < max_threads() ? alloc_pid() : -EAGAIN;
	if (pid > 0 && current->signal && sigkill_pending(current))
		pid = -EINTR;
	else if (pid > 0 && current->mm && signal_pending(current)) /* a user fork: it can restart */
		pid = -ERESTARTNOINTR;
	if (pid < 0) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		free_task(p);
		return pid;
	}
	p->pid = pid;
	p->tgid = clone_flags & CLONE_THREAD ? current->tgid : pid;
	nr_threads++;
	list_add_tail(&p->tasks, &task_list);
	spin_lock(&p->sighand->siglock);
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	p->signal->live++;
	spin_unlock(&p->sighand->siglock);
	if (thread_group_leader(p) && p->parent)
		list_add_tail(&p->sibling, &p->parent->children);
	p->state = TASK_UNINTERRUPTIBLE; /* so wake_up_process() queues it */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
}

pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task(name);
	pid_t pid;

	if (!p)
		return -ENOMEM;
	if (copy_sighand(p, false) || copy_signal(p, 0)) {
		free_task(p);
		return -ENOMEM;
	}
	memcpy(p->rlim, init_task.rlim, sizeof(p->rlim));
	copy_thread(p, fn, arg);
	pid = start_task(p, 0);
	if (pid > 0)
		wake_up_process(p);
	return pid;
}

/* A fresh mm_struct around an empty page directory that shares the kernel half; NULL
 * if there is no page for the directory (the caller frees mm). */
static struct mm_struct *mm_init(struct mm_struct *mm)
{
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->mmap_cache = NULL;
	mm->map_count = 0;
	mm->rss = mm->total_vm = 0;
	atomic_set(&mm->mm_users, 1);
	mm->oom_victim = false;
	init_rwsem(&mm->mmap_sem);
	spin_lock_init(&mm->page_table_lock);
	memset(mm->pgtables, 0, sizeof(mm->pgtables));
	mm->cpu_vm_mask = CPU_MASK_NONE; /* loaded nowhere yet (dup_mm copied the parent's) */
	mm->pgd = pgd_alloc();
	return mm->pgd ? mm : NULL;
}

/* A new, empty address space (for exec), with the mmap layout picked. */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	if (!mm_init(mm)) {
		kfree(mm);
		return NULL;
	}
	arch_pick_mmap_layout(mm);
	return mm;
}

/* Threads of one mm exit on several CPUs at once: the count drops atomically. */
void mmput(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	exit_mmap(mm);
	if (mm->oom_victim)
		exit_oom_victim();
	if (mm->exe_file)
		ramfs_iput(mm->exe_file);
	pgd_free(mm->pgd);
	kfree(mm);
}

/* Another task's mm, kept for the caller (mmput) even if the task exits meanwhile. */
struct mm_struct *get_task_mm(struct task_struct *p)
{
	struct mm_struct *mm;

	task_lock(p);
	mm = p->mm;
	if (mm)
		atomic_inc(&mm->mm_users);
	task_unlock(p);
	return mm;
}

/* A copy of oldmm, taken whole while its other threads cannot change it. */
static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = kmalloc(sizeof(*mm), GFP_KERNEL);
	int err = -ENOMEM;

	if (!mm)
		return NULL;
	down_write(&oldmm->mmap_sem); /* no region changes and no page faults meanwhile */
	*mm = *oldmm; /* brk, start_stack, arg_start...: the same layout */
	if (mm_init(mm)) {
		if (mm->exe_file)
			ramfs_iget(mm->exe_file);
		err = dup_mmap(mm, oldmm);
	}
	up_write(&oldmm->mmap_sem);
	if (!err)
		return mm;
	if (mm->pgd)
		mmput(mm);
	else
		kfree(mm);
	return NULL;
}

/* CLONE_VM shares the address space; otherwise the child gets a copy-on-write copy. */
static int copy_mm(struct task_struct *p, unsigned long clone_flags)
{
	if (!current->mm)
		return 0;
	if (clone_flags & CLONE_VM) {
		atomic_inc(&current->mm->mm_users);
		p->mm = current->mm;
		return 0;
	}
	p->mm = dup_mm(current->mm);
	return p->mm ? 0 : -ENOMEM;
}

static int copy_files(struct task_struct *p, unsigned long clone_flags)
{
	if (clone_flags & CLONE_FILES) {
		atomic_inc(&current->files->count);
		p->files = current->files;
		return 0;
	}
	p->files = dup_files(current->files);
	return p->files ? 0 : -ENOMEM;
}

/*
 * A copy of a shared fs's cwd. Another thread may chdir meanwhile and free the old
 * string, so it is read under fs->lock; kmalloc may sleep, so it is not called under it.
 */
char *fs_cwd_dup(struct fs_struct *fs)
{
	for (;;) {
		size_t len;
		char *copy;

		spin_lock(&fs->lock);
		len = strlen(fs->cwd) + 1;
		spin_unlock(&fs->lock);
		copy = kmalloc(len, GFP_KERNEL);
		if (!copy)
			return NULL;
		spin_lock(&fs->lock);
		if (strlen(fs->cwd) < len) {
			memcpy(copy, fs->cwd, strlen(fs->cwd) + 1);
			spin_unlock(&fs->lock);
			return copy;
		}
		spin_unlock(&fs->lock); /* it grew: try again with the new length */
		kfree(copy);
	}
}

static int copy_fs(struct task_struct *p, unsigned long clone_flags)
{
	struct fs_struct *fs = current->fs;
	char *cwd;

	if (!fs) /* a kernel thread before init's exec */
		return 0;
	if (clone_flags & CLONE_FS) {
		spin_lock(&fs->lock);
		fs->users++;
		spin_unlock(&fs->lock);
		p->fs = fs;
		return 0;
	}
	cwd = fs_cwd_dup(fs);
	p->fs = cwd ? fs_alloc(cwd, fs->umask) : NULL;
	kfree(cwd);
	return p->fs ? 0 : -ENOMEM;
}

/* Linux's NPROC rule: a user other than root may own at most RLIMIT_NPROC tasks, zombies included. */
static bool too_many_processes(void)
{
	unsigned long n = 0, flags;
	struct task_struct *p;

	if (current->cred.uid == 0 || capable())
		return false;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		n += p->cred.uid == current->cred.uid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n >= rlimit(RLIMIT_NPROC);
}

/*
 * The parent of what clone makes: a thread has its process's parent, a CLONE_PARENT
 * child its caller's; any other child belongs to the caller's process, whose leader
 * holds the children list every thread's wait4 looks through.
 */
static struct task_struct *new_parent(unsigned long clone_flags)
{
	if (clone_flags & (CLONE_THREAD | CLONE_PARENT))
		return current->group_leader->parent;
	return current->group_leader;
}

/* What a child inherits besides memory, files and fs: ids, limits, group, session. */
static void copy_process_state(struct task_struct *p, unsigned long clone_flags,
			       int __user *child_tidptr)
{
	p->cred = current->cred;
	memcpy(p->rlim, current->rlim, sizeof(p->rlim));
	p->nice = current->nice;
	p->time_slice = task_timeslice(p);
	p->cpus_allowed = current->cpus_allowed;
	p->pgid = current->pgid;
	p->sid = current->sid;
	p->tty = current->tty;
	p->flags = PF_FORKNOEXEC;
	p->parent = new_parent(clone_flags);
	if (clone_flags & CLONE_THREAD)
		p->group_leader = current->group_leader;
	p->set_child_tid = clone_flags & CLONE_CHILD_SETTID ? child_tidptr : NULL;
	p->clear_child_tid = clone_flags & CLONE_CHILD_CLEARTID ? child_tidptr : NULL;
	p->sas_ss_sp = current->sas_ss_sp; /* handlers and mask came with copy_sighand */
	p->sas_ss_size = current->sas_ss_size;
	p->sas_ss_flags = current->sas_ss_flags;
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) { /* Linux's sas_ss_reset: */
		p->sas_ss_sp = p->sas_ss_size = 0; /* the stack is in use by the caller */
		p->sas_ss_flags = SS_DISABLE;
	}
}

/*
 * Linux 6.1's copy_process rules, in its order: what cannot be shared without what,
 * then (kspace) what does not exist here: namespaces, pidfds, and a child that would
 * tell its end by a signal other than SIGCHLD (wait4 knows no __WCLONE children).
 */
static int check_clone_flags(unsigned long flags)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL; /* a thread group shares its signals */
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL; /* shared handlers need the memory they point into */
	if ((flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL; /* init's siblings would have the idle task as parent */
	if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	if (flags & ~CLONE_SUPPORTED)
		return -EINVAL;
	if (!(flags & CLONE_THREAD) && (flags & CSIGNAL) != SIGCHLD)
		return -EINVAL;
	return 0;
}

/* Everything but the pid: NULL and *err set on failure, the task freed. */
static struct task_struct *copy_process(unsigned long clone_flags, unsigned long stack_start,
					struct pt_regs *regs, int __user *child_tidptr,
					unsigned long tls, int *err)
{
	struct task_struct *p = alloc_task(current->comm);

	*err = -ENOMEM;
	if (!p)
		return NULL;
	*err = copy_sighand(p, clone_flags & CLONE_SIGHAND);
	if (!*err)
		*err = copy_signal(p, clone_flags);
	if (!*err)
		*err = copy_mm(p, clone_flags);
	if (!*err)
		*err = copy_files(p, clone_flags);
	if (!*err)
		*err = copy_fs(p, clone_flags);
	if (!*err) {
		copy_process_state(p, clone_flags, child_tidptr);
		copy_thread_user(p, regs, stack_start);
		if (clone_flags & CLONE_SETTLS)
			*err = do_set_thread_area(p, (struct user_desc __user *)tls, false);
	}
	if (*err) {
		free_task(p);
		return NULL;
	}
	return p;
}

unsigned long total_forks; /* for /proc/stat */
int last_fork_pid;         /* for /proc/loadavg */

/*
 * Linux 2.6's do_fork: a copy of the caller, as clone_flags say, starting on
 * stack_start (0: the caller's stack) and returning 0 into the same call.
 */
long do_fork(unsigned long clone_flags, unsigned long stack_start, struct pt_regs *regs,
	     int __user *parent_tidptr, int __user *child_tidptr, unsigned long tls)
{
	struct task_struct *p;
	struct completion vfork;
	int err = check_clone_flags(clone_flags);
	pid_t pid;

	if (err)
		return err;
	if (too_many_processes())
		return -EAGAIN;
	p = copy_process(clone_flags, stack_start, regs, child_tidptr, tls, &err);
	if (!p)
		return err;
	if (clone_flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}
	p->start_time = jiffies;
	pid = start_task(p, clone_flags);
	if (pid < 0)
		return pid;
	total_forks++;
	last_fork_pid = pid;
	/* Before the child runs, as on Linux; a fault is ignored. */
	if (clone_flags & CLONE_PARENT_SETTID)
		put_user(pid, parent_tidptr);
	wake_up_process(p);
	if (clone_flags & CLONE_VFORK)
		wait_for_completion(&vfork);
	return pid;
}

long sys_fork(void)
{
	return do_fork(SIGCHLD, 0, current_pt_regs(), NULL, NULL, 0);
}

/*
 * vfork: Linux's child borrows the parent's memory while the parent sleeps. Here the
 * child gets its own copy-on-write copy, which is safer and costs little; what
 * programs rely on is kept: the parent sleeps until the child execs or exits.
 * (clone(CLONE_VM | CLONE_VFORK), as posix_spawn calls it, does share the memory.)
 */
long sys_vfork(void)
{
	return do_fork(CLONE_VFORK | SIGCHLD, 0, current_pt_regs(), NULL, NULL, 0);
}

/* i386's argument order: flags, newsp, parent_tidptr, tls, child_tidptr. */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tidptr,
	       unsigned long tls, int __user *child_tidptr)
{
	return do_fork(flags, newsp, current_pt_regs(), parent_tidptr, child_tidptr, tls);
}

/*
 * execve: a descriptor table or signal actions still shared with another process
 * (CLONE_FILES, CLONE_SIGHAND without CLONE_THREAD) become the caller's own, so that
 * close-on-exec and the reset of handlers touch only the new program.
 */
int unshare_files_sighand(void)
{
	struct files_struct *files = current->files;
	struct sighand_struct *sighand = current->sighand;

	if (files && atomic_read(&files->count) > 1) {
		struct files_struct *copy = dup_files(files);

		if (!copy)
			return -ENOMEM;
		task_lock(current); /* /proc reads current->files under it */
		current->files = copy;
		task_unlock(current);
		put_files(files);
	}
	if (atomic_read(&sighand->count) > 1) {
		if (copy_sighand(current, false)) {
			current->sighand = sighand;
			return -ENOMEM;
		}
		put_sighand(sighand);
	}
	return 0;
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_gettid(void)
{
	return current->pid;
}

/*
 * Exit and exec end what clone set up: the tid word is cleared and its waiter woken
 * (only when another task shares the memory, as on Linux: pthread_join waits there),
 * and a vfork parent goes on.
 */
static void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	if (tsk->clear_child_tid) {
		if (mm && atomic_read(&mm->mm_users) > 1) { /* a bad pointer is the caller's loss, as on Linux */
			put_user(0, tsk->clear_child_tid);
			futex_wake(mm, (unsigned long)tsk->clear_child_tid, 1);
		}
		tsk->clear_child_tid = NULL;
	}
	if (tsk->vfork_done) {
		complete(tsk->vfork_done);
		tsk->vfork_done = NULL;
	}
}

void exit_mm_release(struct task_struct *tsk)
{
	mm_release(tsk, tsk->mm);
}

void exec_mm_release(struct task_struct *tsk)
{
	mm_release(tsk, tsk->mm);
	tsk->flags &= ~PF_FORKNOEXEC;
}
