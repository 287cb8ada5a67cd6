/*
 * Waiting on several files at once (poll, select). A file's poll operation says
 * which events hold now and hands each wait queue that will be woken when that
 * changes to poll_wait(); the poll_table decides what registering means (for poll
 * and select: queue the caller on it, so that any one file's wake-up ends the
 * sleep). A NULL table, as on the second pass, registers nothing.
 */
#ifndef KSPACE_POLL_H
#define KSPACE_POLL_H

#include <kspace/wait.h>
#include <uapi/asm-generic/poll.h>

struct file;

typedef struct poll_table_struct {
	void (*qproc)(struct file *f, wait_queue_head_t *q, struct poll_table_struct *pt);
} poll_table;

static inline void poll_wait(struct file *f, wait_queue_head_t *q, poll_table *pt)
{
	if (pt && pt->qproc && q)
		pt->qproc(f, q, pt);
}

/* What a file without a poll operation reports: ready for anything it was opened for. */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

#endif
