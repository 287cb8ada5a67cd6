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

#include <linux/fcntl.h> /* AT_FDCWD and the AT_* flags, shared with the kernel */

int open(const char *path, int flags, ...); /* the mode argument is read only with O_CREAT */
int openat(int dirfd, const char *path, int flags, ...); /* relative to dirfd, or AT_FDCWD */
int creat(const char *path, mode_t mode);

#endif
