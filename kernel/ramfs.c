/*
 * kernel/ramfs.c: the in-memory file system (see ramfs.h): inodes and the directory
 * entries naming them, path walks, and the changes programs make to the tree. Inodes
 * and entries come from kmalloc; a file's data lives in pages that mm/filemap.c
 * manages. Walks over a tree are loops, not recursion: a PATH_MAX path can be 2048
 * directories deep, far more frames than a kernel stack holds. Only symlink
 * resolution recurses, at most MAXSYMLINKS deep.
 */
#include <kspace/bug.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/spinlock.h>
#include <kspace/string.h>

#define WALK_MOUNT 1 /* walk(): the path entered a mount point; rest in w->mnt_rest */

static struct ramfs_inode *root;
static unsigned long next_ino = 1;
/*
 * Every inode's count and nlink, and next_ino: files are opened, closed and unlinked
 * on several CPUs at once, and an inode is freed by whichever sees both reach zero.
 * The names and directories themselves have no lock yet: see the issue 14 notes.
 */
static DEFINE_SPINLOCK(inode_count_lock);

static struct ramfs_inode *alloc_inode(umode_t mode)
{
	struct ramfs_inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->mode = mode;
	inode->nlink = S_ISDIR(mode) ? 2 : 1;
	spin_lock(&inode_count_lock);
	inode->ino = next_ino++;
	spin_unlock(&inode_count_lock);
	inode->parent = inode;
	INIT_LIST_HEAD(&inode->children);
	INIT_LIST_HEAD(&inode->aliases);
	return inode;
}

static void free_inode(struct ramfs_inode *inode)
{
	if (S_ISREG(inode->mode))
		filemap_truncate(inode, 0);
	kfree(inode->pages);
	kfree(inode->target);
	kfree(inode);
}

void ramfs_iget(struct ramfs_inode *inode)
{
	spin_lock(&inode_count_lock);
	inode->count++;
	spin_unlock(&inode_count_lock);
}

void ramfs_iput(struct ramfs_inode *inode)
{
	bool last;

	spin_lock(&inode_count_lock);
	BUG_ON(inode->count <= 0);
	last = !--inode->count && !inode->nlink;
	spin_unlock(&inode_count_lock);
	if (last)
		free_inode(inode);
}

/* Put d in dir, keeping dir's entries sorted by name. */
static void d_insert(struct ramfs_inode *dir, struct ramfs_dentry *d)
{
	struct list_head *pos;

	list_for_each(pos, &dir->children)
		if (strcmp(list_entry(pos, struct ramfs_dentry, sibling)->name, d->name) > 0)
			break;
	list_add_tail(&d->sibling, pos); /* before pos */
	d->dir = dir;
	if (S_ISDIR(d->inode->mode)) {
		d->inode->parent = dir;
		dir->nlink++;
	}
}

/* Take d out of its directory (not off its inode). */
static void d_unhash(struct ramfs_dentry *d)
{
	if (S_ISDIR(d->inode->mode)) {
		d->dir->nlink--;
		d->inode->parent = d->inode;
	}
	list_del(&d->sibling);
}

/* A new entry name[0..len) in dir for inode. */
static struct ramfs_dentry *d_add(struct ramfs_inode *dir, const char *name, size_t len,
				  struct ramfs_inode *inode)
{
	struct ramfs_dentry *d = kmalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->inode = inode;
	list_add_tail(&d->alias, &inode->aliases);
	d_insert(dir, d);
	return d;
}

struct ramfs_dentry *ramfs_find(struct ramfs_inode *dir, const char *name, size_t len)
{
	struct ramfs_dentry *d;

	list_for_each_entry(d, &dir->children, sibling)
		if (!strncmp(d->name, name, len) && d->name[len] == '\0')
			return d;
	return NULL;
}

struct ramfs_dentry *ramfs_first_alias(const struct ramfs_inode *inode)
{
	return list_empty(&inode->aliases) ? NULL
					   : list_first_entry(&inode->aliases, struct ramfs_dentry, alias);
}

static struct ramfs_inode *tree_root(struct ramfs_inode *inode)
{
	while (inode->parent != inode)
		inode = inode->parent;
	return inode;
}

static bool is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

