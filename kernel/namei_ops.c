/*
 * kernel/namei_ops.c: the calls that change names, as in Linux's fs/namei.c: mknod,
 * mkdir, symlink, link, rmdir, unlink and rename (and their *at forms), with Linux's
 * order of checks, so the same mistake gives the same errno. The walk and the
 * permission rules they rely on are namei.c's.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4

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
		err = vfs_create(&p, (mode & S_IFMT) | (mode & S_IALLUGO & ~current->fs->umask),
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
		err = vfs_create(&p, S_IFDIR | (mode & (S_IRWXUGO | S_ISVTX) & ~current->fs->umask), 0,
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
