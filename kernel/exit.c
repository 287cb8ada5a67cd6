/*
 * kernel/exit.c: the end of a task. A task cannot free the stack it is running on,
 * so do_exit() marks it TASK_DEAD and switches away; the next task to run frees it
 * (schedule_tail -> release_task).
 */
#include <asm/irqflags.h>
#include <kspace/bug.h>
#include <kspace/sched.h>

void free_task(struct task_struct *p); /* kernel/fork.c */

void release_task(struct task_struct *p)
{
	free_task(p);
}

void do_exit(long code)
{
	struct task_struct *p = current;

	BUG_ON(p == &init_task); /* the idle task never exits */
	local_irq_disable();
	list_del(&p->tasks);
	p->exit_code = code;
	p->state = TASK_DEAD;
	schedule();
	BUG(); /* a dead task is never scheduled again */
}
