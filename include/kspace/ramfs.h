/*
 * ramfs (kernel/ramfs.c): the in-memory file system the initramfs is unpacked into.
 * A tree of inodes, each one directory entry: directories, regular files and
 * symbolic links. There are no hard links, so an inode has exactly one name and one
 * parent.
 *
 * Paths are resolved from a starting directory, as by the *at() system calls; a path
 * that starts with '/' is resolved from the root of the tree that directory is in.
 * Symbolic links are followed, at most MAXSYMLINKS of them per lookup. Functions
 * return 0 or a negative errno: -ENOENT, -ENOTDIR, -ENAMETOOLONG, -ELOOP, -EEXIST,
 * -EISDIR, -ENOMEM, -EFBIG. There is no locking: callers serialize.
 */
#ifndef KSPACE_RAMFS_H
#define KSPACE_RAMFS_H

#include <kspace/list.h>
#include <kspace/stat.h>
#include <kspace/types.h>

#define RAMFS_NAME_MAX 255 /* bytes in one path component (Linux's NAME_MAX) */
#define PATH_MAX 4096      /* bytes in a path, its NUL included (Linux's limits.h) */
#define MAXSYMLINKS 40     /* symlinks one lookup may follow before -ELOOP */

struct ramfs_inode {
	char name[RAMFS_NAME_MAX + 1]; /* "" for the root of a tree */
	umode_t mode;                  /* S_IFDIR, S_IFREG or S_IFLNK, and permission bits */
	u32 uid, gid;
	u32 mtime;                     /* seconds since the epoch */
	u32 nlink;                     /* 2 + subdirectories for a directory, else 1 */
	unsigned long ino;             /* unique, never reused */
	unsigned long size;            /* file: bytes of data; symlink: target length; dir: 0 */
	void *data;                    /* file: vmalloc'd contents; symlink: kmalloc'd target
					  with a NUL; NULL when size is 0 */
	struct ramfs_inode *parent;    /* the root of a tree is its own parent */
	struct list_head children;     /* a directory's entries, sorted by name */
	struct list_head sibling;      /* in the parent's children */
};

/* ramfs_lookup_at() flags. */
#define RAMFS_LOOKUP_NOFOLLOW 0x1 /* a symlink as the last component is the result */

/* Create "/" (mode 0755, owned by root). */
void ramfs_init(void);
struct ramfs_inode *ramfs_root(void);

/* Resolve path from /, following every symlink. */
int ramfs_lookup(const char *path, struct ramfs_inode **out);
int ramfs_lookup_at(struct ramfs_inode *dir, const char *path, unsigned int flags,
		    struct ramfs_inode **out);

/*
 * Create a directory, a regular file holding a copy of data[0..size), or a symlink
 * to target. mode gives the permission bits (S_IALLUGO); uid, gid and mtime start
 * at 0 for the caller to set. The parent must exist; out, if not NULL, receives the
 * new inode.
 */
int ramfs_mkdir(struct ramfs_inode *dir, const char *path, umode_t mode, struct ramfs_inode **out);
int ramfs_create(struct ramfs_inode *dir, const char *path, umode_t mode, const void *data,
		 unsigned long size, struct ramfs_inode **out);
int ramfs_symlink(struct ramfs_inode *dir, const char *path, const char *target,
		  struct ramfs_inode **out);

/*
 * Copy up to len bytes from offset off of a file or a symlink's target into buf.
 * Returns the number copied (0 at or past the end), or -EISDIR.
 */
long ramfs_read(struct ramfs_inode *inode, unsigned long off, void *buf, unsigned long len);

/*
 * The index'th entry of dir in name order, or NULL past the last one ("." and ".."
 * are not entries). Indexes are stable while the directory does not change, which
 * is what getdents64 needs to resume from a file offset.
 */
struct ramfs_inode *ramfs_child_at(struct ramfs_inode *dir, unsigned long index);

/* Unlink inode and free it with everything under it. Not the root of the file system. */
void ramfs_remove_tree(struct ramfs_inode *inode);

/*
 * Staging, for an all-or-nothing unpack: build a detached tree, then graft it.
 * ramfs_new_tree() returns an empty directory (0755) that is the root of its own
 * tree, or NULL. ramfs_graft() merges tree into the directory dst: a directory both
 * have is merged (dst's keeps its attributes), every other entry moves over, and what
 * is left of tree is freed. If a name in tree is taken in dst by anything but two
 * directories, it returns -EEXIST and changes nothing.
 */
struct ramfs_inode *ramfs_new_tree(void);
int ramfs_graft(struct ramfs_inode *dst, struct ramfs_inode *tree);

#endif
