/*
 * kernel/fs/ramfs.c: the in-memory file system (see ramfs.h): inodes and the directory
 * entries naming them, and the changes programs make to the tree. Inodes and entries
 * come from kmalloc; a file's data lives in pages that mm/filemap.c manages. Path
 * walks are kernel/fs/ramfs_walk.c's.
 *
 * Locking, as Linux's VFS (Documentation/filesystems/locking.rst, directory-locking.rst).
 * Each lock is taken only after those listed above it:
 *
 *   s_vfs_rename_mutex  a rename between two directories, so that two of them cannot
 *                       lock their two directories in opposite orders (lock_rename)
 *   i_mutex (dir)       its entries: create, mkdir, mknod, symlink, link, unlink, rmdir
 *                       and rename hold it from the check that a name is free (or there)
 *                       to the change. A parent's before its child's (rmdir and rename
 *                       lock the directory they remove); two unrelated directories only
 *                       under s_vfs_rename_mutex.
 *   i_mutex (file)      its data and size change under it: write (with O_APPEND's move to
 *                       the end), truncate, and its mode's set-ID bits
 *   mmap_sem            a user copy under a file's i_mutex may fault: a fault must
 *                       never take an i_mutex (filemap_nopage does not)
 *   dcache_lock         the tree's links: every directory's children, each entry's name,
 *                       dir and alias, each inode's aliases and parent. Writers hold the
 *                       directory's i_mutex too, so under an i_mutex the entries of that
 *                       directory can be read without it (ramfs_find).
 *   inode_count_lock    every inode's count and nlink, and next_ino
 *   i_lock              one inode's pages[], nr_pages, size and times: taken alone, by
 *                       readers that hold no i_mutex (read, stat, a fault)
 *
 * Walks take only dcache_lock, from their first step to their last, and getdents for
 * one entry: what they keep across a sleep is a reference on an inode (count), or a
 * copy of a name. An inode is freed when both its count and its nlink are 0, by
 * whichever CPU saw them reach it: after its last entry was dropped under dcache_lock.
 */
#include <kspace/bug.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/spinlock.h>
#include <kspace/string.h>

static struct ramfs_inode *root;
static unsigned long next_ino = 1;
static DEFINE_SPINLOCK(inode_count_lock);
DEFINE_SPINLOCK(dcache_lock);
static DEFINE_MUTEX(s_vfs_rename_mutex);

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
	mutex_init(&inode->i_mutex);
	spin_lock_init(&inode->i_lock);
	inode->parent = inode;
	INIT_LIST_HEAD(&inode->children);
	INIT_LIST_HEAD(&inode->aliases);
	return inode;
}

/* Its last name and last user are gone: no other CPU can reach it. */
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

/* One name less (a directory: none left), freeing the inode if no one holds it either. */
static void drop_nlink(struct ramfs_inode *inode)
{
	bool last;

	spin_lock(&inode_count_lock);
	inode->nlink = S_ISDIR(inode->mode) ? 0 : inode->nlink - 1;
	last = !inode->nlink && !inode->count;
	spin_unlock(&inode_count_lock);
	if (last)
		free_inode(inode);
}

/* A subdirectory's ".." is a link of its parent. dcache_lock held. */
static void add_subdir_link(struct ramfs_inode *dir, int n)
{
	spin_lock(&inode_count_lock);
	dir->nlink += n;
	spin_unlock(&inode_count_lock);
}

/* Put d in dir, keeping dir's entries sorted by name. dcache_lock held. */
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
		add_subdir_link(dir, 1);
	}
}

/* Take d out of its directory (not off its inode). dcache_lock held. */
static void d_unhash(struct ramfs_dentry *d)
{
	if (S_ISDIR(d->inode->mode)) {
		add_subdir_link(d->dir, -1);
		d->inode->parent = d->inode;
	}
	list_del(&d->sibling);
}

/* An entry named name[0..len) for inode, not yet in any list. */
static struct ramfs_dentry *d_alloc(const char *name, size_t len, struct ramfs_inode *inode)
{
	struct ramfs_dentry *d = kmalloc(sizeof(*d) + len + 1, GFP_KERNEL);

	if (!d)
		return NULL;
	d->name_size = len + 1;
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->inode = inode;
	return d;
}

