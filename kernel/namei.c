/*
 * kernel/namei.c: from a name to a file, as Linux's fs/namei.c. A path is walked in
 * the ramfs tree from where the system call says (the root, the working directory,
 * or a directory descriptor for the *at() calls), following symlinks and checking
 * search permission in every directory for the caller's fs ids. /proc is a mount
 * point: what the path says beneath it is spelled out lexically and handed to procfs.
 *
 * Also here, the calls that change names: mknod, mkdir, rmdir, unlink, symlink, link,
 * rename, with Linux's order of checks (so the same mistake gives the same errno) and
 * its permission rules: creating or removing a name needs write and search
 * permission in the directory, and in a sticky directory (/tmp) only the owner of a
 * file or of the directory may remove or replace it.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4

struct timespec64 current_time(void)
{
	return ns_to_timespec64(ktime_get_real_ns());
}

/* A change to inode's attributes (ctime), or to its contents too (mtime). */
void inode_touch(struct ramfs_inode *inode, bool contents)
{
	inode->ctime = current_time();
	if (contents)
		inode->mtime = inode->ctime;
}

/* Copy a path from user space into a PATH_MAX kmalloc buffer: "" is -ENOENT. */
long getname(const char __user *upath, char **out)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return -ENOMEM;
	len = strncpy_from_user(name, upath, PATH_MAX);
	if (len <= 0 || len == PATH_MAX) {
		kfree(name);
		return len < 0 ? len : len ? -ENAMETOOLONG : -ENOENT;
	}
	*out = name;
	return 0;
}

/* Append component [s, s + n) to the canonical path in buf, applying "." and "..". */
static bool push_component(char *buf, size_t *len, const char *s, size_t n)
{
	if (n == 1 && s[0] == '.')
		return true;
	if (n == 2 && s[0] == '.' && s[1] == '.') {
		while (*len > 0 && buf[--(*len)] != '/')
			;
		return true;
	}
	if (*len + 1 + n >= PATH_MAX)
		return false;
	buf[(*len)++] = '/';
	memcpy(buf + *len, s, n);
	*len += n;
	return true;
}

/* Append every component of path to the canonical path in buf. */
static bool push_path(char *buf, size_t *len, const char *path)
{
	for (const char *c = path; *c;) {
		const char *e = strchr(c, '/') ? strchr(c, '/') : c + strlen(c);

		if (e > c && !push_component(buf, len, c, e - c))
			return false;
		c = *e ? e + 1 : e;
	}
	return true;
}

/*
 * base + path with "." and ".." worked out lexically, in a new PATH_MAX buffer. Used
 * only inside /proc, which has no symlinks on the way down.
 */
int lexical_path(const char *base, const char *path, char **out)
{
	size_t len = 0;
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	if ((path[0] != '/' && !push_path(buf, &len, base)) || !push_path(buf, &len, path)) {
		kfree(buf);
		return -ENAMETOOLONG;
	}
	if (!len)
		buf[len++] = '/';
	buf[len] = '\0';
	*out = buf;
	return 0;
}

/* What follows "/proc" in a canonical path ("" or "/..."), or NULL outside /proc. */
const char *in_proc(const char *canon)
{
	return !strncmp(canon, "/proc", 5) && (!canon[5] || canon[5] == '/') ? canon + 5 : NULL;
}

void path_put(struct path *p)
{
	kfree(p->proc);
	kfree(p->name);
	p->proc = p->name = NULL;
}

static int walk_from(struct ramfs_inode *base, const char *name, unsigned int flags,
		     const struct cred *cred, struct path *p, int depth);

/* A canonical path that may lead into /proc, or back out of it into ramfs. */
static int walk_canonical(char *canon, unsigned int flags, const struct cred *cred,
			  struct path *p, int depth)
{
	int err;

	if (in_proc(canon)) {
		p->proc = canon;
		memmove(canon, in_proc(canon), strlen(in_proc(canon)) + 1);
		return 0;
	}
	if (depth) /* "/proc/.." led back to where we were: give up rather than loop */
		err = -ELOOP;
	else
		err = walk_from(ramfs_root(), canon, flags, cred, p, depth + 1);
	if (!err && (flags & RAMFS_LOOKUP_PARENT)) /* p->last points into canon */
		p->name = canon;
	else
		kfree(canon);
	return err;
}

