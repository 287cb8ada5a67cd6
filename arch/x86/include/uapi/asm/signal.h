/*
 * arch/x86/include/uapi/asm/signal.h: Linux's i386 signal numbers, shared by the kernel
 * (<kspace/signal.h>) and libc (<signal.h>). The comments name the CPU exceptions the
 * kernel turns into a signal for the process that caused them.
 */
#ifndef _UAPI_ASM_X86_SIGNAL_H
#define _UAPI_ASM_X86_SIGNAL_H

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4  /* invalid opcode (#UD), e.g. ud2 */
#define SIGTRAP 5 /* breakpoint (#BP), e.g. int3 */
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8 /* divide error (#DE) */
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11 /* page fault, or #GP from a privileged instruction */
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
/* 32..64 are the real-time signals. */

/* sa_flags */
#define SA_NOCLDSTOP 0x00000001 /* no SIGCHLD when a child stops or continues */
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004   /* the handler takes (sig, siginfo *, ucontext *) */
#define SA_RESTORER 0x04000000  /* sa_restorer is the return address of the handler */
#define SA_ONSTACK 0x08000000   /* run the handler on the sigaltstack */
#define SA_RESTART 0x10000000   /* restart an interrupted system call */
#define SA_NODEFER 0x40000000   /* do not block the signal during its own handler */
#define SA_RESETHAND 0x80000000 /* back to SIG_DFL once delivered */

/* sigprocmask's how */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sigaltstack's ss_flags */
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

#endif
