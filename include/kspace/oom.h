/*
 * The out-of-memory killer (mm/oom_kill.c): a page fault that finds no free page kills
 * the process holding the most pages, not whoever faulted.
 */
#ifndef KSPACE_OOM_H
#define KSPACE_OOM_H

#include <kspace/types.h>

struct task_struct;

/* SIGKILL the biggest process; true if it is not current (wait, then retry the fault). */
bool out_of_memory(void);

/* tsk has given its memory back (exit_mm): faults that waited for it may go on. */
void exit_oom_victim(struct task_struct *tsk);

#endif
