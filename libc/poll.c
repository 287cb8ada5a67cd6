/*
 * libc/poll.c: poll, ppoll, select (as _newselect) and pselect (as pselect6, whose
 * sixth argument points at the mask and its size). The kernel reads 8 bytes of a
 * sigset_t.
 */
#include <poll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>

#include "internal.h"

#define KERNEL_SIGSET_SIZE 8

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	return __syscall_ret(__syscall(__NR_poll, fds, nfds, timeout_ms));
}

/* The timeouts are const: the kernel writes the time left into a copy. */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask)
{
	struct timespec t;

	if (timeout)
		t = *timeout;
	return __syscall_ret(__syscall(__NR_ppoll, fds, nfds, timeout ? &t : 0, sigmask,
				       KERNEL_SIGSET_SIZE));
}

int select(int n, fd_set *in, fd_set *out, fd_set *ex, struct timeval *timeout)
{
	return __syscall_ret(__syscall(__NR__newselect, n, in, out, ex, timeout));
}

int pselect(int n, fd_set *in, fd_set *out, fd_set *ex, const struct timespec *timeout,
	    const sigset_t *sigmask)
{
	struct timespec t;
	struct {
		const sigset_t *p;
		unsigned long size;
	} sig = { sigmask, KERNEL_SIGSET_SIZE };

	if (timeout)
		t = *timeout;
	return __syscall_ret(__syscall(__NR_pselect6, n, in, out, ex, timeout ? &t : 0, &sig));
}
