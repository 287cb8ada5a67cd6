/*
 * ramfs (kernel/fs/ramfs.c): the in-memory file system the initramfs is unpacked into,
 * and that programs then change. As in Linux, a name and a file are two things: a
 * directory holds ramfs_dentry entries (a name and the inode it names), and an inode
 * holds what the file is (type, owner, times, data). A regular file may have several
 * names (hard links, counted in nlink); a directory has exactly one, so it knows its
 * parent. An inode whose last name is gone lives on while it is open or mapped
 * (count), as an unlinked file does on Linux.
 *
 * Paths are resolved from a starting directory, as by the *at() system calls; a path
 * that starts with '/' is resolved from the root of the tree that directory is in.
 * Symbolic links are followed, at most MAXSYMLINKS of them per lookup. A directory
 * marked as a mount point (/proc) ends the walk: what is left of the path is handed
 * back for the file system mounted there. Functions return 0 or a negative errno:
 * -ENOENT, -ENOTDIR, -ENAMETOOLONG, -ELOOP, -EEXIST, -EISDIR, -EACCES, -ENOMEM,
 * -EFBIG.
 *
 * Several CPUs use the tree at once: the locks, their order and what each guards are
 * described at the top of kernel/fs/ramfs.c. In short, as Linux's VFS: a directory's
 * i_mutex is held to change its names, a file's to change its data; walks take no
 * mutex, only dcache_lock, under which the tree's links change, and a reference
 * (count) on the inode they return. Functions marked "alone" are for a tree no other
 * task can reach yet (the boot, before user space; the host tests).
 */
#ifndef KSPACE_RAMFS_H
#define KSPACE_RAMFS_H

#include <kspace/cred.h>
#include <kspace/list.h>
#include <kspace/mutex.h>
#include <kspace/spinlock.h>
#include <kspace/stat.h>
#include <kspace/timer.h>
#include <kspace/types.h>

#define RAMFS_NAME_MAX 255 /* bytes in one path component (Linux's NAME_MAX) */
#define PATH_MAX 4096      /* bytes in a path, its NUL included (Linux's limits.h) */
#define MAXSYMLINKS 40     /* symlinks one lookup may follow before -ELOOP */

/* Linux's MAX_LFS_FILESIZE on 32 bits: what a 32-bit page index can reach. */
#define RAMFS_MAX_FILESIZE ((loff_t)0xffffffffUL << 12)

struct page;

struct ramfs_inode {
	umode_t mode;                 /* S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR ... and permissions */
	u32 uid, gid;
	struct timespec64 atime, mtime, ctime;
	u32 nlink;                    /* names; a directory: 2 + subdirectories, 0 once removed */
	unsigned long ino;            /* unique, never reused */
	loff_t size;                  /* file: bytes of data; symlink: target length; dir: 0 */
	u32 rdev;                     /* a device node's number: major << 8 | minor */
	int count;                    /* open files, mapped regions and walks holding it */
	struct mutex i_mutex;         /* dir: held to change its names; file: its data and size */
	spinlock_t i_lock;            /* pages[], nr_pages, size and the times, for their readers */
	unsigned char mounted;        /* RAMFS_MOUNT_*: a file system is mounted on this directory */
	struct page **pages;          /* file: page i holds bytes [i, i + 1) * PAGE_SIZE; NULL: zeros */
	unsigned long nr_pages;       /* slots in pages[] */
	char *target;                 /* symlink: its text, with a NUL */
	struct ramfs_inode *parent;   /* directory: the one it is in (the root of a tree: itself) */
	struct list_head children;    /* directory: its entries, sorted by name */
	struct list_head aliases;     /* its names (ramfs_dentry.alias) */
};

/* Allocated as long as its name needs: most names are short, NAME_MAX is 255. */
struct ramfs_dentry {
	struct ramfs_inode *inode;
	struct ramfs_inode *dir;    /* the directory the name is in */
	struct list_head sibling;   /* in dir->children */
	struct list_head alias;     /* in inode->aliases */
	size_t name_size;           /* bytes name[] has room for */
	char name[];
};

#define RAMFS_MOUNT_PROC 1

/* ramfs_walk() flags. */
#define RAMFS_LOOKUP_NOFOLLOW 0x1 /* a symlink as the last component is the result */
#define RAMFS_LOOKUP_PARENT 0x2   /* stop at the last component's directory */

/* Permission masks for ramfs_permission (Linux's MAY_*). */
#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4

