/*
 * kernel/wait.c: wait queues (see wait.h). Each queue's lock guards its list; it is
 * taken with interrupts off, since interrupt handlers (the tty, timers) wake queues.
 * Lock order: a queue's lock, then the runqueue lock (wake_up_process).
 *
 * A sleeper's entry (DEFINE_WAIT) leaves the queue when it is woken, as with Linux's
 * autoremove_wake_function, so finish_wait after a wake-up usually finds it gone and
 * needs no lock. The entry lives on the sleeper's stack: once the sleeper can see it
 * unlinked, the waker must not touch it again, so unlinking ends with that store.
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

/* Off its queue (q->lock held): the release store of next, the last, says so. */
static void unlink_entry(struct wait_queue_entry *wait)
{
	struct list_head *e = &wait->entry;

	e->next->prev = e->prev;
	e->prev->next = e->next;
	e->prev = e;
	__atomic_store_n(&e->next, e, __ATOMIC_RELEASE);
}

/* Whether the entry is off every queue; safe without the lock (Linux's list_empty_careful). */
static bool entry_unlinked(struct wait_queue_entry *wait)
{
	struct list_head *e = &wait->entry;

	return __atomic_load_n(&e->next, __ATOMIC_ACQUIRE) == e && READ_ONCE(e->prev) == e;
}

void finish_wait(wait_queue_head_t *q, struct wait_queue_entry *wait)
{
	unsigned long flags;

	set_current_state(TASK_RUNNING);
	if (entry_unlinked(wait)) /* woken: wake_up took it off */
		return;
	spin_lock_irqsave(&q->lock, flags);
	if (!list_empty(&wait->entry))
		unlink_entry(wait);
	spin_unlock_irqrestore(&q->lock, flags);
}

static __always_inline void __wake_up(wait_queue_head_t *q, int wake_flags)
{
	struct wait_queue_entry *w, *next;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_for_each_entry_safe(w, next, &q->task_list, entry) {
		bool autoremove = w->autoremove;

		try_to_wake_up(w->task, wake_flags);
		if (autoremove)
			unlink_entry(w);
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

void wake_up(wait_queue_head_t *q)
{
	__wake_up(q, 0);
}

void wake_up_sync(wait_queue_head_t *q)
{
	__wake_up(q, WF_SYNC);
}

void add_wait_queue(wait_queue_head_t *q, struct wait_queue_entry *wait)
{
	unsigned long flags;

	wait->autoremove = false;
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