static bool in_group(const struct cred *cred, u32 gid)
{
	if (cred->fsgid == gid)
		return true;
	for (int i = 0; i < cred->ngroups; i++)
		if (cred->groups[i] == gid)
			return true;
	return false;
}

int ramfs_permission(const struct ramfs_inode *inode, const struct cred *cred, int mask)
{
	umode_t mode = inode->mode;

	if (cred->fsuid == 0) /* CAP_DAC_OVERRIDE: exec still needs an x bit on a file */
		return !(mask & MAY_EXEC) || S_ISDIR(mode) || (mode & 0111) ? 0 : -EACCES;
	if (cred->fsuid == inode->uid)
		mode >>= 6;
	else if (in_group(cred, inode->gid))
		mode >>= 3;
	return mask & ~mode & 7 ? -EACCES : 0;
}

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

static int enter_mount(struct walk *w, const char *rest, size_t len)
{
	w->mnt_rest = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!w->mnt_rest)
		return -ENOMEM;
	w->mnt_rest[0] = '\0';
	return append_rest(w, rest, len) ?: WALK_MOUNT;
}

/* The directory's entry for one component, checked as Linux's link_path_walk does. */
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
	if (n == 1 && name[0] == '.')
		*child = node;
	else if (n == 2 && name[0] == '.' && name[1] == '.')
		*child = node->parent; /* the root's parent is itself */
	else if (!node->nlink || !(d = ramfs_find(node, name, n)))
		return -ENOENT; /* a removed directory has no entries */
	else
		*child = d->inode;
	return 0;
}

/*
 * Resolve path[0..len) from dir. Symlinks are followed in every component that a
 * slash follows, and in the last one if follow is set.
 */
static int walk(struct walk *w, struct ramfs_inode *dir, const char *path, size_t len, bool follow,
		struct ramfs_inode **out)
{
	struct ramfs_inode *node = dir, *child;
	size_t i = 0, n;
	int err;

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
			return err;
		i += n;
		if (S_ISLNK(child->mode) && (i < len || follow)) {
			if (++w->links > MAXSYMLINKS)
				return -ELOOP;
			err = walk(w, node, child->target, child->size, true, &child);
			if (err == WALK_MOUNT) {
				*out = child;
				return append_rest(w, path + i, len - i) ?: WALK_MOUNT;
			}
			if (err)
				return err;
		}
		node = child;
		if (node->mounted) {
			*out = node;
			return enter_mount(w, path + i, len - i);
		}
	}
	/* "file/" names a directory that is not there. */
	if (len && path[len - 1] == '/' && !S_ISDIR(node->mode))
		return -ENOTDIR;
	*out = node;
	return 0;
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
	if (err == WALK_MOUNT)
		return append_rest(w, path + begin, len - begin) ?: WALK_MOUNT;
	if (err || !nd->last_len)
		return err;
	if (!S_ISDIR(nd->inode->mode))
		return -ENOTDIR;
	if (w->cred && (err = ramfs_permission(nd->inode, w->cred, MAY_EXEC)))
		return err;
	return nd->last_len > RAMFS_NAME_MAX ? -ENAMETOOLONG : 0;
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
	if (flags & RAMFS_LOOKUP_PARENT)
		err = walk_parent(&w, dir, path, len, nd);
	else
		err = walk(&w, dir, path, len, !(flags & RAMFS_LOOKUP_NOFOLLOW), &nd->inode);
	if (err == WALK_MOUNT) {
		nd->mnt_rest = w.mnt_rest;
		return 0;
	}
	kfree(w.mnt_rest);
	return err;
}

int ramfs_lookup_at(struct ramfs_inode *dir, const char *path, unsigned int flags,
		    struct ramfs_inode **out)
{
	struct nameidata nd;
	int err = ramfs_walk(dir, path, flags, NULL, &nd);

	kfree(nd.mnt_rest);
	if (!err)
		*out = nd.inode;
	return err;
}

int ramfs_lookup(const char *path, struct ramfs_inode **out)
{
	return ramfs_lookup_at(root, path, 0, out);
}

int ramfs_new_inode(struct ramfs_inode *dir, const char *name, size_t len, umode_t mode, u32 rdev,
		    struct ramfs_inode **out)
{
	struct ramfs_inode *inode = alloc_inode(mode);

