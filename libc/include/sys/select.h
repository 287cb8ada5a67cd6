/* sys/select.h: select and pselect over fd_set bitmaps of FD_SETSIZE descriptors. */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <signal.h>
#include <sys/time.h>
#include <sys/types.h>

#define FD_SETSIZE 1024

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FD_WORD(fd) ((fd) / (8 * (int)sizeof(unsigned long)))
#define __FD_MASK(fd) (1UL << ((fd) % (8 * sizeof(unsigned long))))
#define FD_ZERO(s) __builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(fd, s) ((s)->fds_bits[__FD_WORD(fd)] |= __FD_MASK(fd))
#define FD_CLR(fd, s) ((s)->fds_bits[__FD_WORD(fd)] &= ~__FD_MASK(fd))
#define FD_ISSET(fd, s) (((s)->fds_bits[__FD_WORD(fd)] & __FD_MASK(fd)) != 0)

struct timespec;

int select(int n, fd_set *in, fd_set *out, fd_set *ex, struct timeval *timeout);
int pselect(int n, fd_set *in, fd_set *out, fd_set *ex, const struct timespec *timeout,
	    const sigset_t *sigmask);

#endif
