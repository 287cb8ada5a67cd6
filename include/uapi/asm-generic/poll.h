/*
 * include/uapi/asm-generic/poll.h: struct pollfd and the poll event bits, with
 * Linux's values (poll, ppoll, and select's three sets are built on them).
 */
#ifndef UAPI_ASM_GENERIC_POLL_H
#define UAPI_ASM_GENERIC_POLL_H

#define POLLIN 0x0001     /* there is data to read */
#define POLLPRI 0x0002    /* urgent data */
#define POLLOUT 0x0004    /* writing will not block */
#define POLLERR 0x0008    /* an error (always reported) */
#define POLLHUP 0x0010    /* the other end hung up (always reported) */
#define POLLNVAL 0x0020   /* not an open descriptor (always reported) */
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG 0x0400
#define POLLRDHUP 0x2000

struct pollfd {
	int fd;
	short events;
	short revents;
};

#endif
