/* poll.h: poll and ppoll, with Linux's struct pollfd and POLL* bits. */
#ifndef _POLL_H
#define _POLL_H

#include <asm-generic/poll.h> /* struct pollfd and the POLL* bits, shared with the kernel */
#include <signal.h>

typedef unsigned long nfds_t;
struct timespec;

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms); /* timeout < 0: wait for ever */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask);

#endif
