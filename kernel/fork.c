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
 * clone() is fork with options. A task is a whole process here (its tid is its pid),
 * so only the options that make sense for a process are honoured; the ones that
 * share something with the parent (CLONE_VM, CLONE_FS, CLONE_FILES, CLONE_SIGHAND,
 * CLONE_THREAD, CLONE_SETTLS, namespaces...) are -EINVAL until threads exist.
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
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/signal.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

#define THREAD_ORDER 1 /* 2^1 pages = THREAD_SIZE */
#define PID_MAX 32768

#define CSIGNAL 0x000000ff              /* the signal the parent gets at the child's exit */
#define CLONE_VFORK 0x00004000          /* the parent sleeps until the child execs or exits */
#define CLONE_PARENT_SETTID 0x00100000  /* store the child's tid in the parent's memory */
#define CLONE_CHILD_CLEARTID 0x00200000 /* clear it in the child's memory at exit, and wake */
#define CLONE_CHILD_SETTID 0x01000000   /* store it in the child's memory */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
			 CLONE_CHILD_SETTID)

LIST_HEAD(task_list);
static int nr_threads;

/* Zombies too: their pid is taken until they are reaped. */
struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid)
			return p;
	return NULL;
}

static bool pid_in_use(pid_t pid)
{
	return find_task_by_pid(pid) != NULL;
}

/* The next unused pid after the last one handed out, wrapping below PID_MAX. */
static pid_t alloc_pid(void)
{
	static pid_t last_pid;

	for (int tries = 0; tries < PID_MAX; tries++) {
		last_pid = last_pid + 1 < PID_MAX ? last_pid + 1 : 1;
		if (!pid_in_use(last_pid))
			return last_pid;
	}
	return -EAGAIN;
}

/* Linux's limit: kernel stacks may take at most an eighth of RAM. */
static int max_threads(void)
{
	return totalram_pages / (8 * (THREAD_SIZE / PAGE_SIZE));
}

/* init_task's limits, which every task inherits; RLIMIT_NPROC depends on RAM, as on Linux. */
void fork_init(void)
{
	init_rlimits(init_task.rlim, max_threads());
	init_task.umask = 0022;
}

static struct task_struct *alloc_task(const char *name)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);
	unsigned long stack = __get_free_pages(GFP_KERNEL, THREAD_ORDER);

	if (!p || !stack || copy_sighand(p)) {
		kfree(p);
		free_pages(stack, THREAD_ORDER);
		return NULL;
	}
	p->stack = (struct thread_info *)stack;
	*p->stack = (struct thread_info){ .task = p };
	set_task_stack_end_magic(p->stack);
	init_sigpending(&p->pending);
	strlcpy(p->comm, name, sizeof(p->comm));
	p->cpus_allowed = init_task.cpus_allowed; /* fork copies the parent's */
	p->time_slice = DEF_TIMESLICE;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
	return p;
}

static void free_task_struct(struct task_struct *p)
{
	flush_signals(p);
	kfree(p->sighand);
	kfree(p->cwd);
	free_pages((unsigned long)p->stack, THREAD_ORDER);
	kfree(p);
}

/* Free a task that ran (release_task); it counted towards max_threads. */
void free_task(struct task_struct *p)
{
	nr_threads--;
	free_task_struct(p);
}

/* Give p a pid and make it runnable; -EAGAIN (and p freed) when out of pids or threads. */
static pid_t start_task(struct task_struct *p)
{
	unsigned long flags = local_irq_save();

	p->pid = nr_threads < max_threads() ? alloc_pid() : -EAGAIN;
	if (p->pid < 0) {
		local_irq_restore(flags);
		if (p->files)
			put_files(p->files);
		if (p->mm)
			mmput(p->mm);
		free_task_struct(p);
		return -EAGAIN;
	}
	nr_threads++;
	list_add_tail(&p->tasks, &task_list);
	if (p->parent)
		list_add_tail(&p->sibling, &p->parent->children);
	p->state = TASK_UNINTERRUPTIBLE; /* so wake_up_process() queues it */
	local_irq_restore(flags);
	wake_up_process(p);
	return p->pid;
}

pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task(name);

	if (!p)
		return -ENOMEM;
	memcpy(p->rlim, init_task.rlim, sizeof(p->rlim));
	p->umask = init_task.umask;
	copy_thread(p, fn, arg);
	return start_task(p);
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
	mm->mm_users = mm->mm_count = 1;
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

void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users)
		return;
	exit_mmap(mm);
	if (mm->exe_file)
		ramfs_iput(mm->exe_file);
	pgd_free(mm->pgd);
	kfree(mm);
}

static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = kmalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	*mm = *oldmm; /* brk, start_stack, arg_start...: the same layout */
	if (!mm_init(mm)) {
		kfree(mm);
		return NULL;
	}
	if (mm->exe_file)
		ramfs_iget(mm->exe_file);
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

