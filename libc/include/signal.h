/* signal.h: kill() and raise(); the signal numbers are the kernel's <asm/signal.h>. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <asm/signal.h> /* the numbers, shared with the kernel */
#include <sys/types.h>

#define NSIG 65 /* one more than the last real-time signal */

int kill(pid_t pid, int sig);
int raise(int sig);

#endif
