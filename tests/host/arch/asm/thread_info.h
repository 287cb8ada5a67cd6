/*
 * tests/host/arch/asm/thread_info.h: the host's stand-in for <asm/thread_info.h>. The
 * kernel finds thread_info by masking its stack pointer; a host process has no such
 * stack, so the code under test shares one thread_info (stubs.c), whose preempt_count
 * the spinlocks raise and drop.
 */
#ifndef ASM_THREAD_INFO_H
#define ASM_THREAD_INFO_H

#define THREAD_SIZE 8192

struct task_struct;

struct thread_info {
	struct task_struct *task;
	unsigned long flags;
	int preempt_count;
	int cpu;
};

extern struct thread_info host_thread_info;

static inline struct thread_info *current_thread_info(void) { return &host_thread_info; }

#endif
