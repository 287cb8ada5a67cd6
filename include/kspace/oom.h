/*
 * The out-of-memory killer (mm/oom_kill.c): a page fault that finds no free page kills
 * the process holding the most pages, not whoever faulted.
 */
#ifndef KSPACE_OOM_H
#define KSPACE_OOM_H

#include <kspace/types.h>

/*
 * How many victims' memory has come back so far. A fault reads it before it tries to
 * allocate and passes it to out_of_memory(): if it has moved since, a victim on
 * another CPU freed its pages after the allocation failed, and the fault retries
 * before anyone else is chosen.
 */
unsigned int oom_reaped(void);
/* SIGKILL the biggest process; true if it is not current (wait, then retry the fault). */
bool out_of_memory(unsigned int reaped);
void exit_oom_victim(void); /* a victim's memory is back (its mm's last mmput) */

#endif
