/*
 * kernel/fork.c: creating tasks. A task is a task_struct (kmalloc) and an order-1
 * block of pages for its kernel stack: the buddy allocator aligns a 2-page block to
 * 8 KiB, exactly what `current` needs.
 */
#include <asm/irqflags.h>
#include <kspace/errno.h>
#include <kspace/gfp.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/string.h>

#define THREAD_ORDER 1 /* 2^1 pages = THREAD_SIZE */
#define PID_MAX 32768

LIST_HEAD(task_list);

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
	strlcpy(p->comm, name, sizeof(p->comm));
	INIT_LIST_HEAD(&p->run_list);
	return p;
}

void free_task(struct task_struct *p)
{
	free_pages((unsigned long)p->stack, THREAD_ORDER);
	kfree(p);
}

pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task(name);
	unsigned long flags;

	if (!p)
		return -ENOMEM;
	copy_thread(p, fn, arg);
	flags = local_irq_save();
	p->pid = alloc_pid();
	if (p->pid < 0) {
		local_irq_restore(flags);
		free_task(p);
		return -EAGAIN;
	}
	list_add_tail(&p->tasks, &task_list);
	p->state = TASK_UNINTERRUPTIBLE; /* so wake_up_process() queues it */
	local_irq_restore(flags);
	wake_up_process(p);
	return p->pid;
}
