/*
 * Wait queues (kernel/wait.c): a list of tasks sleeping until something happens.
 * The sleeper's side, in this order so that no wake-up can slip between the test
 * and the sleep:
 *
 *   DEFINE_WAIT(wait);
 *   for (;;) {
 *       prepare_to_wait(&q, &wait, TASK_UNINTERRUPTIBLE);
 *       if (condition) break;
 *       schedule();
 *   }
 *   finish_wait(&q, &wait);
 *
 * or simply wait_event(q, condition). The waker makes the condition true, then
 * calls wake_up(&q).
 */
#ifndef KSPACE_WAIT_H
#define KSPACE_WAIT_H

#include <kspace/list.h>
#include <kspace/spinlock.h>

struct task_struct; /* the macros below also need <kspace/sched.h> where they are used */

typedef struct wait_queue_head {
	spinlock_t lock; /* task_list; irqsave: interrupt handlers wake queues */
	struct list_head task_list;
} wait_queue_head_t;

struct wait_queue_entry {
	struct task_struct *task;
	bool autoremove;        /* DEFINE_WAIT's: wake_up takes it off the queue (Linux's autoremove_wake_function) */
	struct list_head entry;
};

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_INIT(name.lock), .task_list = LIST_HEAD_INIT(name.task_list) }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DEFINE_WAIT(name) struct wait_queue_entry name = { current, true, LIST_HEAD_INIT(name.entry) }

/* A macro so that each place initialising queues gives their locks one class. */
#define init_waitqueue_head(q)                  \
	do {                                    \
		spin_lock_init(&(q)->lock);     \
		INIT_LIST_HEAD(&(q)->task_list); \
	} while (0)
static inline bool waitqueue_active(const wait_queue_head_t *q) { return !list_empty(&q->task_list); }

void prepare_to_wait(wait_queue_head_t *q, struct wait_queue_entry *wait, long state);
void finish_wait(wait_queue_head_t *q, struct wait_queue_entry *wait);
void wake_up(wait_queue_head_t *q); /* wake every task on q */
/* The same when the caller is about to sleep: on its CPU they run next (WF_SYNC). */
void wake_up_sync(wait_queue_head_t *q);
/*
 * Queue and unqueue an entry without changing the task's state (poll and select); it
 * stays queued, whatever wakes it, until remove_wait_queue.
 */
void add_wait_queue(wait_queue_head_t *q, struct wait_queue_entry *wait);
void remove_wait_queue(wait_queue_head_t *q, struct wait_queue_entry *wait);

#define wait_event(q, condition)                                             \
	do {                                                                 \
		DEFINE_WAIT(__wait);                                         \
		for (;;) {                                                   \
			prepare_to_wait(&(q), &__wait, TASK_UNINTERRUPTIBLE); \
			if (condition)                                       \
				break;                                       \
			schedule();                                          \
		}                                                            \
		finish_wait(&(q), &__wait);                                  \
	} while (0)

#endif
