/*
 * sys/mount.h: mount(). kspace has no mount system call (its /proc is always there);
 * Linux needs one to show /proc, so the programs that read /proc ask for it.
 */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	  const void *data);

#endif