	if (!inode)
		return -ENOMEM;
	if (!d_add(dir, name, len, inode)) {
		kfree(inode);
		return -ENOMEM;
	}
	inode->rdev = rdev;
	if (out)
		*out = inode;
	return 0;
}

int ramfs_new_symlink(struct ramfs_inode *dir, const char *name, size_t len, const char *target,
		      struct ramfs_inode **out)
{
	size_t tlen = strlen(target);
	char *copy = kmalloc(tlen + 1, GFP_KERNEL);
	int err;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, tlen + 1);
	err = ramfs_new_inode(dir, name, len, S_IFLNK | S_IRWXUGO, 0, out);
	if (err) {
		kfree(copy);
		return err;
	}
	(*out)->target = copy;
	(*out)->size = tlen;
	return 0;
}

int ramfs_link(struct ramfs_inode *dir, const char *name, size_t len, struct ramfs_inode *inode)
{
	BUG_ON(S_ISDIR(inode->mode));
	if (!d_add(dir, name, len, inode))
		return -ENOMEM;
	spin_lock(&inode_count_lock);
	inode->nlink++;
	spin_unlock(&inode_count_lock);
	return 0;
}

void ramfs_unlink(struct ramfs_dentry *d)
{
	struct ramfs_inode *inode = d->inode;
	bool last;

	BUG_ON(S_ISDIR(inode->mode) && !list_empty(&inode->children));
	d_unhash(d);
	list_del(&d->alias);
	kfree(d);
	spin_lock(&inode_count_lock);
	inode->nlink = S_ISDIR(inode->mode) ? 0 : inode->nlink - 1;
	last = !inode->nlink && !inode->count;
	spin_unlock(&inode_count_lock);
	if (last)
		free_inode(inode);
}

bool ramfs_is_ancestor(const struct ramfs_inode *b, const struct ramfs_inode *a)
{
	for (;;) {
		if (a == b)
			return true;
		if (a->parent == a)
			return false;
		a = a->parent;
	}
}

void ramfs_rename(struct ramfs_dentry *d, struct ramfs_inode *newdir, const char *name, size_t len,
		  struct ramfs_dentry *target)
{
	d_unhash(d);
	memmove(d->name, name, len); /* name may be d->name itself */
	d->name[len] = '\0';
	if (target)
		ramfs_unlink(target);
	d_insert(newdir, d);
}

/* Where a new entry goes: its directory and its name, from the path being created. */
static int find_new_entry(struct ramfs_inode *start, const char *path, struct nameidata *nd)
{
	int err = ramfs_walk(start, path, RAMFS_LOOKUP_PARENT, NULL, nd);

	if (nd->mnt_rest) {
		kfree(nd->mnt_rest);
		return -EACCES;
	}
	if (err)
		return err;
	/* "/", "." and ".." always exist. */
	if (!nd->last_len || is_dot_or_dotdot(nd->last, nd->last_len) ||
	    ramfs_find(nd->inode, nd->last, nd->last_len))
		return -EEXIST;
	return 0;
}

int ramfs_mkdir(struct ramfs_inode *dir, const char *path, umode_t mode, struct ramfs_inode **out)
{
	struct nameidata nd;
	int err = find_new_entry(dir, path, &nd);

	if (err)
		return err;
	return ramfs_new_inode(nd.inode, nd.last, nd.last_len, S_IFDIR | (mode & S_IALLUGO), 0, out);
}

int ramfs_create(struct ramfs_inode *dir, const char *path, umode_t mode, const void *data,
		 unsigned long size, struct ramfs_inode **out)
{
	struct ramfs_inode *inode;
	struct nameidata nd;
	int err = find_new_entry(dir, path, &nd);

	if (err)
		return err;
	if (nd.slash)
		return -EISDIR;
	if (size > __LONG_MAX__) /* ramfs_read returns a long */
		return -EFBIG;
	err = ramfs_new_inode(nd.inode, nd.last, nd.last_len, S_IFREG | (mode & S_IALLUGO), 0, &inode);
	if (err)
		return err;
	if (size && filemap_write(inode, 0, data, size) < 0) {
		ramfs_unlink(ramfs_first_alias(inode));
		return -ENOMEM;
	}
	if (out)
		*out = inode;
	return 0;
}

