/*
 * kernel/fs/namei.c: from a name to a file, as Linux's fs/namei.c. A path is walked in
 * the ramfs tree from where the system call says (the root, the working directory,
 * or a directory descriptor for the *at() calls), following symlinks and checking
 * search permission in every directory for the caller's fs ids. /proc is a mount
 * point: what the path says beneath it is spelled out lexically and handed to procfs.
 *
 * Also here, Linux's permission rules for names (may_create, may_delete): creating or
 * removing a name needs write and search permission in the directory, and in a sticky
 * directory (/tmp) only the owner of a file or of the directory may remove or replace
 * it. The calls that change names are in namei_ops.c.
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

struct timespec64 current_time(void)
{
	return ns_to_timespec64(ktime_get_real_ns());
}

/* A change to inode's attributes (ctime), or to its contents too (mtime). */
void inode_touch(struct ramfs_inode *inode, bool contents)
{
	struct timespec64 now = current_time();

	spin_lock(&inode->i_lock); /* stat reads the times whole */
	inode->ctime = now;
	if (contents)
		inode->mtime = now;
	spin_unlock(&inode->i_lock);
}

/* A path longer than iname: copied again, whole, into a PATH_MAX buffer. */
static long getname_long(const char __user *upath, struct filename *fn)
{
	long len;

	fn->name = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!fn->name)
		return -ENOMEM;
	len = strncpy_from_user(fn->name, upath, PATH_MAX);
	if (len < 0 || len == PATH_MAX) {
		kfree(fn->name);
		return len < 0 ? len : -ENAMETOOLONG;
	}
	return 0;
}

long getname(const char __user *upath, struct filename *fn)
{
	long len = strncpy_from_user(fn->iname, upath, EMBEDDED_NAME_MAX);

	fn->name = fn->iname;
	if (len < 0)
		return len;
	if (!len)
		return -ENOENT;
	return len < EMBEDDED_NAME_MAX ? 0 : getname_long(upath, fn);
}

void putname(struct filename *fn)
{
	if (fn->name != fn->iname)
		kfree(fn->name);
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
	if (p->inode)
		ramfs_iput(p->inode);
	p->inode = NULL;
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
	ramfs_iput(p->inode);
	p->inode = NULL;
	err = lexical_path("/proc", nd.mnt_rest + (nd.mnt_rest[0] == '/'), &canon);
	kfree(nd.mnt_rest);
	return err ? err : walk_canonical(canon, flags, cred, p, depth);
}

/* Walk name from base, or from base_path where that is set (a /proc directory). */
static int walk_at(struct ramfs_inode *base, const char *base_path, const char *name,
		   unsigned int flags, const struct cred *cred, struct path *p)
{
	char *canon;
	int err;

	if (!base_path)
		return walk_from(base, name, flags, cred, p, 0);
	err = lexical_path(base_path, name, &canon);
	return err ? err : walk_canonical(canon, flags, cred, p, 0);
}

/* From the directory open as dfd: held by fget while the walk reads its inode or path. */
static int walk_at_fd(int dfd, const char *name, unsigned int flags, const struct cred *cred,
		      struct path *p)
{
	struct fd f = fdget(dfd);
	int err;

	if (!f.file)
		return -EBADF;
	if (!S_ISDIR(f.file->f_mode))
		err = -ENOTDIR;
	else if (f.file->f_inode)
		err = walk_at(f.file->f_inode, NULL, name, flags, cred, p);
	else
		err = walk_at(ramfs_root(), f.file->f_path, name, flags, cred, p);
	fdput(f);
	return err;
}

/*
 * Resolve (dfd, name) with RAMFS_LOOKUP_* flags and cred's permissions. A relative
 * name starts at the working directory for AT_FDCWD, else at the directory open as
 * dfd (-EBADF, or -ENOTDIR if it is not one); an absolute one ignores dfd.
 */
int path_lookupat_cred(int dfd, const char *name, unsigned int flags, const struct cred *cred,
		       struct path *p)
{
	struct ramfs_inode *base;
	char *cwd;
	int err;

