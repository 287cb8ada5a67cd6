/* sys/types.h: the scalar types of the Linux i386 ABI, sized as glibc sizes them. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>

typedef int ssize_t; /* signed size_t: int on i386 */
typedef int pid_t;
typedef unsigned int uid_t; /* 32 bits: libc uses the uid32 system calls */
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef unsigned long long dev_t; /* glibc's width; mknod passes the low 32 bits */
typedef long off_t; /* lseek's 32-bit offset */
typedef long long off64_t;
typedef unsigned long long ino64_t;
typedef long time_t;
typedef long suseconds_t;
typedef long clock_t;
typedef int clockid_t;

#endif
