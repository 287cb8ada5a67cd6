/*
 * The out-of-memory killer (mm/oom_kill.c): a page fault that finds no free page kills
 * the process holding the most pages, not whoever faulted.
 */
#ifndef KSPACE_OOM_H
#define KSPACE_OOM_H

#include <kspace/types.h>

/* SIGKILL the biggest process; true if it is not current (wait, then retry the fault). */
bool out_of_memory(void);
void exit_oom_victim(void); /* a victim's memory is back (its mm's last mmput) */

#endif
