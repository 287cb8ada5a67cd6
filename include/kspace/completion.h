/*
 * Completions, as Linux names them: one task waits until another says "done".
 * vfork's parent waits on one until its child execs or exits.
 */
#ifndef KSPACE_COMPLETION_H
#define KSPACE_COMPLETION_H

#include <kspace/sched.h>
#include <kspace/wait.h>

struct completion {
	bool done;
	wait_queue_head_t wait;
};

static inline void init_completion(struct completion *x)
{
	x->done = false;
	init_waitqueue_head(&x->wait);
}

static inline void complete(struct completion *x)
{
	x->done = true;
	wake_up(&x->wait);
}

static inline void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, x->done);
}

#endif
