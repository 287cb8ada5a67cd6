/*
 * current: the running task. Its thread_info sits at the base of the kernel stack, so
 * masking esp finds it (asm/thread_info.h), and thread_info->task is the task_struct.
 * Apart from sched.h so that the lock headers can name the owner without the rest.
 */
#ifndef ASM_CURRENT_H
#define ASM_CURRENT_H

#include <asm/thread_info.h>

static inline struct task_struct *get_current(void)
{
	return current_thread_info()->task;
}
#define current get_current()

#endif