int ramfs_symlink(struct ramfs_inode *dir, const char *path, const char *target,
		  struct ramfs_inode **out)
{
	size_t len = strnlen(target, PATH_MAX);
	struct ramfs_inode *inode;
	struct nameidata nd;
	int err;

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	err = find_new_entry(dir, path, &nd);
	if (err)
		return err;
	if (nd.slash)
		return -EISDIR;
	err = ramfs_new_symlink(nd.inode, nd.last, nd.last_len, target, &inode);
	if (!err && out)
		*out = inode;
	return err;
}

int ramfs_truncate(struct ramfs_inode *inode, loff_t size)
{
	if (size < 0)
		return -EINVAL;
	if (size > RAMFS_MAX_FILESIZE)
		return -EFBIG;
	filemap_truncate(inode, size);
	return 0;
}

long ramfs_read(struct ramfs_inode *inode, unsigned long off, void *buf, unsigned long len)
{
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if ((u64)off >= (u64)inode->size)
		return 0;
	len = min((u64)len, (u64)(inode->size - off));
	if (S_ISLNK(inode->mode)) {
		memcpy(buf, inode->target + off, len);
		return len;
	}
	return filemap_read(inode, off, buf, len);
}

struct ramfs_dentry *ramfs_child_at(struct ramfs_inode *dir, unsigned long index)
{
	struct ramfs_dentry *d;

	list_for_each_entry(d, &dir->children, sibling)
		if (!index--)
			return d;
	return NULL;
}

void ramfs_remove_tree(struct ramfs_inode *top)
{
	struct ramfs_inode *node = top, *parent;
	struct ramfs_dentry *d;

	BUG_ON(top == root);
	/* Remove leaves first: descend to one, remove it, go back up to its parent. */
	for (;;) {
		while (!list_empty(&node->children)) {
			d = list_first_entry(&node->children, struct ramfs_dentry, sibling);
			if (S_ISDIR(d->inode->mode) && !list_empty(&d->inode->children))
				node = d->inode;
			else
				ramfs_unlink(d);
		}
		if (node == top)
			break;
		parent = node->parent;
		ramfs_unlink(ramfs_first_alias(node));
		node = parent;
	}
	if (ramfs_first_alias(top))
		ramfs_unlink(ramfs_first_alias(top));
	else if (!top->count) /* the root of a detached tree */
		free_inode(top);
}

struct ramfs_inode *ramfs_new_tree(void)
{
	return alloc_inode(S_IFDIR | 0755);
}

/*
 * Walk tree and dst side by side, pairing entries by name, and return the first
 * entry of tree whose name dst has for anything but a directory matched with a
 * directory. With commit set (and no such entry), move every entry that dst lacks
 * into dst's directory of the same path.
 */
static struct ramfs_dentry *merge(struct ramfs_inode *dst, struct ramfs_inode *tree, bool commit)
{
	struct ramfs_inode *s = tree, *d = dst;
	struct list_head *pos = tree->children.next;
	struct ramfs_dentry *child, *match;

	for (;;) {
		if (pos == &s->children) { /* s done: continue in its parent */
			if (s == tree)
				return NULL;
			pos = ramfs_first_alias(s)->sibling.next;
			s = s->parent;
			d = d->parent;
			continue;
		}
		child = list_entry(pos, struct ramfs_dentry, sibling);
		pos = pos->next;
		match = ramfs_find(d, child->name, strlen(child->name));
		if (!match) {
			if (commit)
				ramfs_rename(child, d, child->name, strlen(child->name), NULL);
		} else if (S_ISDIR(child->inode->mode) && S_ISDIR(match->inode->mode)) {
			s = child->inode;
			d = match->inode;
			pos = s->children.next;
		} else {
			return child;
		}
	}
}

int ramfs_graft(struct ramfs_inode *dst, struct ramfs_inode *tree)
{
	struct ramfs_dentry *conflict;

	BUG_ON(tree->parent != tree || !S_ISDIR(dst->mode));
	if (merge(dst, tree, false))
		return -EEXIST;
	conflict = merge(dst, tree, true);
	BUG_ON(conflict);
	ramfs_remove_tree(tree);
	return 0;
}

struct ramfs_inode *ramfs_root(void)
{
	return root;
}

void ramfs_init(void)
{
	root = ramfs_new_tree();
	if (!root)
		panic("ramfs: no memory for /");
}
