/*
 * kernel/fs/namei_ops.c: the calls that change names, as in Linux's fs/namei.c: mknod,
 * mkdir, symlink, link, rmdir, unlink and rename (and their *at forms), with Linux's
 * order of checks, so the same mistake gives the same errno. The walk and the
 * permission rules they rely on are namei.c's.
 *
 * Each holds the i_mutex of the directory it changes from the look at the name to the
 * change (rename: both directories', ramfs_lock_rename), and rmdir and rename the
 * i_mutex of a directory they remove, so that nothing is created in it meanwhile.
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
 * non-directory; then may_create. On success the directory is locked: the name
 * stays free until the caller's inode_unlock.
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
	inode_lock(p->inode);
	if (ramfs_find(p->inode, p->last, p->last_len))
		err = -EEXIST;
	else if (p->slash && !isdir)
		err = -ENOENT;
	else
		err = may_create(p->inode);
	if (err)
		inode_unlock(p->inode);
	return err;
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
	if (!err) {
		if ((S_ISCHR(mode) || S_ISBLK(mode)) && current->cred.fsuid != 0)
			err = -EPERM; /* CAP_MKNOD */
		else
			err = vfs_create(&p, (mode & S_IFMT) | (mode & S_IALLUGO & ~current->fs->umask),
					 S_ISCHR(mode) || S_ISBLK(mode) ? dev : 0, NULL, NULL);
		inode_unlock(p.inode);
	}
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

	if (!err) {
		err = vfs_create(&p, S_IFDIR | (mode & (S_IRWXUGO | S_ISVTX) & ~current->fs->umask), 0,
				 NULL, NULL);
		inode_unlock(p.inode);
	}
	path_put(&p);
	return err;
}

long sys_mkdir(const char __user *uname, umode_t mode)
{
	return sys_mkdirat(AT_FDCWD, uname, mode);
}

