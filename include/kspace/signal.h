/*
 * Signals with their default actions (kernel/signal.c): Linux/i386's numbers. A
 * signal is recorded in the target's pending mask and acted on when the target
 * next returns to user mode. There are no handlers yet: each signal does what
 * Linux does by default: terminate the task, or nothing.
 */
#ifndef KSPACE_SIGNAL_H
#define KSPACE_SIGNAL_H

#include <kspace/sched.h>
#include <uapi/asm/signal.h>

#define _NSIG 32

void send_signal(int sig, struct task_struct *p);
void force_sig(int sig); /* to current, from a trap */
bool signal_pending(const struct task_struct *p);

#endif
