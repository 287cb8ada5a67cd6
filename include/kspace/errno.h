/* Error numbers, with Linux/i386's values: kernel functions return them negated. */
#ifndef KSPACE_ERRNO_H
#define KSPACE_ERRNO_H

#include <uapi/asm-generic/errno.h>

/*
 * Never seen by user space: a system call interrupted by a signal returns one of these
 * and the signal code turns it into a restart or -EINTR, depending on the handler.
 */
#define ERESTARTSYS 512           /* restart if the handler has SA_RESTART, else -EINTR */
#define ERESTARTNOINTR 513        /* always restart */
#define ERESTARTNOHAND 514        /* restart if no handler runs, else -EINTR */
#define ERESTART_RESTARTBLOCK 516 /* restart through restart_syscall() */

#endif
