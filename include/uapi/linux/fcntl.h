/*
 * include/uapi/linux/fcntl.h: the *at() system calls' special values (Linux's
 * <linux/fcntl.h>): AT_FDCWD names the working directory instead of a descriptor, and
 * the flags say how the last component of the path is treated.
 */
#ifndef _UAPI_LINUX_FCNTL_H
#define _UAPI_LINUX_FCNTL_H

#define AT_FDCWD -100               /* relative paths start at the working directory */
#define AT_SYMLINK_NOFOLLOW 0x100   /* a symlink as the last component is itself the answer */
#define AT_REMOVEDIR 0x200          /* unlinkat: remove a directory, as rmdir */
#define AT_EACCESS 0x200            /* faccessat: check with the effective ids */
#define AT_SYMLINK_FOLLOW 0x400     /* linkat: a symlink as the old name is followed */
#define AT_NO_AUTOMOUNT 0x800       /* accepted: kspace mounts nothing on demand */
#define AT_EMPTY_PATH 0x1000        /* "" names the descriptor itself */

#endif
