/*
 * kernel/fs/ramfs_walk.c: path walks in the ramfs tree (see ramfs.h), as Linux's
 * link_path_walk: from a starting directory, one component at a time, following
 * symlinks, checking search permission, stopping at a mount point. Walks are loops,
 * not recursion: a PATH_MAX path can be 2048 directories deep, far more frames than
 * a kernel stack holds. Only symlink resolution recurses, at most MAXSYMLINKS deep.
 *
 * A walk takes no mutex: it holds dcache_lock from its first step to its last, and
 * takes a reference only on the inode it returns (a simplified form of Linux's
 * RCU-walk). An unlink or rename must take dcache_lock to drop an entry, and an inode
 * is freed only after its last entry is dropped, so nothing the walk passes, nor the
 * symlink whose text it is reading, can go away under it. The starting directory is
 * the caller's, held by it. One reference at the end costs less than one taken and
 * dropped at every step.
 */
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/string.h>

#define WALK_MOUNT 1 /* walk(): the path entered a mount point; rest in w->mnt_rest */

/* One walk: the symlinks it followed, whose permissions count, what a mount point left. */
struct walk {
	int links;
	const struct cred *cred;
	char *mnt_rest;
};

/* Append "/" and path[0..len) to w->mnt_rest, if len: what follows a mount point. */
static int append_rest(struct walk *w, const char *path, size_t len)
{
	size_t have = strlen(w->mnt_rest);

	while (len && *path == '/')
		path++, len--;
	if (!len)
		return 0;
	if (have + 1 + len >= PATH_MAX)
		return -ENAMETOOLONG;
	w->mnt_rest[have] = '/';
	memcpy(w->mnt_rest + have + 1, path, len);
	w->mnt_rest[have + 1 + len] = '\0';
	return 0;
}

/* Under dcache_lock: GFP_ATOMIC, which may not sleep (only /proc's walks get here). */
static int enter_mount(struct walk *w, const char *rest, size_t len)
{
	w->mnt_rest = kmalloc(PATH_MAX, GFP_ATOMIC);
	if (!w->mnt_rest)
		return -ENOMEM;
	w->mnt_rest[0] = '\0';
	return append_rest(w, rest, len) ?: WALK_MOUNT;
}

static struct ramfs_inode *tree_root(struct ramfs_inode *inode)
{
	while (inode->parent != inode)
		inode = inode->parent;
	return inode;
}

/* The inode one component names in node, checked as Linux's walk does. */
static int step(struct walk *w, struct ramfs_inode *node, const char *name, size_t n,
		struct ramfs_inode **child)
{
	struct ramfs_dentry *d;
	int err;

	if (!S_ISDIR(node->mode))
		return -ENOTDIR;
	if (w->cred && (err = ramfs_permission(node, w->cred, MAY_EXEC)))
		return err;
	if (n > RAMFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (n == 1 && name[0] == '.') {
		*child = node;
	} else if (n == 2 && name[0] == '.' && name[1] == '.') {
		*child = node->parent; /* the root's parent is itself */
	} else {
		d = ramfs_find(node, name, n);
		if (!d)
			return -ENOENT; /* a removed directory has no entries */
		*child = d->inode;
	}
	return 0;
}

/*
 * Resolve path[0..len) from dir, dcache_lock held. Symlinks are followed in every
 * component that a slash follows, and in the last one if follow is set. On 0 or
 * WALK_MOUNT, *out is the result, which no one can free until the lock goes.
 */
static int walk(struct walk *w, struct ramfs_inode *dir, const char *path, size_t len, bool follow,
		struct ramfs_inode **out)
{
	struct ramfs_inode *node = dir, *child;
	size_t i = 0, n;
	int err = 0;

