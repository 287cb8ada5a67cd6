/*
 * Mounts (kernel/fs/namespace.c): what mount(2) recorded, for /proc/mounts, umount2 and
 * statfs. kspace has one tree, the initramfs's ramfs, with /proc built in: a mount
 * names a file system type for a directory, and the files under it stay those of the
 * tree (so a tmpfs mounted on /tmp shows what /tmp held). The root is "rootfs".
 */
#ifndef KSPACE_MOUNT_H
#define KSPACE_MOUNT_H

#include <kspace/list.h>

/* mount(2) flags (Linux's uapi/linux/mount.h) */
#define MS_RDONLY 1
#define MS_NOSUID 2
#define MS_NODEV 4
#define MS_NOEXEC 8
#define MS_SYNCHRONOUS 16
#define MS_REMOUNT 32
#define MS_MANDLOCK 64
#define MS_DIRSYNC 128
#define MS_NOSYMFOLLOW 256
#define MS_NOATIME 1024
#define MS_NODIRATIME 2048
#define MS_BIND 4096
#define MS_MOVE 8192
#define MS_REC 16384
#define MS_SILENT 32768
#define MS_UNBINDABLE (1 << 17)
#define MS_PRIVATE (1 << 18)
#define MS_SLAVE (1 << 19)
#define MS_SHARED (1 << 20)
#define MS_RELATIME (1 << 21)
#define MS_STRICTATIME (1 << 24)
#define MS_LAZYTIME (1 << 25)
#define MS_NOUSER (1U << 31)
#define MS_MGC_VAL 0xC0ED0000 /* old magic in the high half of flags: ignored */
#define MS_MGC_MSK 0xffff0000

/* umount2(2) flags */
#define MNT_FORCE 1
#define MNT_DETACH 2
#define MNT_EXPIRE 4
#define UMOUNT_NOFOLLOW 8

/* Per-mount flags, as Linux keeps them apart from the superblock's (MNT_*). */
#define MNT_NOSUID 0x01
#define MNT_NODEV 0x02
#define MNT_NOEXEC 0x04
#define MNT_NOATIME 0x08
#define MNT_NODIRATIME 0x10
#define MNT_RELATIME 0x20
#define MNT_READONLY 0x40
#define MNT_NOSYMFOLLOW 0x80

struct file_system_type {
	const char *name;
	unsigned long magic; /* statfs's f_type */
	bool sized;          /* tmpfs-like: statfs reports a size (half of RAM, as tmpfs's default) */
};

struct vfsmount {
	struct list_head list;  /* in mount order */
	char *devname;          /* mount's source string, NULL for none */
	char *mountpoint;       /* a canonical path */
	const struct file_system_type *type;
	unsigned int mnt_flags; /* MNT_* */
	bool sync;              /* MS_SYNCHRONOUS, a superblock flag */
	bool expiry_mark;       /* umount2(MNT_EXPIRE) marked it once */
};

/* The mount a canonical path is on: the last one mounted on its longest mounted prefix. */
const struct vfsmount *lookup_mnt(const char *canon);

#endif
