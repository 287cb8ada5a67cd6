/*
 * kernel/ramfs.c: the in-memory file system (see ramfs.h). Inodes come from kmalloc;
 * file contents from vmalloc, so a large file needs no physically contiguous memory.
 * Walks over a tree are loops, not recursion: a PATH_MAX path can be 2048 directories
 * deep, far more frames than a kernel stack holds. Only symlink resolution recurses,
 * at most MAXSYMLINKS deep.
 */
#include <kspace/bug.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/vmalloc.h>

static struct ramfs_inode *root;
static unsigned long next_ino = 1;

static struct ramfs_inode *alloc_inode(umode_t mode)
{
	struct ramfs_inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->mode = mode;
	inode->nlink = S_ISDIR(mode) ? 2 : 1;
	inode->ino = next_ino++;
	inode->parent = inode;
	INIT_LIST_HEAD(&inode->children);
	INIT_LIST_HEAD(&inode->sibling);
	return inode;
}

static void free_inode(struct ramfs_inode *inode)
{
	if (S_ISREG(inode->mode))
		vfree(inode->data);
	else
		kfree(inode->data);
	kfree(inode);
}

/* Link child into dir, keeping dir's entries sorted by name. */
static void add_child(struct ramfs_inode *dir, struct ramfs_inode *child)
{
	struct list_head *pos;

	list_for_each(pos, &dir->children)
		if (strcmp(list_entry(pos, struct ramfs_inode, sibling)->name, child->name) > 0)
			break;
	list_add_tail(&child->sibling, pos); /* before pos */
	child->parent = dir;
	if (S_ISDIR(child->mode))
		dir->nlink++;
}

static void unlink_child(struct ramfs_inode *child)
{
	if (S_ISDIR(child->mode))
		child->parent->nlink--;
	list_del(&child->sibling);
	child->parent = child;
}

/* The entry of dir called name[0..len), len <= RAMFS_NAME_MAX; or NULL. */
static struct ramfs_inode *find_child(struct ramfs_inode *dir, const char *name, size_t len)
{
	struct ramfs_inode *child;

	list_for_each_entry(child, &dir->children, sibling)
		if (!strncmp(child->name, name, len) && child->name[len] == '\0')
			return child;
	return NULL;
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

/*
 * Resolve path[0..len) from dir. Symlinks are followed in every component that a
 * slash follows, and in the last one if follow is set; *links counts them.
 */
static int walk(struct ramfs_inode *dir, const char *path, size_t len, bool follow, int *links,
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
		if (!S_ISDIR(node->mode))
			return -ENOTDIR;
		if (n > RAMFS_NAME_MAX)
			return -ENAMETOOLONG;
		if (n == 1 && path[i] == '.')
			child = node;
		else if (n == 2 && path[i] == '.' && path[i + 1] == '.')
			child = node->parent; /* the root's parent is itself */
		else if (!(child = find_child(node, path + i, n)))
			return -ENOENT;
		i += n;
		if (S_ISLNK(child->mode) && (i < len || follow)) {
			if (++*links > MAXSYMLINKS)
				return -ELOOP;
			err = walk(node, child->data, child->size, true, links, &child);
			if (err)
				return err;
		}
		node = child;
	}
	/* "file/" names a directory that is not there. */
	if (len && path[len - 1] == '/' && !S_ISDIR(node->mode))
		return -ENOTDIR;
	*out = node;
	return 0;
}

int ramfs_lookup_at(struct ramfs_inode *dir, const char *path, unsigned int flags,
		    struct ramfs_inode **out)
{
	size_t len = strnlen(path, PATH_MAX);
	int links = 0;

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	return walk(dir, path, len, !(flags & RAMFS_LOOKUP_NOFOLLOW), &links, out);
}

int ramfs_lookup(const char *path, struct ramfs_inode **out)
{
	return ramfs_lookup_at(root, path, 0, out);
}

/* Where a new entry goes: its directory and its name, from the path being created. */
struct new_entry {
	struct ramfs_inode *dir;
	const char *name;
	size_t len;
	bool slash; /* the path ends in '/', so only a directory may be created */
};

static int find_new_entry(struct ramfs_inode *start, const char *path, struct new_entry *e)
{
	size_t len = strnlen(path, PATH_MAX), end, begin;
	int links = 0, err;

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	for (end = len; end && path[end - 1] == '/'; end--)
		;
	for (begin = end; begin && path[begin - 1] != '/'; begin--)
		;
	e->name = path + begin;
	e->len = end - begin;
	e->slash = end < len;
	if (e->len > RAMFS_NAME_MAX)
		return -ENAMETOOLONG;
	err = walk(start, path, begin, true, &links, &e->dir);
	if (err)
		return err;
	if (!S_ISDIR(e->dir->mode))
		return -ENOTDIR;
	/* "/", "." and ".." always exist. */
	if (!e->len || is_dot_or_dotdot(e->name, e->len) || find_child(e->dir, e->name, e->len))
		return -EEXIST;
	return 0;
}

