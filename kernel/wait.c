/*
 * kernel/wait.c: wait queues (see wait.h). Each queue's lock guards its list; it is
 * taken with interrupts off, since interrupt handlers (the tty, timers) wake queues.
 * Lock order: a queue's lock, then the runqueue lock (wake_up_process).
 */
#include <kspace/sched.h>
#include <kspace/spinlock.h>
#include <kspace/wait.h>

void prepare_to_wait(wait_queue_head_t *q, struct wait_queue_entry *wait, long state)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &q->task_list);
	set_current_state(state);
	spin_unlock_irqrestore(&q->lock, flags);
}

void finish_wait(wait_queue_head_t *q, struct wait_queue_entry *wait)
{
	unsigned long flags;

	set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&q->lock, flags);
	if (!list_empty(&wait->entry)) {
		list_del(&wait->entry);
		INIT_LIST_HEAD(&wait->entry);
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

void wake_up(wait_queue_head_t *q)
{
	struct wait_queue_entry *w;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_for_each_entry(w, &q->task_list, entry)
		wake_up_process(w->task);
	spin_unlock_irqrestore(&q->lock, flags);
}

void add_wait_queue(wait_queue_head_t *q, struct wait_queue_entry *wait)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_add_tail(&wait->entry, &q->task_list);
	spin_unlock_irqrestore(&q->lock, flags);
}

void remove_wait_queue(wait_queue_head_t *q, struct wait_queue_entry *wait)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_del(&wait->entry);
	spin_unlock_irqrestore(&q->lock, flags);
}