/*
 * What a walk found. inode is the result (with RAMFS_LOOKUP_PARENT: the directory of
 * the last component, which is last[0..last_len), "" for "/"; slash says the path
 * ended in '/'). If the walk entered a mount point, inode is that directory and
 * mnt_rest (kmalloc'd, the caller frees it) holds what the path says beneath it, ""
 * or "/...".
 */
struct nameidata {
	struct ramfs_inode *inode;
	const char *last;
	size_t last_len;
	bool slash;
	char *mnt_rest;
};

/* Create "/" (mode 0755, owned by root). */
void ramfs_init(void);
struct ramfs_inode *ramfs_root(void);

/*
 * Resolve path from dir (kernel/fs/ramfs_walk.c); cred, if not NULL, must have search
 * permission in every directory passed (-EACCES). On success nd->inode holds a
 * reference, which the caller drops with ramfs_iput.
 */
int ramfs_walk(struct ramfs_inode *dir, const char *path, unsigned int flags,
	       const struct cred *cred, struct nameidata *nd);
/* The same, from / or dir, following every symlink: *out with a reference. */
int ramfs_lookup_get(struct ramfs_inode *dir, const char *path, unsigned int flags,
		     struct ramfs_inode **out);
/* Alone: the same, without the reference. */
int ramfs_lookup(const char *path, struct ramfs_inode **out);
int ramfs_lookup_at(struct ramfs_inode *dir, const char *path, unsigned int flags,
		    struct ramfs_inode **out);

/*
 * The tree's links (see kernel/fs/ramfs.c). A walk holds it throughout: no entry it
 * passes can be dropped meanwhile, so no inode it passes can be freed.
 */
extern spinlock_t dcache_lock;

/* Whether cred may do mask (MAY_*) to inode: 0 or -EACCES. Root passes all but exec
 * of a file no one may execute. */
int ramfs_permission(const struct ramfs_inode *inode, const struct cred *cred, int mask);

/*
 * Create a directory, a regular file holding a copy of data[0..size), or a symlink
 * to target. mode gives the permission bits (S_IALLUGO); uid, gid and times start
 * at 0 for the caller to set. The parent must exist; out, if not NULL, receives the
 * new inode (alone: it holds no reference).
 */
int ramfs_mkdir(struct ramfs_inode *dir, const char *path, umode_t mode, struct ramfs_inode **out);
int ramfs_create(struct ramfs_inode *dir, const char *path, umode_t mode, const void *data,
		 unsigned long size, struct ramfs_inode **out);
int ramfs_symlink(struct ramfs_inode *dir, const char *path, const char *target,
		  struct ramfs_inode **out);

/*
 * A new inode of type and permissions mode (rdev for a device node, a copy of target
 * for a symlink), or NULL: no one can see it until ramfs_instantiate names it, so the
 * caller sets its owner and times first (Linux's new_inode and d_instantiate). The
 * name (len <= RAMFS_NAME_MAX, not "." or "..") must be free in dir, whose i_mutex
 * the caller holds; on -ENOMEM the new inode is freed.
 */
struct ramfs_inode *ramfs_new_inode(umode_t mode, u32 rdev, const char *target);
int ramfs_instantiate(struct ramfs_inode *dir, const char *name, size_t len,
		      struct ramfs_inode *inode);
/* A new name for a non-directory (nlink + 1); -ENOENT if its last name went meanwhile. */
int ramfs_link(struct ramfs_inode *dir, const char *name, size_t len, struct ramfs_inode *inode);

/* The entry of dir called name[0..len), or NULL: dir->i_mutex or dcache_lock held, or alone. */
struct ramfs_dentry *ramfs_find(struct ramfs_inode *dir, const char *name, size_t len);

/*
 * Remove the name d, with its directory's i_mutex held (a directory must be empty:
 * the caller checks, holding its i_mutex too). The inode is freed with its last name
 * unless it is open, mapped or walked: then with its last user.
 */
void ramfs_unlink(struct ramfs_dentry *d);

/*
 * Give d's inode the name newname in newdir, replacing what target names there (NULL:
 * the name is free; the caller has checked the replacement is allowed), in one step
 * for walks. Both directories' i_mutex held (ramfs_lock_rename). A name longer than
 * d has room for takes a new entry (d is freed): -ENOMEM changes nothing. A name no
 * longer than d's needs no memory. ramfs_exchange swaps two names the same way.
 */
