/*
 * include/uapi/linux/futex.h: the futex operations of the system call ABI, shared by
 * the kernel (kernel/futex.c) and user programs (<linux/futex.h>), with Linux's values.
 */
#ifndef _UAPI_LINUX_FUTEX_H
#define _UAPI_LINUX_FUTEX_H

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_LOCK_PI 6
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_LOCK_PI2 13

#define FUTEX_PRIVATE_FLAG 128   /* the word is not shared with another process */
#define FUTEX_CLOCK_REALTIME 256 /* an absolute timeout on CLOCK_REALTIME */
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)

#endif