/* A new entry name[0..len) in dir for inode, which walks see whole from now on. */
static struct ramfs_dentry *d_add(struct ramfs_inode *dir, const char *name, size_t len,
				  struct ramfs_inode *inode)
{
	struct ramfs_dentry *d = d_alloc(name, len, inode);

	if (!d)
		return NULL;
	spin_lock(&dcache_lock);
	list_add_tail(&d->alias, &inode->aliases);
	d_insert(dir, d);
	spin_unlock(&dcache_lock);
	return d;
}

static struct ramfs_dentry *__find(struct ramfs_inode *dir, const char *name, size_t len)
{
	struct ramfs_dentry *d;

	list_for_each_entry(d, &dir->children, sibling)
		if (!strncmp(d->name, name, len) && d->name[len] == '\0')
			return d;
	return NULL;
}

struct ramfs_dentry *ramfs_find(struct ramfs_inode *dir, const char *name, size_t len)
{
	return __find(dir, name, len);
}

struct ramfs_dentry *ramfs_first_alias(const struct ramfs_inode *inode)
{
	return list_empty(&inode->aliases) ? NULL
					   : list_first_entry(&inode->aliases, struct ramfs_dentry, alias);
}

bool ramfs_has_name(const struct ramfs_inode *inode)
{
	bool named;

	spin_lock(&dcache_lock);
	named = !list_empty(&inode->aliases);
	spin_unlock(&dcache_lock);
	return named;
}

