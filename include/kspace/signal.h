/*
 * Signals with their default actions (kernel/signal.c): Linux/i386's numbers. A
 * signal is recorded in the target's pending mask and acted on when the target
 * next returns to user mode. There are no handlers yet: each signal does what
 * Linux does by default: terminate the task, or nothing.
 */
#ifndef KSPACE_SIGNAL_H
#define KSPACE_SIGNAL_H

#include <kspace/sched.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGWINCH 28
#define _NSIG 32

void send_signal(int sig, struct task_struct *p);
void force_sig(int sig); /* to current, from a trap */
bool signal_pending(const struct task_struct *p);

#endif
