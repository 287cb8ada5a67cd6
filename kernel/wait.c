/* kernel/wait.c: wait queues (see wait.h). */
#include <asm/irqflags.h>
#include <kspace/sched.h>
#include <kspace/wait.h>

void prepare_to_wait(wait_queue_head_t *q, struct wait_queue_entry *wait, long state)
{
	unsigned long flags = local_irq_save();

	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &q->task_list);
	set_current_state(state);
	local_irq_restore(flags);
}

void finish_wait(wait_queue_head_t *q, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();

	(void)q;
	set_current_state(TASK_RUNNING);
	if (!list_empty(&wait->entry)) {
		list_del(&wait->entry);
		INIT_LIST_HEAD(&wait->entry);
	}
	local_irq_restore(flags);
}

void wake_up(wait_queue_head_t *q)
{
	unsigned long flags = local_irq_save();
	struct wait_queue_entry *w;

	list_for_each_entry(w, &q->task_list, entry)
		wake_up_process(w->task);
	local_irq_restore(flags);
}
