/*
 * sys/wait.h: waitpid() and Linux's status word. Bits 0-6 hold the signal that killed
 * the child (0 if it exited), bit 7 says it dumped core, bits 8-15 hold its exit code;
 * 0x7f in the low byte means stopped, with the stop signal in bits 8-15.
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>

#define WNOHANG 1   /* return 0 instead of waiting when no child has changed state */
#define WUNTRACED 2 /* also report stopped children */
#define WCONTINUED 8 /* also report stopped children continued by SIGCONT */

#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WCOREDUMP(s) ((s) & 0x80)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSTOPPED(s) (((s) & 0xff) == 0x7f)
/* Neither exited (0), stopped (0x7f) nor continued (0xffff, whose low 7 bits are 0x7f too). */
#define WIFSIGNALED(s) (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WIFCONTINUED(s) ((s) == 0xffff)

struct rusage; /* wait4's resource usage: <sys/resource.h> */

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage);

#endif