static int copy_mm(struct task_struct *p)
{
	if (!current->mm)
		return 0;
	p->mm = dup_mm(current->mm);
	return p->mm ? 0 : -ENOMEM;
}

/* Linux's NPROC rule: a user other than root may own at most RLIMIT_NPROC tasks, zombies included. */
static bool too_many_processes(void)
{
	unsigned long n = 0;
	struct task_struct *p;

	if (current->cred.uid == 0 || capable())
		return false;
	list_for_each_entry(p, &task_list, tasks)
		n += p->cred.uid == current->cred.uid;
	return n >= rlimit(RLIMIT_NPROC);
}

/* What a child inherits besides memory, files and cwd: ids, limits, group, session. */
static void copy_process_state(struct task_struct *p, unsigned long clone_flags,
			       int __user *child_tidptr)
{
	p->cred = current->cred;
	memcpy(p->rlim, current->rlim, sizeof(p->rlim));
	p->umask = current->umask;
	p->nice = current->nice;
	p->time_slice = task_timeslice(p);
	p->cpus_allowed = current->cpus_allowed;
	p->pgid = current->pgid;
	p->sid = current->sid;
	p->tty = current->tty;
	p->flags = PF_FORKNOEXEC;
	p->parent = current;
	p->set_child_tid = clone_flags & CLONE_CHILD_SETTID ? child_tidptr : NULL;
	p->clear_child_tid = clone_flags & CLONE_CHILD_CLEARTID ? child_tidptr : NULL;
	p->sas_ss_sp = current->sas_ss_sp; /* handlers and mask came with copy_sighand */
	p->sas_ss_size = current->sas_ss_size;
	p->sas_ss_flags = current->sas_ss_flags;
}

unsigned long total_forks; /* for /proc/stat */
int last_fork_pid;         /* for /proc/loadavg */

/*
 * Linux 2.6's do_fork: a copy of the caller, as clone_flags say, starting on
 * stack_start (0: the caller's stack) and returning 0 into the same call.
 */
long do_fork(unsigned long clone_flags, unsigned long stack_start, struct pt_regs *regs,
	     int __user *parent_tidptr, int __user *child_tidptr)
{
	struct task_struct *p;
	struct completion vfork;
	pid_t pid;

	if (too_many_processes())
		return -EAGAIN;
	p = alloc_task(current->comm);
	if (!p)
		return -ENOMEM;
	if (copy_mm(p)) {
		free_task_struct(p);
		return -ENOMEM;
	}
	p->files = dup_files(current->files);
	p->cwd = p->files ? kstrdup(current->cwd, GFP_KERNEL) : NULL;
	if (!p->cwd) {
		if (p->files)
			put_files(p->files);
		if (p->mm)
			mmput(p->mm);
		free_task_struct(p);
		return -ENOMEM;
	}
	copy_process_state(p, clone_flags, child_tidptr);
	copy_thread_user(p, regs, stack_start);
	if (clone_flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}
	p->start_time = jiffies;
	pid = start_task(p);
	if (pid < 0)
		return pid;
	total_forks++;
	last_fork_pid = pid;
	/* As on Linux, after the copy: only the parent's memory sees it, and a fault is ignored. */
	if (clone_flags & CLONE_PARENT_SETTID)
		put_user(pid, parent_tidptr);
	if (clone_flags & CLONE_VFORK)
		wait_for_completion(&vfork);
	return pid;
}

long sys_fork(void)
{
	return do_fork(SIGCHLD, 0, current_pt_regs(), NULL, NULL);
}

/*
 * vfork: Linux's child borrows the parent's memory while the parent sleeps. Here the
 * child gets its own copy-on-write copy, which is safer and costs little; what
 * programs rely on is kept: the parent sleeps until the child execs or exits.
 */
long sys_vfork(void)
{
	return do_fork(CLONE_VFORK | SIGCHLD, 0, current_pt_regs(), NULL, NULL);
}

/*
 * i386's argument order: flags, newsp, parent_tidptr, tls, child_tidptr. Only SIGCHLD
 * may be the exit signal: kspace's wait4 knows no other (Linux's __WCLONE children).
 */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tidptr,
	       unsigned long tls, int __user *child_tidptr)
{
	(void)tls; /* only with CLONE_SETTLS, which is refused */
	if ((flags & ~CLONE_SUPPORTED) || (flags & CSIGNAL) != SIGCHLD)
		return -EINVAL;
	return do_fork(flags, newsp, current_pt_regs(), parent_tidptr, child_tidptr);
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
 * (only when another task shares the memory, as on Linux: none does until threads),
 * and a vfork parent goes on.
 */
static void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	if (tsk->clear_child_tid) {
		if (mm && mm->mm_users > 1) { /* a bad pointer is the caller's loss, as on Linux */
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