static int walk_from(struct ramfs_inode *base, const char *name, unsigned int flags,
		     const struct cred *cred, struct path *p, int depth)
{
	struct nameidata nd;
	char *canon;
	int err = ramfs_walk(base, name, flags, cred, &nd);

	if (err)
		return err;
	p->inode = nd.inode;
	p->last = nd.last;
	p->last_len = nd.last_len;
	p->slash = nd.slash;
	if (!nd.mnt_rest)
		return 0;
	p->inode = NULL;
	err = lexical_path("/proc", nd.mnt_rest + (nd.mnt_rest[0] == '/'), &canon);
	kfree(nd.mnt_rest);
	return err ? err : walk_canonical(canon, flags, cred, p, depth);
}

/*
 * Resolve (dfd, name) with RAMFS_LOOKUP_* flags and cred's permissions. A relative
 * name starts at the working directory for AT_FDCWD, else at the directory open as
 * dfd (-EBADF, or -ENOTDIR if it is not one); an absolute one ignores dfd.
 */
int path_lookupat_cred(int dfd, const char *name, unsigned int flags, const struct cred *cred,
		       struct path *p)
{
	const char *base_path = NULL;
	struct ramfs_inode *base = ramfs_root();
	struct file *f;
	char *canon;
	int err;

	memset(p, 0, sizeof(*p));
	if (name[0] != '/' && dfd == AT_FDCWD) {
		if (in_proc(current->cwd))
			base_path = current->cwd;
		else if ((err = ramfs_lookup(current->cwd, &base)))
			return err;
	} else if (name[0] != '/') {
		f = fget(dfd);
		if (!f)
			return -EBADF;
		if (!S_ISDIR(f->f_mode))
			return -ENOTDIR;
		if (f->f_inode)
			base = f->f_inode;
		else
			base_path = f->f_path;
	}
	if (!base_path)
		return walk_from(base, name, flags, cred, p, 0);
	err = lexical_path(base_path, name, &canon);
	return err ? err : walk_canonical(canon, flags, cred, p, 0);
}

int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *p)
{
	return path_lookupat_cred(dfd, name, flags, &current->cred, p);
}

/* The same for a user's path; "" with AT_EMPTY_PATH (empty_ok) names dfd itself. */
int user_path_at(int dfd, const char __user *uname, unsigned int flags, bool empty_ok,
		 struct path *p)
{
	char *name;
	long err = getname(uname, &name);
	struct file *f;

	memset(p, 0, sizeof(*p)); /* path_put works whatever fails */
	if (err == -ENOENT && empty_ok) {
		if (dfd == AT_FDCWD)
			return path_lookupat(AT_FDCWD, ".", flags, p);
		f = fget(dfd);
		if (!f)
			return -EBADF;
		if (!f->f_inode) /* a /proc file or the console: the caller opens it by fd */
			return -EOPNOTSUPP;
		p->inode = f->f_inode;
		return 0;
	}
	if (err)
		return err;
	err = path_lookupat(dfd, name, flags, p);
	if (!err && (flags & RAMFS_LOOKUP_PARENT) && !p->name)
		p->name = name; /* p->last points into it */
	else
		kfree(name);
	return err;
}

/* The ramfs file a path names, relative to the working directory (execve). */
int path_lookup(const char *name, struct ramfs_inode **out)
{
	struct path p;
	int err = path_lookupat(AT_FDCWD, name, 0, &p);

	if (!err && p.proc)
		err = -EACCES;
	if (!err)
		*out = p.inode;
	path_put(&p);
	return err;
}