static struct ramfs_inode *new_entry_inode(const struct new_entry *e, umode_t mode)
{
	struct ramfs_inode *inode = alloc_inode(mode);

	if (!inode)
		return NULL;
	memcpy(inode->name, e->name, e->len);
	add_child(e->dir, inode);
	return inode;
}

int ramfs_mkdir(struct ramfs_inode *dir, const char *path, umode_t mode, struct ramfs_inode **out)
{
	struct ramfs_inode *inode;
	struct new_entry e;
	int err = find_new_entry(dir, path, &e);

	if (err)
		return err;
	inode = new_entry_inode(&e, S_IFDIR | (mode & S_IALLUGO));
	if (!inode)
		return -ENOMEM;
	if (out)
		*out = inode;
	return 0;
}

int ramfs_create(struct ramfs_inode *dir, const char *path, umode_t mode, const void *data,
		 unsigned long size, struct ramfs_inode **out)
{
	struct ramfs_inode *inode;
	struct new_entry e;
	void *copy = NULL;
	int err = find_new_entry(dir, path, &e);

	if (err)
		return err;
	if (e.slash)
		return -EISDIR;
	if (size > __LONG_MAX__) /* ramfs_read returns a long */
		return -EFBIG;
	if (size) {
		copy = vmalloc(size);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, data, size);
	}
	inode = new_entry_inode(&e, S_IFREG | (mode & S_IALLUGO));
	if (!inode) {
		vfree(copy);
		return -ENOMEM;
	}
	inode->data = copy;
	inode->size = size;
	if (out)
		*out = inode;
	return 0;
}

int ramfs_symlink(struct ramfs_inode *dir, const char *path, const char *target,
		  struct ramfs_inode **out)
{
	size_t len = strnlen(target, PATH_MAX);
	struct ramfs_inode *inode;
	struct new_entry e;
	char *copy;
	int err;

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	err = find_new_entry(dir, path, &e);
	if (err)
		return err;
	if (e.slash)
		return -EISDIR;
	copy = kmalloc(len + 1, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, len + 1);
	inode = new_entry_inode(&e, S_IFLNK | S_IRWXUGO);
	if (!inode) {
		kfree(copy);
		return -ENOMEM;
	}
	inode->data = copy;
	inode->size = len;
	if (out)
		*out = inode;
	return 0;
}

long ramfs_read(struct ramfs_inode *inode, unsigned long off, void *buf, unsigned long len)
{
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (off >= inode->size)
		return 0;
	len = min(len, inode->size - off);
	memcpy(buf, (const char *)inode->data + off, len);
	return len;
}

struct ramfs_inode *ramfs_child_at(struct ramfs_inode *dir, unsigned long index)
{
	struct ramfs_inode *child;

	list_for_each_entry(child, &dir->children, sibling)
		if (!index--)
			return child;
	return NULL;
}

void ramfs_remove_tree(struct ramfs_inode *top)
{
	struct ramfs_inode *node = top, *parent;

	BUG_ON(top == root);
	if (top->parent != top)
		unlink_child(top);
	/* Free leaves first: descend to one, free it, go back up to its parent. */
	for (;;) {
		while (!list_empty(&node->children))
			node = list_first_entry(&node->children, struct ramfs_inode, sibling);
		if (node == top)
			break;
		parent = node->parent;
		unlink_child(node);
		free_inode(node);
		node = parent;
	}
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
static struct ramfs_inode *merge(struct ramfs_inode *dst, struct ramfs_inode *tree, bool commit)
{
	struct ramfs_inode *s = tree, *d = dst, *child, *match;
	struct list_head *pos = tree->children.next;

	for (;;) {
		if (pos == &s->children) { /* s done: continue in its parent */
			if (s == tree)
				return NULL;
			pos = s->sibling.next;
			s = s->parent;
			d = d->parent;
			continue;
		}
		child = list_entry(pos, struct ramfs_inode, sibling);
		pos = pos->next;
		match = find_child(d, child->name, strlen(child->name));
		if (!match) {
			if (commit) {
				unlink_child(child);
				add_child(d, child);
			}
		} else if (S_ISDIR(child->mode) && S_ISDIR(match->mode)) {
			s = child;
			d = match;
			pos = s->children.next;
		} else {
			return child;
		}
	}
}

int ramfs_graft(struct ramfs_inode *dst, struct ramfs_inode *tree)
{
	struct ramfs_inode *conflict;

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
