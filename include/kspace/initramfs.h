/* The initramfs (kernel/initramfs.c): a cpio archive GRUB loads, unpacked into ramfs. */
#ifndef KSPACE_INITRAMFS_H
#define KSPACE_INITRAMFS_H

/*
 * Unpack the "newc" cpio archive buf[0..len) into /, all or nothing. Returns 0, or
 * after one KERN_ERR line saying where and what: -EINVAL for a malformed archive,
 * -EEXIST if it clashes with what / already holds, -ENOMEM. ramfs_init() comes first.
 */
int unpack_initramfs(const void *buf, unsigned long len);

#endif