/* The absolute path of a ramfs directory, from its names up to the root (d_path). */
char *dir_path(struct ramfs_inode *dir)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	size_t len = PATH_MAX - 1, n;
	struct ramfs_dentry *d;

	if (!buf)
		return NULL;
	buf[len] = '\0';
	for (; (d = ramfs_first_alias(dir)); dir = d->dir) {
		n = strlen(d->name);
		if (n + 1 > len) {
			kfree(buf);
			return NULL;
		}
		len -= n;
		memcpy(buf + len, d->name, n);
		buf[--len] = '/';
	}
	if (len == PATH_MAX - 1)
		buf[--len] = '/';
	memmove(buf, buf + len, PATH_MAX - len);
	return buf;
}

/*
 * The absolute path of what the user's path names, which must exist (mount, umount2 and
 * statfs work on paths), and its mode if mode is not NULL.
 */
int user_path_canonical(const char __user *upath, char **out, umode_t *mode)
{
	struct path p;
	struct file *f = NULL;
	int err = user_path_at(AT_FDCWD, upath, 0, false, &p);

	*out = NULL;
	if (!err && p.proc)
		err = procfs_open(p.proc, O_RDONLY, &f); /* for its mode; it must exist */
	if (!err) {
		*out = p.proc ? kmalloc(PATH_MAX, GFP_KERNEL) : dir_path(p.inode);
		if (!*out)
			err = -ENOMEM;
		else if (p.proc)
			snprintf(*out, PATH_MAX, "/proc%s", p.proc);
	}
	if (!err && mode)
		*mode = f ? f->f_mode : p.inode->mode;
	if (f)
		fput(f);
	path_put(&p);
	return err;
}

int inode_permission(const struct ramfs_inode *inode, int mask)
{
	return ramfs_permission(inode, &current->cred, mask);
}

/* Whether current owns inode, or is root (Linux's inode_owner_or_capable). */
bool owner_or_capable(const struct ramfs_inode *inode)
{
	return current->cred.fsuid == inode->uid || current->cred.fsuid == 0;
}