char *ramfs_d_path(const struct ramfs_inode *inode, char *buf, size_t size)
{
	char *p = buf + size - 1;
	struct ramfs_dentry *d;
	size_t n;

	*p = '\0';
	spin_lock(&dcache_lock);
	for (; (d = ramfs_first_alias(inode)); inode = d->dir) {
		n = strlen(d->name);
		if ((size_t)(p - buf) < n + 1) {
			p = NULL;
			break;
		}
		p -= n;
		memcpy(p, d->name, n);
		*--p = '/';
	}
	spin_unlock(&dcache_lock);
	return p;
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

struct ramfs_inode *ramfs_new_inode(umode_t mode, u32 rdev, const char *target)
{
	struct ramfs_inode *inode = alloc_inode(mode);
	size_t tlen = target ? strlen(target) : 0;

	if (!inode)
		return NULL;
	inode->rdev = rdev;
	if (target) {
		inode->target = kmalloc(tlen + 1, GFP_KERNEL);
		if (!inode->target) {
			kfree(inode);
			return NULL;
		}
		memcpy(inode->target, target, tlen + 1);
		inode->size = tlen;
	}
	return inode;
}

int ramfs_instantiate(struct ramfs_inode *dir, const char *name, size_t len,
		      struct ramfs_inode *inode)
{
	if (d_add(dir, name, len, inode))
		return 0;
	free_inode(inode);
	return -ENOMEM;
}

int ramfs_link(struct ramfs_inode *dir, const char *name, size_t len, struct ramfs_inode *inode)
{
	bool linked;

	BUG_ON(S_ISDIR(inode->mode));
	spin_lock(&inode_count_lock);
	linked = inode->nlink; /* 0: unlinked on another CPU, not to be brought back */
	if (linked)
		inode->nlink++;
	spin_unlock(&inode_count_lock);
	if (!linked)
		return -ENOENT;
	if (!d_add(dir, name, len, inode)) {
		drop_nlink(inode); /* the caller's reference keeps it */
		return -ENOMEM;
	}
	return 0;
}

/* Take d out of its directory and off its inode, which keeps its nlink. dcache_lock held. */
static void d_drop(struct ramfs_dentry *d)
{
	d_unhash(d);
	list_del(&d->alias);
}

void ramfs_unlink(struct ramfs_dentry *d)
{
	struct ramfs_inode *inode = d->inode;

	BUG_ON(S_ISDIR(inode->mode) && !list_empty(&inode->children));
	spin_lock(&dcache_lock);
	d_drop(d);
	spin_unlock(&dcache_lock);
	kfree(d);
	drop_nlink(inode);
}

bool ramfs_is_ancestor(const struct ramfs_inode *b, const struct ramfs_inode *a)
{
	bool found = false;

	spin_lock(&dcache_lock);
	for (;;) {
		if (a == b) {
			found = true;
			break;
		}
		if (a->parent == a)
			break;
		a = a->parent;
	}
	spin_unlock(&dcache_lock);
	return found;
}

/* d's place, in its directory and on its inode, goes to new (unhashed). dcache_lock held. */
static void d_replace(struct ramfs_dentry *d, struct ramfs_dentry *new)
{
	list_replace(&d->alias, &new->alias);
	list_replace(&d->sibling, &new->sibling);
	new->dir = d->dir;
}

/* A new entry for d's inode if name[0..len) does not fit in d, else NULL (nothing to do). */
static int d_room(struct ramfs_dentry *d, const char *name, size_t len, struct ramfs_dentry **new)
{
	*new = NULL;
	if (len < d->name_size)
		return 0;
	*new = d_alloc(name, len, d->inode);
	return *new ? 0 : -ENOMEM;
}

int ramfs_rename(struct ramfs_dentry *d, struct ramfs_inode *newdir, const char *name, size_t len,
		 struct ramfs_dentry *target)
{
	struct ramfs_inode *victim = target ? target->inode : NULL;
	struct ramfs_dentry *old = NULL, *new;
	int err = d_room(d, name, len, &new);

	if (err)
		return err;
	spin_lock(&dcache_lock);
	if (target)
		d_drop(target);
	if (new) {
		d_replace(d, new);
		old = d;
		d = new;
	} else {
		memmove(d->name, name, len); /* name may be d->name itself */
		d->name[len] = '\0';
	}
	d_unhash(d);
	d_insert(newdir, d);
	spin_unlock(&dcache_lock);
	kfree(old);
	if (target) {
		kfree(target);
		drop_nlink(victim);
	}
	return 0;
}

int ramfs_exchange(struct ramfs_dentry *a, struct ramfs_dentry *b)
{
	struct ramfs_dentry *na = d_alloc(b->name, strlen(b->name), a->inode);
	struct ramfs_dentry *nb = d_alloc(a->name, strlen(a->name), b->inode);
	struct ramfs_inode *adir = a->dir, *bdir = b->dir;

	if (!na || !nb) {
		kfree(na);
		kfree(nb);
		return -ENOMEM;
	}
	spin_lock(&dcache_lock);
	d_replace(a, na);
	d_replace(b, nb);
	d_unhash(na);
	d_unhash(nb);
	d_insert(bdir, na);
	d_insert(adir, nb);
	spin_unlock(&dcache_lock);
	kfree(a);
	kfree(b);
	return 0;
}

struct ramfs_inode *ramfs_lock_rename(struct ramfs_inode *p1, struct ramfs_inode *p2)
{
	if (p1 == p2) {
		mutex_lock(&p1->i_mutex);
		return NULL;
	}
	/* Only a rename across directories moves a directory: none can while we look. */
	mutex_lock(&s_vfs_rename_mutex);
	if (ramfs_is_ancestor(p2, p1)) {
		mutex_lock(&p2->i_mutex);
		mutex_lock(&p1->i_mutex);
		return p2;
	}
	mutex_lock(&p1->i_mutex);
	mutex_lock(&p2->i_mutex);
	return ramfs_is_ancestor(p1, p2) ? p1 : NULL;
}

void ramfs_unlock_rename(struct ramfs_inode *p1, struct ramfs_inode *p2)
{
	mutex_unlock(&p1->i_mutex);
	if (p1 != p2) {
		mutex_unlock(&p2->i_mutex);
		mutex_unlock(&s_vfs_rename_mutex);
	}
}

/*
 * Where a new entry goes: its directory, returned locked and held, and its name, from
 * the path being created.
 */
static int find_new_entry(struct ramfs_inode *start, const char *path, struct nameidata *nd)
{
	int err = ramfs_walk(start, path, RAMFS_LOOKUP_PARENT, NULL, nd);

	if (err)
		return err;
	if (nd->mnt_rest) {
		kfree(nd->mnt_rest);
		ramfs_iput(nd->inode);
		return -EACCES;
	}
	mutex_lock(&nd->inode->i_mutex);
	/* "/", "." and ".." always exist. */
	if (!nd->last_len || is_dot_or_dotdot(nd->last, nd->last_len) ||
	    ramfs_find(nd->inode, nd->last, nd->last_len)) {
		mutex_unlock(&nd->inode->i_mutex);
		ramfs_iput(nd->inode);
		return -EEXIST;
	}
	return 0;
}

/* Name inode as nd says, unless err, and let the directory go. */
static int finish_new_entry(struct nameidata *nd, int err, struct ramfs_inode *inode,
			    struct ramfs_inode **out)
{
	if (!err)
		err = ramfs_instantiate(nd->inode, nd->last, nd->last_len, inode);
	mutex_unlock(&nd->inode->i_mutex);
	ramfs_iput(nd->inode);
	if (!err && out)
		*out = inode;
	return err;
}

int ramfs_mkdir(struct ramfs_inode *dir, const char *path, umode_t mode, struct ramfs_inode **out)
{
	struct ramfs_inode *inode;
	struct nameidata nd;
	int err = find_new_entry(dir, path, &nd);

	if (err)
		return err;
	inode = ramfs_new_inode(S_IFDIR | (mode & S_IALLUGO), 0, NULL);
	return finish_new_entry(&nd, inode ? 0 : -ENOMEM, inode, out);
}

/* The data goes in before the name: no walk sees the file half written. */
int ramfs_create(struct ramfs_inode *dir, const char *path, umode_t mode, const void *data,
		 unsigned long size, struct ramfs_inode **out)
{
	struct ramfs_inode *inode = NULL;
	struct nameidata nd;
	int err = find_new_entry(dir, path, &nd);

	if (err)
		return err;
	if (nd.slash)
		err = -EISDIR;
	else if (size > __LONG_MAX__) /* ramfs_read returns a long */
		err = -EFBIG;
	else if (!(inode = ramfs_new_inode(S_IFREG | (mode & S_IALLUGO), 0, NULL)))
		err = -ENOMEM;
	else if (size && filemap_write(inode, 0, data, size) < 0)
		err = -ENOMEM;
	if (err && inode)
		free_inode(inode);
	return finish_new_entry(&nd, err, inode, out);
}

int ramfs_symlink(struct ramfs_inode *dir, const char *path, const char *target,
		  struct ramfs_inode **out)
{
	size_t len = strnlen(target, PATH_MAX);
	struct ramfs_inode *inode = NULL;
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
		err = -EISDIR;
	else if (!(inode = ramfs_new_inode(S_IFLNK | S_IRWXUGO, 0, target)))
		err = -ENOMEM;
	return finish_new_entry(&nd, err, inode, out);
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
	loff_t size;

	if (S_ISDIR(inode->mode))
		return -EISDIR;
	size = i_size_read(inode);
	if ((u64)off >= (u64)size)
		return 0;
	len = min((u64)len, (u64)(size - off));
	if (!S_ISLNK(inode->mode))
		return filemap_read(inode, off, buf, len); /* less if truncated meanwhile */
	memcpy(buf, inode->target + off, len); /* a symlink's target never changes */
	return len;
}

struct ramfs_dentry *ramfs_child_at(struct ramfs_inode *dir, unsigned long index)
{
	struct ramfs_dentry *d;

	list_for_each_entry(d, &dir->children, sibling)
		if (!index--)
			return d;
	return NULL;
}

bool ramfs_readdir(struct ramfs_inode *dir, const char *after, unsigned long index,
		   struct ramfs_dirent *out)
{
	struct ramfs_dentry *d = NULL, *e;

	spin_lock(&dcache_lock);
	if (!after)
		d = ramfs_child_at(dir, index);
	else
		list_for_each_entry(e, &dir->children, sibling)
			if (strcmp(e->name, after) > 0) {
				d = e;
				break;
			}
	if (d) {
		out->ino = d->inode->ino;
		out->mode = d->inode->mode;
		strlcpy(out->name, d->name, sizeof(out->name));
	}
	spin_unlock(&dcache_lock);
	return d;
}

unsigned long ramfs_parent_ino(struct ramfs_inode *dir)
{
	unsigned long ino;

	spin_lock(&dcache_lock);
	ino = dir->parent->ino;
	spin_unlock(&dcache_lock);
	return ino;
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
			if (commit) /* the same name: no memory needed */
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
