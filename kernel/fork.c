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
 */
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/gfp.h>
#include <kspace/mman.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

#define THREAD_ORDER 1 /* 2^1 pages = THREAD_SIZE */
#define PID_MAX 32768

LIST_HEAD(task_list);
static int nr_threads;

static bool pid_in_use(pid_t pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid)
			return true;
	return false;
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
	init_sigpending(&p->pending);
	strlcpy(p->comm, name, sizeof(p->comm));
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
	copy_thread(p, fn, arg);
	return start_task(p);
}

/* A fresh mm_struct around an empty page directory that shares the kernel half. */
static struct mm_struct *mm_init(struct mm_struct *mm)
{
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->mmap_cache = NULL;
	mm->map_count = 0;
	mm->rss = mm->total_vm = 0;
	mm->mm_users = mm->mm_count = 1;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	return mm ? mm_init(mm) : NULL;
}

void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users)
		return;
	exit_mmap(mm);
	pgd_free(mm->pgd);
	kfree(mm);
}

static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = kmalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	*mm = *oldmm; /* brk, start_stack, arg_start...: the same layout */
	if (!mm_init(mm))
		return NULL;
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	__flush_tlb(); /* the parent's pages just became read-only: drop its writable entries */
	return mm;
}

static int copy_mm(struct task_struct *p)
{
	if (!current->mm)
		return 0;
	p->mm = dup_mm(current->mm);
	return p->mm ? 0 : -ENOMEM;
}

long do_fork(struct pt_regs *regs)
{
	struct task_struct *p = alloc_task(current->comm);

	if (!p)
		return -ENOMEM;
	if (copy_mm(p)) {
		free_task_struct(p);
		return -ENOMEM;
	}
	p->files = dup_files(current->files);
	if (!p->files) {
		if (p->mm)
			mmput(p->mm);
		free_task_struct(p);
		return -ENOMEM;
	}
	p->cwd = kstrdup(current->cwd, GFP_KERNEL);
	if (!p->cwd) {
		put_files(p->files);
		if (p->mm)
			mmput(p->mm);
		free_task_struct(p);
		return -ENOMEM;
	}
	p->uid = current->uid;
	p->pgid = current->pgid;
	p->sas_ss_sp = current->sas_ss_sp; /* handlers and mask came with copy_sighand */
	p->sas_ss_size = current->sas_ss_size;
	p->sas_ss_flags = current->sas_ss_flags;
	p->parent = current;
	copy_thread_user(p, regs);
	return start_task(p);
}

long sys_fork(void)
{
	return do_fork(current_pt_regs());
}
