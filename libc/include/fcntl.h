/* fcntl.h: open() and its flags, with Linux's i386 values (asm-generic/fcntl.h). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_CLOEXEC 02000000
#define O_NDELAY O_NONBLOCK

/* fcntl's commands (asm-generic/fcntl.h, linux/fcntl.h) */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#define FD_CLOEXEC 1

#include <linux/fcntl.h> /* AT_FDCWD and the AT_* flags, shared with the kernel */

int open(const char *path, int flags, ...); /* the mode argument is read only with O_CREAT */
int openat(int dirfd, const char *path, int flags, ...); /* relative to dirfd, or AT_FDCWD */
int fcntl(int fd, int cmd, ...); /* cmd's argument, if any, is an int */
int creat(const char *path, mode_t mode);

#endif