	memset(p, 0, sizeof(*p));
	if (name[0] != '/' && dfd != AT_FDCWD)
		return walk_at_fd(dfd, name, flags, cred, p);
	if (name[0] == '/')
		return walk_at(ramfs_root(), NULL, name, flags, cred, p);
	cwd = fs_cwd_dup(current->fs); /* another thread may chdir meanwhile */
	if (!cwd)
		return -ENOMEM;
	if (in_proc(cwd)) {
		err = walk_at(ramfs_root(), cwd, name, flags, cred, p);
	} else if (!(err = ramfs_lookup_get(ramfs_root(), cwd, 0, &base))) {
		err = walk_at(base, NULL, name, flags, cred, p);
		ramfs_iput(base);
	}
	kfree(cwd);
	return err;
}

int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *p)
{
	return path_lookupat_cred(dfd, name, flags, &current->cred, p);
}

/* The same for a user's path; "" with AT_EMPTY_PATH (empty_ok) names dfd itself. */
int user_path_at(int dfd, const char __user *uname, unsigned int flags, bool empty_ok,
		 struct path *p)
{
	struct filename fn;
	long err = getname(uname, &fn);
	struct file *f;
	char *name;

	memset(p, 0, sizeof(*p)); /* path_put works whatever fails */
	if (err == -ENOENT && empty_ok) {
		if (dfd == AT_FDCWD)
			return path_lookupat(AT_FDCWD, ".", flags, p);
		f = fget(dfd);
		if (!f)
			return -EBADF;
		p->inode = f->f_inode;
		if (p->inode)
			ramfs_iget(p->inode);
		fput(f);
		/* no inode: a /proc file or the console, which the caller opens by fd */
		return p->inode ? 0 : -EOPNOTSUPP;
	}
	if (err)
		return err;
	if (!(flags & RAMFS_LOOKUP_PARENT)) {
		err = path_lookupat(dfd, fn.name, flags, p);
		putname(&fn);
		return err;
	}
	name = kstrdup(fn.name, GFP_KERNEL); /* p->last will point into it: it outlives fn */
	putname(&fn);
	if (!name)
		return -ENOMEM;
	err = path_lookupat(dfd, name, flags, p);
	if (!err && !p->name)
		p->name = name;
	else
		kfree(name);
	return err;
}

/* The ramfs file a path names, relative to the working directory (execve), held. */
int path_lookup(const char *name, struct ramfs_inode **out)
{
	struct path p;
	int err = path_lookupat(AT_FDCWD, name, 0, &p);

	if (!err && p.proc)
		err = -EACCES;
	if (!err) {
		*out = p.inode;
		p.inode = NULL; /* the reference is the caller's */
	}
	path_put(&p);
	return err;
}

/* The absolute path of a ramfs inode, from its names up to the root (d_path). */
char *dir_path(struct ramfs_inode *dir)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	char *path = buf ? ramfs_d_path(dir, buf, PATH_MAX) : NULL;

	if (!path) {
		kfree(buf);
		return NULL;
	}
	memmove(buf, path, buf + PATH_MAX - path);
	if (!buf[0])
		strlcpy(buf, "/", PATH_MAX);
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
int may_create(struct ramfs_inode *dir)
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
int may_delete(struct ramfs_inode *dir, struct ramfs_inode *victim, bool isdir)
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
 * A new inode named p->last in p->inode, whose i_mutex the caller holds (*out stays
 * valid while it does): current's fs ids own it, or the directory's group if the
 * directory is set-group-ID (a new directory inherits the bit), as Linux's
 * inode_init_owner. mode is final but for that. All is set before the name appears.
 */
int vfs_create(struct path *p, umode_t mode, u32 rdev, const char *target,
	       struct ramfs_inode **out)
{
	struct ramfs_inode *dir = p->inode, *inode = ramfs_new_inode(mode, rdev, target);
	int err;

	if (!inode)
		return -ENOMEM;
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
	err = ramfs_instantiate(dir, p->last, p->last_len, inode);
	if (err)
		return err;
	inode_touch(dir, true);
	if (out)
		*out = inode;
	return 0;
}

/* /proc is where procfs is mounted: a ramfs directory whose walks procfs finishes. */
void namei_init(void)
{
	struct ramfs_inode *proc;

	if (ramfs_lookup("/proc", &proc) && ramfs_mkdir(ramfs_root(), "/proc", 0555, &proc))
		panic("namei: cannot make /proc");
	proc->mounted = RAMFS_MOUNT_PROC;
}