int ramfs_rename(struct ramfs_dentry *d, struct ramfs_inode *newdir, const char *name,
		 size_t len, struct ramfs_dentry *target);
int ramfs_exchange(struct ramfs_dentry *a, struct ramfs_dentry *b);

/*
 * Lock the two directories of a rename, as Linux's lock_rename: one if they are the
 * same; else s_vfs_rename_mutex, then an ancestor before its descendant. Returns
 * whichever of the two is an ancestor of the other, or NULL.
 */
struct ramfs_inode *ramfs_lock_rename(struct ramfs_inode *p1, struct ramfs_inode *p2);
void ramfs_unlock_rename(struct ramfs_inode *p1, struct ramfs_inode *p2);

/* Whether a is b or a directory inside b (rename must not move a directory into itself). */
bool ramfs_is_ancestor(const struct ramfs_inode *b, const struct ramfs_inode *a);

/* A directory's names or a file's data are about to change (Linux's inode_lock). */
static inline void inode_lock(struct ramfs_inode *inode)
{
	mutex_lock(&inode->i_mutex);
}

static inline void inode_unlock(struct ramfs_inode *inode)
{
	mutex_unlock(&inode->i_mutex);
}

/* An open file, a mapped region or a walk takes a reference; the last one frees an unlinked inode. */
void ramfs_iget(struct ramfs_inode *inode);
void ramfs_iput(struct ramfs_inode *inode);

/* A regular file's size, whole: a loff_t is two words that a writer changes in turn. */
static inline loff_t i_size_read(struct ramfs_inode *inode)
{
	loff_t size;

	spin_lock(&inode->i_lock);
	size = inode->size;
	spin_unlock(&inode->i_lock);
	return size;
}

/* Set a regular file's size (i_mutex held): pages past it are freed, new bytes read as zero. */
int ramfs_truncate(struct ramfs_inode *inode, loff_t size);

/*
 * Copy up to len bytes from offset off of a file or a symlink's target into buf.
 * Returns the number copied (0 at or past the end), or -EISDIR.
 */
long ramfs_read(struct ramfs_inode *inode, unsigned long off, void *buf, unsigned long len);

/* Alone: the index'th entry of dir in name order, or NULL past the last one. */
struct ramfs_dentry *ramfs_child_at(struct ramfs_inode *dir, unsigned long index);

/* What getdents64 reports of one entry, copied out under dcache_lock. */
struct ramfs_dirent {
	unsigned long ino;
	umode_t mode;
	char name[RAMFS_NAME_MAX + 1];
};

/*
 * The entry of dir whose name sorts next after after, or with after NULL its index'th
 * ("." and ".." are not entries): false past the last. Names are sorted and unique,
 * so resuming after the last name read returns each entry that stays once, whatever
 * other CPUs add or remove meanwhile (Linux's dcache_readdir keeps a cursor for that).
 */
bool ramfs_readdir(struct ramfs_inode *dir, const char *after, unsigned long index,
		   struct ramfs_dirent *out);
unsigned long ramfs_parent_ino(struct ramfs_inode *dir); /* ".." */

/* A name of inode (its first), or NULL once it has none: alone (see ramfs_has_name). */
struct ramfs_dentry *ramfs_first_alias(const struct ramfs_inode *inode);
bool ramfs_has_name(const struct ramfs_inode *inode); /* at this instant */

/*
 * inode's path from the root of its tree, by first names (Linux's d_path): written at
 * the end of buf[0..size), returning where it starts, or NULL if it does not fit; ""
 * for an inode without a name (the root of a tree, or one whose names are all gone).
 */
char *ramfs_d_path(const struct ramfs_inode *inode, char *buf, size_t size);

/* Remove inode, which has one name, with everything under it. Not the root. */
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

/*
 * A regular file's pages (mm/filemap.c; on the host, tests/host/stub_filemap.c):
 * copies between kernel buffers and the file, growing it, and freeing pages.
 * filemap_write returns the bytes written or -ENOMEM; filemap_truncate frees the
 * pages past size and zeroes the tail of the last one. Both with i_mutex held (or on
 * a file no one else can reach); filemap_read needs no lock.
 */
long filemap_read(struct ramfs_inode *inode, loff_t off, void *buf, unsigned long len);
long filemap_write(struct ramfs_inode *inode, loff_t off, const void *buf, unsigned long len);
void filemap_truncate(struct ramfs_inode *inode, loff_t size);

#endif
