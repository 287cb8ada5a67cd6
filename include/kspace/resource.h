/*
 * Resource limits and usage (kernel/resource.c), with Linux's numbers and layouts:
 * getrlimit/setrlimit/prlimit64, getrusage and times. Each task holds its own limits
 * (Linux keeps them in signal_struct, shared by threads; here a task is a process);
 * fork copies them and exec keeps them. rlimit(RLIMIT_X) is the caller's soft limit.
 */
#ifndef KSPACE_RESOURCE_H
#define KSPACE_RESOURCE_H

#include <kspace/compiler.h>
#include <kspace/types.h>
#include <uapi/asm-generic/resource.h>

/*
 * Enforced: RLIMIT_DATA (brk, with may_expand_vm), RLIMIT_STACK (stack growth,
 * expand_stack), RLIMIT_NPROC (fork/clone -> EAGAIN, except for root), RLIMIT_NOFILE
 * (fd allocation -> EMFILE, dup2 -> EBADF), RLIMIT_AS (total_vm, may_expand_vm).
 */

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

struct task_struct;

/* The limits a new process tree starts with (init_task's, set up by fork_init). */
void init_rlimits(struct rlimit *rlim, unsigned long max_threads);

/* The calling task's soft limit for resource. */
unsigned long rlimit(unsigned int resource);

/* Tick accounting (update_process_times): one tick to p's user or system time. */
void account_process_tick(struct task_struct *p, int user_tick);

/* wait4 reaping child: add its times, and its reaped children's, to the caller's. */
void account_reaped_child(struct task_struct *child);

/* wait4's struct rusage for a reaped child: its times and its children's; -EFAULT. */
int put_child_rusage(const struct task_struct *child, void __user *ru);

#endif
