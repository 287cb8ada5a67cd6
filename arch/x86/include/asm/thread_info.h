/*
 * The kernel stack and thread_info. Each task's kernel stack is THREAD_SIZE bytes,
 * aligned to THREAD_SIZE, with its struct thread_info at the lowest address. Masking
 * esp with ~(THREAD_SIZE - 1) therefore finds the running task's thread_info from
 * anywhere on its stack: that is how `current` works.
 */
#ifndef ASM_THREAD_INFO_H
#define ASM_THREAD_INFO_H

#define THREAD_SIZE 8192

#ifndef __ASSEMBLER__
struct task_struct;

struct thread_info {
	struct task_struct *task; /* the task this stack belongs to */
	unsigned long flags;      /* TIF_* bits */
	int preempt_count;        /* > 0: the scheduler must not switch away */
	int cpu;                  /* the CPU the task runs on, or last ran on */
};

#define TIF_NEED_RESCHED 0 /* set by the timer tick: schedule() on the way out */
#define TIF_SIGPENDING 1   /* a signal waits to be acted on before user mode */
#define TIF_FAULT_INJECTED 2 /* this system call met an injected allocation failure */
#define _TIF_FAULT_INJECTED (1 << TIF_FAULT_INJECTED)
/* What the way back to user mode must look at; the entry code tests these in one go. */
#define _TIF_WORK_MASK ((1 << TIF_NEED_RESCHED) | (1 << TIF_SIGPENDING))

/* The boot CPU's stack, set up by head.asm; later the idle task's. */
extern unsigned char init_thread_union[THREAD_SIZE];

static inline struct thread_info *current_thread_info(void)
{
	unsigned long esp;

	__asm__("movl %%esp, %0" : "=r"(esp));
	return (struct thread_info *)(esp & ~(THREAD_SIZE - 1UL));
}
#endif

#endif