	if (len && path[0] == '/')
		node = tree_root(dir);
	for (;;) {
		while (i < len && path[i] == '/')
			i++;
		if (i == len)
			break;
		for (n = 0; i + n < len && path[i + n] != '/'; n++)
			;
		err = step(w, node, path + i, n, &child);
		if (err)
			break;
		i += n;
		if (S_ISLNK(child->mode) && (i < len || follow)) {
			err = ++w->links > MAXSYMLINKS
				      ? -ELOOP
				      : walk(w, node, child->target, child->size, true, &child);
			if (err == WALK_MOUNT) {
				node = child;
				err = append_rest(w, path + i, len - i) ?: WALK_MOUNT;
			}
			if (err)
				break;
		}
		node = child;
		if (node->mounted) {
			err = enter_mount(w, path + i, len - i);
			break;
		}
	}
	/* "file/" names a directory that is not there. */
	if (!err && len && path[len - 1] == '/' && !S_ISDIR(node->mode))
		err = -ENOTDIR;
	if (err && err != WALK_MOUNT)
		return err;
	*out = node;
	return err;
}

/* The last component's directory must be one the caller may search. */
static int check_parent(struct walk *w, struct nameidata *nd)
{
	int err;

	if (!S_ISDIR(nd->inode->mode))
		return -ENOTDIR;
	if (w->cred && (err = ramfs_permission(nd->inode, w->cred, MAY_EXEC)))
		return err;
	return nd->last_len > RAMFS_NAME_MAX ? -ENAMETOOLONG : 0;
}

/* RAMFS_LOOKUP_PARENT: walk to the directory of the last component and check it. */
static int walk_parent(struct walk *w, struct ramfs_inode *dir, const char *path, size_t len,
		       struct nameidata *nd)
{
	size_t end, begin;
	int err;

	for (end = len; end && path[end - 1] == '/'; end--)
		;
	for (begin = end; begin && path[begin - 1] != '/'; begin--)
		;
	nd->last = path + begin;
	nd->last_len = end - begin;
	nd->slash = end < len;
	err = walk(w, dir, path, begin, true, &nd->inode);
	if (err && err != WALK_MOUNT)
		return err;
	if (err == WALK_MOUNT)
		return append_rest(w, path + begin, len - begin) ?: WALK_MOUNT;
	return nd->last_len ? check_parent(w, nd) : 0;
}

int ramfs_walk(struct ramfs_inode *dir, const char *path, unsigned int flags,
	       const struct cred *cred, struct nameidata *nd)
{
	size_t len = strnlen(path, PATH_MAX);
	struct walk w = { .cred = cred };
	int err;

	nd->mnt_rest = NULL;
	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	spin_lock(&dcache_lock);
	if (flags & RAMFS_LOOKUP_PARENT)
		err = walk_parent(&w, dir, path, len, nd);
	else
		err = walk(&w, dir, path, len, !(flags & RAMFS_LOOKUP_NOFOLLOW), &nd->inode);
	if (!err || err == WALK_MOUNT)
		ramfs_iget(nd->inode); /* before the lock goes: then an unlink could free it */
	spin_unlock(&dcache_lock);
	if (err == WALK_MOUNT) {
		nd->mnt_rest = w.mnt_rest;
		return 0;
	}
	kfree(w.mnt_rest);
	return err;
}

int ramfs_lookup_get(struct ramfs_inode *dir, const char *path, unsigned int flags,
		     struct ramfs_inode **out)
{
	struct nameidata nd;
	int err = ramfs_walk(dir, path, flags, NULL, &nd);

	kfree(nd.mnt_rest);
	if (!err)
		*out = nd.inode;
	return err;
}

int ramfs_lookup_at(struct ramfs_inode *dir, const char *path, unsigned int flags,
		    struct ramfs_inode **out)
{
	int err = ramfs_lookup_get(dir, path, flags, out);

	if (!err)
		ramfs_iput(*out); /* alone: the tree keeps it */
	return err;
}

int ramfs_lookup(const char *path, struct ramfs_inode **out)
{
	return ramfs_lookup_at(ramfs_root(), path, 0, out);
}