long sys_symlinkat(const char __user *utarget, int dfd, const char __user *uname)
{
	struct filename target;
	struct path p;
	long err = getname(utarget, &target);

	if (err)
		return err;
	err = create_lookup(dfd, uname, false, &p);
	if (!err) {
		err = vfs_create(&p, S_IFLNK | S_IRWXUGO, 0, target.name, NULL);
		inode_unlock(p.inode);
	}
	path_put(&p);
	putname(&target);
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
	if (err)
		goto out;
	if (!inode)
		err = -EXDEV;
	else if (!(err = may_linkat(inode)) && S_ISDIR(inode->mode))
		err = -EPERM;
	else if (!err) /* -ENOENT if its last name went meanwhile */
		err = ramfs_link(new.inode, new.last, new.last_len, inode);
	if (!err) {
		inode_touch(inode, false);
		inode_touch(new.inode, true);
	}
	inode_unlock(new.inode);
out:
	path_put(&new);
	path_put(&old);
	return err;
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/* The parent walk of unlink, rmdir and each name of rename. */
static int parent_lookup(int dfd, const char __user *uname, struct path *p)
{
	int err = user_path_at(dfd, uname, RAMFS_LOOKUP_PARENT, false, p);

	if (!err && p->proc)
		err = current->cred.fsuid ? -EACCES : -EPERM;
	return err;
}

/* The entry p ends at (NULL: none), its directory locked (on success) until finish_delete. */
static int delete_lookup(int dfd, const char __user *uname, struct path *p, struct ramfs_dentry **d)
{
	int err = parent_lookup(dfd, uname, p);

	if (err)
		return err;
	inode_lock(p->inode);
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

/* Remove d from the directory p looked up, if the checks passed (err 0), and unlock it. */
static long finish_delete(struct path *p, struct ramfs_dentry *d, long err)
{
	if (!err) {
		inode_touch(p->inode, true);
		inode_touch(d->inode, false);
		ramfs_unlink(d);
	}
	inode_unlock(p->inode);
	return err;
}

/* A directory to be removed: held and locked, so that nothing is created in it. */
static struct ramfs_inode *lock_victim(struct ramfs_inode *dir)
{
	ramfs_iget(dir);
	inode_lock(dir);
	return dir;
}

static void unlock_victim(struct ramfs_inode *dir)
{
	if (!dir)
		return;
	inode_unlock(dir);
	ramfs_iput(dir);
}

static long rmdir_checks(struct path *p, struct ramfs_dentry *d, struct ramfs_inode **victim)
{
	long err;

	if (is_dot(p))
		return -EINVAL;
	if (is_dotdot(p))
		return -ENOTEMPTY;
	if (!p->last_len)
		return -EBUSY;
	if (!d)
		return -ENOENT;
	err = may_delete(p->inode, d->inode, true);
	if (err)
		return err;
	*victim = lock_victim(d->inode);
	return list_empty(&d->inode->children) ? 0 : -ENOTEMPTY;
}

static long do_rmdir(int dfd, const char __user *uname)
{
	struct ramfs_inode *victim = NULL;
	struct ramfs_dentry *d = NULL;
	struct path p;
	long err = delete_lookup(dfd, uname, &p, &d);

	if (!err) {
		err = finish_delete(&p, d, rmdir_checks(&p, d, &victim));
		unlock_victim(victim);
	}
	path_put(&p);
	return err;
}

long sys_rmdir(const char __user *uname)
{
	return do_rmdir(AT_FDCWD, uname);
}

static long unlink_checks(struct path *p, struct ramfs_dentry *d)
{
	if (!p->last_len || is_dot(p) || is_dotdot(p))
		return -EISDIR;
	if (p->slash) /* "name/": a directory's spelling */
		return !d ? -ENOENT : S_ISDIR(d->inode->mode) ? -EISDIR : -ENOTDIR;
	if (!d)
		return -ENOENT;
	return may_delete(p->inode, d->inode, false);
}

static long do_unlink(int dfd, const char __user *uname)
{
	struct ramfs_dentry *d = NULL;
	struct path p;
	long err = delete_lookup(dfd, uname, &p, &d);

	if (!err)
		err = finish_delete(&p, d, unlink_checks(&p, d));
	path_put(&p);
	return err;
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

/* Both directories locked: the entries, the checks, the change. */
static long do_rename_locked(struct path *op, struct path *np, unsigned int flags)
{
	struct ramfs_dentry *od = op->last_len ? ramfs_find(op->inode, op->last, op->last_len) : NULL;
	struct ramfs_dentry *nd = np->last_len ? ramfs_find(np->inode, np->last, np->last_len) : NULL;
	struct ramfs_inode *victim = NULL;
	long err = rename_checks(op, od, np, nd, flags);

	if (err || (nd && od->inode == nd->inode))
		return err; /* two names of one file: nothing to do */
	/* A directory replaced must stay empty: not an ancestor of op (rename_checks). */
	if (nd && !(flags & RENAME_EXCHANGE) && S_ISDIR(nd->inode->mode))
		victim = lock_victim(nd->inode);
	err = may_rename(op, od, np, nd, flags);
	if (!err) { /* before: a replaced file may go with its last name */
		inode_touch(od->inode, false);
		inode_touch(op->inode, true);
		inode_touch(np->inode, true);
		if (nd)
			inode_touch(nd->inode, false);
		if (flags & RENAME_EXCHANGE)
			err = ramfs_exchange(od, nd);
		else
			err = ramfs_rename(od, np->inode, np->last, np->last_len, nd);
	}
	unlock_victim(victim);
	return err;
}

long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags)
{
	struct path op, np = { 0 };
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	err = parent_lookup(olddfd, oldname, &op);
	if (!err)
		err = parent_lookup(newdfd, newname, &np);
	if (err == -EPERM || err == -EACCES)
		err = op.proc || np.proc ? -EXDEV : err; /* /proc is another file system */
	if (!err && (flags & RENAME_WHITEOUT))
		err = -EINVAL; /* ramfs has no whiteouts */
	if (!err) {
		ramfs_lock_rename(op.inode, np.inode);
		err = do_rename_locked(&op, &np, flags);
		ramfs_unlock_rename(op.inode, np.inode);
	}
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
