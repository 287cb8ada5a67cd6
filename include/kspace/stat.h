/*
 * File types and permission bits in an inode's mode: the values user space sees are in
 * <uapi/linux/stat.h>; here is what only the kernel uses.
 */
#ifndef KSPACE_STAT_H
#define KSPACE_STAT_H

#include <uapi/linux/stat.h>

typedef unsigned short umode_t;

#define S_IRWXUGO (S_IRWXU | S_IRWXG | S_IRWXO)
#define S_IALLUGO (S_ISUID | S_ISGID | S_ISVTX | S_IRWXUGO) /* everything chmod can set */

#endif