/* May a name be added to dir? */
static int may_create(struct ramfs_inode *dir)
{
	if (!dir->nlink)
		return -ENOENT; /* removed while we were in it */
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/* The sticky bit: only the file's or the directory's owner may remove the name. */
static bool check_sticky(const struct ramfs_inode *dir, const struct ramfs_inode *inode)
{
	u32 fsuid = current->cred.fsuid;

	return (dir->mode & S_ISVTX) && fsuid != inode->uid && fsuid != dir->uid && fsuid != 0;
}

/* May victim's name be removed from dir (Linux's may_delete)? */
static int may_delete(struct ramfs_inode *dir, struct ramfs_inode *victim, bool isdir)
{
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (check_sticky(dir, victim))
		return -EPERM;
	if (isdir && !S_ISDIR(victim->mode))
		return -ENOTDIR;
	if (isdir && (victim == ramfs_root() || victim->mounted))
		return -EBUSY;
	if (!isdir && S_ISDIR(victim->mode))
		return -EISDIR;
	return 0;
}

/*
 * A new inode named p->last in p->inode: current's fs ids own it, or the directory's
 * group if the directory is set-group-ID (a new directory inherits the bit), as Linux's
 * inode_init_owner. mode is final but for that.
 */
int vfs_create(struct path *p, umode_t mode, u32 rdev, const char *target,
	       struct ramfs_inode **out)
{
	struct ramfs_inode *dir = p->inode, *inode;
	int err;

	if (target)
		err = ramfs_new_symlink(dir, p->last, p->last_len, target, &inode);
	else
		err = ramfs_new_inode(dir, p->last, p->last_len, mode, rdev, &inode);
	if (err)
		return err;
	inode->uid = current->cred.fsuid;
	inode->gid = current->cred.fsgid;
	if (dir->mode & S_ISGID) {
		inode->gid = dir->gid;
		if (S_ISDIR(mode))
			inode->mode |= S_ISGID;
	}
	if (S_ISREG(mode) && (mode & S_ISGID) && (mode & S_IXGRP) && !in_group_p(inode->gid) &&
	    current->cred.fsuid != 0)
		inode->mode &= ~S_ISGID;
	inode_touch(inode, true);
	inode->atime = inode->mtime;
	inode_touch(dir, true);
	if (out)
		*out = inode;
	return 0;
}

/*
 * The checks every creating call makes, in Linux's order (filename_create): the
 * parent walk, "." ".." and "/" exist, a taken name, a trailing slash on a
 * non-directory; then may_create.
 */
static int create_lookup(int dfd, const char __user *uname, bool isdir, struct path *p)
{
	int err = user_path_at(dfd, uname, RAMFS_LOOKUP_PARENT, false, p);

	if (err)
		return err;
	if (p->proc) /* procfs makes no new names */
		return current->cred.fsuid ? -EACCES : -EPERM;
	if (!p->last_len || (p->last_len <= 2 && !strncmp(p->last, "..", p->last_len)))
		return -EEXIST;
	if (ramfs_find(p->inode, p->last, p->last_len))
		return -EEXIST;
	if (p->slash && !isdir)
		return -ENOENT;
	return may_create(p->inode);
}

static long do_mknodat(int dfd, const char __user *uname, umode_t mode, unsigned int dev)
{
	struct path p;
	long err;

	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	if (S_ISDIR(mode))
		return -EPERM;
	if (!S_ISREG(mode) && !S_ISCHR(mode) && !S_ISBLK(mode) && !S_ISFIFO(mode) &&
	    !S_ISSOCK(mode))
		return -EINVAL;
	err = create_lookup(dfd, uname, false, &p);
	if (!err && (S_ISCHR(mode) || S_ISBLK(mode)) && current->cred.fsuid != 0)
		err = -EPERM; /* CAP_MKNOD */
	if (!err)
		err = vfs_create(&p, (mode & S_IFMT) | (mode & S_IALLUGO & ~current->umask),
				 S_ISCHR(mode) || S_ISBLK(mode) ? dev : 0, NULL, NULL);
	path_put(&p);
	return err;
}

long sys_mknodat(int dfd, const char __user *uname, umode_t mode, unsigned int dev)
{
	return do_mknodat(dfd, uname, mode, dev);
}

long sys_mknod(const char __user *uname, umode_t mode, unsigned int dev)
{
	return do_mknodat(AT_FDCWD, uname, mode, dev);
}

long sys_mkdirat(int dfd, const char __user *uname, umode_t mode)
{
	struct path p;
	long err = create_lookup(dfd, uname, true, &p);

	if (!err)
		err = vfs_create(&p, S_IFDIR | (mode & (S_IRWXUGO | S_ISVTX) & ~current->umask), 0,
				 NULL, NULL);
	path_put(&p);
	return err;
}

long sys_mkdir(const char __user *uname, umode_t mode)
{
	return sys_mkdirat(AT_FDCWD, uname, mode);
}

long sys_symlinkat(const char __user *utarget, int dfd, const char __user *uname)
{
	struct path p;
	char *target;
	long err = getname(utarget, &target);

	if (err)
		return err;
	err = create_lookup(dfd, uname, false, &p);
	if (!err)
		err = vfs_create(&p, S_IFLNK | S_IRWXUGO, 0, target, NULL);
	path_put(&p);
	kfree(target);
	return err;
}

long sys_symlink(const char __user *utarget, const char __user *uname)
{
	return sys_symlinkat(utarget, AT_FDCWD, uname);
}

/*
 * fs.protected_hardlinks (on by default in Debian): someone else's file may be linked
 * only if it is a plain file the caller could read and write, and not set-ID.
 */
static int may_linkat(struct ramfs_inode *inode)
{
	if (owner_or_capable(inode))
		return 0;
	if (!S_ISREG(inode->mode) || (inode->mode & S_ISUID) ||
	    (inode->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) ||
	    inode_permission(inode, MAY_READ | MAY_WRITE))
		return -EPERM;
	return 0;
}

long sys_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		int flags)
{
	struct path old, new;
	struct ramfs_inode *inode;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH */
	err = user_path_at(olddfd, oldname, flags & AT_SYMLINK_FOLLOW ? 0 : RAMFS_LOOKUP_NOFOLLOW,
			   (flags & AT_EMPTY_PATH) && current->cred.fsuid == 0, &old);
	if (err)
		return err == -EOPNOTSUPP ? -EXDEV : err;
	inode = old.inode;
	err = create_lookup(newdfd, newname, false, &new);
	if (err && new.proc)
		err = -EXDEV;
	if (!err && !inode)
		err = -EXDEV;
	if (!err)
		err = may_linkat(inode);
	if (!err && S_ISDIR(inode->mode))
		err = -EPERM;
	if (!err && !inode->nlink)
		err = -ENOENT;
	if (!err)
		err = ramfs_link(new.inode, new.last, new.last_len, inode);
	if (!err) {
		inode_touch(inode, false);
		inode_touch(new.inode, true);
	}
	path_put(&new);
	path_put(&old);
	return err;
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/* The parent walk of unlink, rmdir and rename's source, and the entry it ends at. */
static int delete_lookup(int dfd, const char __user *uname, struct path *p, struct ramfs_dentry **d)
{
	int err = user_path_at(dfd, uname, RAMFS_LOOKUP_PARENT, false, p);

	if (err)
		return err;
	if (p->proc)
		return current->cred.fsuid ? -EACCES : -EPERM;
	*d = p->last_len ? ramfs_find(p->inode, p->last, p->last_len) : NULL;
	return 0;
}

static bool is_dot(const struct path *p)
{
	return p->last_len == 1 && p->last[0] == '.';
}

static bool is_dotdot(const struct path *p)
{
	return p->last_len == 2 && p->last[0] == '.' && p->last[1] == '.';
}

/* Remove d from the directory p looked up, if the checks passed (err 0). */
static long finish_delete(struct path *p, struct ramfs_dentry *d, long err)
{
	if (!err) {
		inode_touch(p->inode, true);
		inode_touch(d->inode, false);
		ramfs_unlink(d);
	}
	path_put(p);
	return err;
}

static long do_rmdir(int dfd, const char __user *uname)
{
	struct ramfs_dentry *d = NULL;
	struct path p;
	long err = delete_lookup(dfd, uname, &p, &d);

	if (err)
		;
	else if (is_dot(&p))
		err = -EINVAL;
	else if (is_dotdot(&p))
		err = -ENOTEMPTY;
	else if (!p.last_len)
		err = -EBUSY;
	else if (!d)
		err = -ENOENT;
	else if (!(err = may_delete(p.inode, d->inode, true)) && !list_empty(&d->inode->children))
		err = -ENOTEMPTY;
	return finish_delete(&p, d, err);
}

long sys_rmdir(const char __user *uname)
{
	return do_rmdir(AT_FDCWD, uname);
}

static long do_unlink(int dfd, const char __user *uname)
{
	struct ramfs_dentry *d = NULL;
	struct path p;
	long err = delete_lookup(dfd, uname, &p, &d);

	if (err)
		;
	else if (!p.last_len || is_dot(&p) || is_dotdot(&p))
		err = -EISDIR;
	else if (p.slash) /* "name/": a directory's spelling */
		err = !d ? -ENOENT : S_ISDIR(d->inode->mode) ? -EISDIR : -ENOTDIR;
	else if (!d)
		err = -ENOENT;
	else
		err = may_delete(p.inode, d->inode, false);
	return finish_delete(&p, d, err);
}

long sys_unlink(const char __user *uname)
{
	return do_unlink(AT_FDCWD, uname);
}

long sys_unlinkat(int dfd, const char __user *uname, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return flags & AT_REMOVEDIR ? do_rmdir(dfd, uname) : do_unlink(dfd, uname);
}

/* vfs_rename's permission checks, once the two entries are known. */
static int may_rename(struct path *op, struct ramfs_dentry *od, struct path *np,
		      struct ramfs_dentry *nd, unsigned int flags)
{
	struct ramfs_inode *src = od->inode;
	bool isdir = S_ISDIR(src->mode);
	int err = may_delete(op->inode, src, isdir);

	if (err)
		return err;
	if (!nd)
		err = may_create(np->inode);
	else if (flags & RENAME_EXCHANGE)
		err = may_delete(np->inode, nd->inode, S_ISDIR(nd->inode->mode));
	else
		err = may_delete(np->inode, nd->inode, isdir);
	if (err)
		return err;
	/* A directory that changes parent rewrites its "..": it must be writable. */
	if (op->inode != np->inode) {
		if (isdir && (err = inode_permission(src, MAY_WRITE)))
			return err;
		if (nd && (flags & RENAME_EXCHANGE) && S_ISDIR(nd->inode->mode))
			return inode_permission(nd->inode, MAY_WRITE);
	}
	if (nd && !(flags & RENAME_EXCHANGE) && isdir && !list_empty(&nd->inode->children))
		return -ENOTEMPTY;
	return 0;
}

/* do_renameat2's checks on the two names, before the entries' permissions. */
static int rename_checks(struct path *op, struct ramfs_dentry *od, struct path *np,
			 struct ramfs_dentry *nd, unsigned int flags)
{
	if (!op->last_len || is_dot(op) || is_dotdot(op))
		return -EBUSY;
	if (!np->last_len || is_dot(np) || is_dotdot(np))
		return flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
	if (!od)
		return -ENOENT;
	if (nd && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (!nd && (flags & RENAME_EXCHANGE))
		return -ENOENT;
	if (!(flags & RENAME_EXCHANGE) && !S_ISDIR(od->inode->mode) && (op->slash || np->slash))
		return -ENOTDIR;
	/* The source may not become its own descendant, nor the target the source's. */
	if (S_ISDIR(od->inode->mode) && ramfs_is_ancestor(od->inode, np->inode))
		return -EINVAL;
	if (nd && S_ISDIR(nd->inode->mode) && ramfs_is_ancestor(nd->inode, op->inode))
		return flags & RENAME_EXCHANGE ? -EINVAL : -ENOTEMPTY;
	return 0;
}

static void rename_exchange(struct ramfs_dentry *od, struct ramfs_dentry *nd)
{
	struct ramfs_inode *odir = od->dir, *ndir = nd->dir;
	char name[RAMFS_NAME_MAX + 1];

	strlcpy(name, od->name, sizeof(name));
	ramfs_rename(od, ndir, nd->name, strlen(nd->name), NULL);
	ramfs_rename(nd, odir, name, strlen(name), NULL);
}

long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags)
{
	struct ramfs_dentry *od = NULL, *nd = NULL;
	struct path op, np = { 0 };
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	err = delete_lookup(olddfd, oldname, &op, &od);
	if (!err)
		err = delete_lookup(newdfd, newname, &np, &nd);
	if (err == -EPERM || err == -EACCES)
		err = op.proc || np.proc ? -EXDEV : err; /* /proc is another file system */
	if (!err && (flags & RENAME_WHITEOUT))
		err = -EINVAL; /* ramfs has no whiteouts */
	if (!err)
		err = rename_checks(&op, od, &np, nd, flags);
	if (!err && nd && od->inode == nd->inode)
		goto out; /* two names of one file: nothing to do */
	if (!err)
		err = may_rename(&op, od, &np, nd, flags);
	if (err)
		goto out;
	inode_touch(od->inode, false);
	inode_touch(op.inode, true);
	inode_touch(np.inode, true);
	if (nd)
		inode_touch(nd->inode, false);
	if (flags & RENAME_EXCHANGE)
		rename_exchange(od, nd);
	else
		ramfs_rename(od, np.inode, np.last, np.last_len, nd);
out:
	path_put(&np);
	path_put(&op);
	return err;
}

long sys_renameat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname)
{
	return sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

long sys_rename(const char __user *oldname, const char __user *newname)
{
	return sys_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/* /proc is where procfs is mounted: a ramfs directory whose walks procfs finishes. */
void namei_init(void)
{
	struct ramfs_inode *proc;

	if (ramfs_lookup("/proc", &proc) && ramfs_mkdir(ramfs_root(), "/proc", 0555, &proc))
		panic("namei: cannot make /proc");
	proc->mounted = RAMFS_MOUNT_PROC;
}
