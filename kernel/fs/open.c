/*
 * kernel/fs/open.c: opening files and changing what a file is, as Linux's fs/open.c:
 * open, openat, creat (O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_NOFOLLOW, O_DIRECTORY),
 * the file operations of ramfs files and directories (getdents64: readdir.c), truncate
 * and ftruncate, chmod, chown (the 16-bit and 32-bit id forms), access and faccessat,
 * chdir, fchdir, getcwd.
 * Permissions are checked against the caller's fs ids (access: its real ids).
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

static long ramfs_file_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	return filemap_read_user(f->f_inode, ppos, buf, count);
}

/* Writing a set-ID file drops the bits, unless root writes it (file_remove_privs). */
static void remove_privs(struct ramfs_inode *inode)
{
	if (current->cred.fsuid == 0)
		return;
	if (inode->mode & S_ISUID)
		inode->mode &= ~S_ISUID;
	if ((inode->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		inode->mode &= ~S_ISGID;
}

static long ramfs_file_write(struct file *f, const char __user *buf, unsigned long count,
			     loff_t *ppos)
{
	struct ramfs_inode *inode = f->f_inode;
	long n;

	if (!count)
		return 0;
	inode_lock(inode); /* the end O_APPEND finds is where the bytes go: no writer between */
	if (f->f_flags & O_APPEND) /* every write goes to the end, even pwrite's (as Linux) */
		*ppos = inode->size;
	n = filemap_write_user(inode, ppos, buf, count);
	if (n > 0) {
		remove_privs(inode);
		inode_touch(inode, true);
	}
	inode_unlock(inode);
	return n;
}

static void ramfs_release(struct file *f)
{
	kfree(f->private_data); /* a directory's readdir cursor */
	ramfs_iput(f->f_inode);
}

static const struct file_operations ramfs_file_ops = {
	.read = ramfs_file_read,
	.write = ramfs_file_write,
	.mmap = generic_file_mmap,
	.release = ramfs_release,
};
static const struct file_operations ramfs_dir_ops = {
	.getdents64 = ramfs_getdents64,
	.release = ramfs_release,
};

/* The open file for a ramfs inode that may_open accepted. */
/* A device through its node; the file keeps the node's path, for /proc/<pid>/fd. */
static int open_device(struct ramfs_inode *inode, unsigned int flags, struct file **out)
{
	int err = chrdev_open(inode->rdev, flags, out);

	if (!err && !(*out)->f_path && !((*out)->f_path = dir_path(inode))) {
		fput(*out);
		err = -ENOMEM;
	}
	return err;
}

static int open_inode(struct ramfs_inode *inode, unsigned int flags, struct file **out)
{
	bool dir = S_ISDIR(inode->mode);

	if (S_ISCHR(inode->mode))
		return open_device(inode, flags, out);
	if (!dir && !S_ISREG(inode->mode))
		return -ENXIO; /* block devices, FIFOs and sockets have no driver here */
	*out = alloc_file(dir ? &ramfs_dir_ops : &ramfs_file_ops, flags, inode->mode);
	if (!*out)
		return -ENOMEM;
	ramfs_iget(inode);
	(*out)->f_inode = inode;
	(*out)->f_ino = inode->ino;
	return 0;
}

/* Linux's ACC_MODE: what the access mode needs; 3 asks for both (ioctl-only opens). */
static int acc_mode(unsigned int flags)
{
	static const int modes[4] = { MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE,
				      MAY_READ | MAY_WRITE };

	return modes[flags & O_ACCMODE] | (flags & O_TRUNC ? MAY_WRITE : 0);
}

/* Whether an existing inode may be opened with flags (Linux's may_open). */
static int may_open(struct ramfs_inode *inode, unsigned int flags)
{
	int mask = acc_mode(flags);

	if (S_ISLNK(inode->mode))
		return -ELOOP; /* O_NOFOLLOW met a symlink */
	if (S_ISDIR(inode->mode) && ((mask & MAY_WRITE) || (flags & O_CREAT)))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		return -ENOTDIR;
	return inode_permission(inode, mask);
}

/* A new open file for inode, with open(2)'s checks: /proc/<pid>/fd/N follows its link here. */
int inode_open(struct ramfs_inode *inode, unsigned int flags, struct file **out)
{
	int err = may_open(inode, flags);

	return err ? err : open_inode(inode, flags, out);
}

/* O_CREAT of a name that does not exist: a new empty file, opened without checks. */
static int create_file(struct path *p, umode_t mode, unsigned int flags, struct file **out)
{
	struct ramfs_inode *inode;
	int err;

	if (!p->inode->nlink)
		return -ENOENT;
	if (p->slash)
		return -EISDIR;
	err = inode_permission(p->inode, MAY_WRITE | MAY_EXEC);
	if (!err)
		err = vfs_create(p, S_IFREG | (mode & S_IALLUGO & ~current->fs->umask), 0, NULL, &inode);
	return err ? err : open_inode(inode, flags & ~O_TRUNC, out);
}

/* Where a symlink in dir leads, spelled from the root (a relative target from dir). */
static int symlink_path(struct ramfs_inode *dir, const char *target, char **out)
{
	char *path = target[0] == '/' ? NULL : dir_path(dir);
	size_t len = path ? strlen(path) : 0, tlen = strlen(target);

	*out = NULL;
	if (!path && target[0] != '/')
		return -ENOMEM;
	if (len + 1 + tlen >= PATH_MAX) {
		kfree(path);
		return -ENAMETOOLONG;
	}
	if (!path && !(path = kmalloc(PATH_MAX, GFP_KERNEL)))
		return -ENOMEM;
	if (len)
		path[len++] = '/';
	memcpy(path + len, target, tlen + 1);
	*out = path;
	return 0;
}

/* O_TRUNC of a regular file that has data. */
static void handle_truncate(struct ramfs_inode *inode)
{
	if (!S_ISREG(inode->mode))
		return;
	inode_lock(inode);
	if (inode->size) {
		filemap_truncate(inode, 0);
		inode_touch(inode, true);
	}
	inode_unlock(inode);
}

/* open(2) of an inode that exists: its checks, the open, and O_TRUNC. */
static int open_existing(struct ramfs_inode *inode, unsigned int flags, bool slash,
			 struct file **out)
{
	int err = may_open(inode, flags);

	if (!err && slash && !S_ISDIR(inode->mode))
		err = -ENOTDIR;
	if (!err)
		err = open_inode(inode, flags, out);
	if (!err && (flags & O_TRUNC))
		handle_truncate(inode);
	return err;
}

static int open_create(int dfd, const char *name, unsigned int flags, umode_t mode, int links,
		       struct file **out);

/* open(2) with O_CREAT met a symlink in dir: what it points to is opened or created. */
static int open_symlink(struct ramfs_inode *dir, struct ramfs_inode *link, unsigned int flags,
			umode_t mode, int links, struct file **out)
{
	char *path;
	int err = ++links > MAXSYMLINKS ? -ELOOP : symlink_path(dir, link->target, &path);

	if (err)
		return err;
	err = open_create(AT_FDCWD, path, flags, mode, links, out);
	kfree(path);
	return err;
}

/*
 * open with O_CREAT: the parent is walked, and the last component is created, or
 * opened if it exists (O_EXCL: -EEXIST, even for a symlink). A symlink there is
 * followed, and a dangling one creates its target, as on Linux. The directory is
 * locked while the name is looked at and made; what exists is held once it is not.
 */
static int open_create(int dfd, const char *name, unsigned int flags, umode_t mode, int links,
		       struct file **out)
{
	struct ramfs_inode *inode;
	struct ramfs_dentry *d;
	struct path p;
	int err = path_lookupat(dfd, name, RAMFS_LOOKUP_PARENT, &p);

	if (err)
		goto out;
	if (p.proc) { /* procfs has its files; it makes no new ones */
		err = procfs_open(p.proc, flags, out);
		err = err == -ENOENT ? -EACCES : err;
		goto out;
	}
	if (!p.last_len || (p.last_len <= 2 && !strncmp(p.last, "..", p.last_len))) {
		err = -EISDIR;
		goto out;
	}
	inode_lock(p.inode);
	d = ramfs_find(p.inode, p.last, p.last_len);
	if (!d) {
		err = create_file(&p, mode, flags, out);
		inode_unlock(p.inode);
		goto out;
	}
	inode = d->inode;
	ramfs_iget(inode);
	inode_unlock(p.inode);
	if (flags & O_EXCL)
		err = -EEXIST;
	else if (S_ISLNK(inode->mode) && !(flags & O_NOFOLLOW))
		err = open_symlink(p.inode, inode, flags, mode, links, out);
	else
		err = open_existing(inode, flags, p.slash, out);
	ramfs_iput(inode);
out:
	path_put(&p);
	return err;
}

/* Open (dfd, name): under /proc procfs answers; elsewhere ramfs. */
int do_filp_open(int dfd, const char *name, unsigned int flags, umode_t mode, struct file **out)
{
	struct path p;
	int err;

	if (flags & O_CREAT)
		return open_create(dfd, name, flags, mode, 0, out);
	err = path_lookupat(dfd, name, flags & O_NOFOLLOW ? RAMFS_LOOKUP_NOFOLLOW : 0, &p);
	if (err)
		return err;
	if (p.proc) {
		err = procfs_open(p.proc, flags, out);
		/* Its path: where *at() calls start from a directory, what fd/N links show. */
		if (!err && procfs_file(*out) && !(*out)->f_path) {
			err = lexical_path("/proc", p.proc + (p.proc[0] == '/'), &(*out)->f_path);
			if (err)
				fput(*out);
		}
	} else {
		err = open_existing(p.inode, flags, false, out);
	}
	path_put(&p);
	return err;
}

long sys_openat(int dfd, const char __user *upath, int flags, int mode)
{
	struct file *f = NULL;
	struct filename fn;
	long err = getname(upath, &fn);

	if (err)
		return err;
	err = do_filp_open(dfd, fn.name, flags, mode, &f);
	putname(&fn);
	if (err)
		return err;
	err = fd_install_new(f);
	if (err < 0)
		fput(f);
	return err;
}

long sys_open(const char __user *upath, int flags, int mode)
{
	return sys_openat(AT_FDCWD, upath, flags, mode);
}

long sys_creat(const char __user *upath, int mode)
{
	return sys_openat(AT_FDCWD, upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/*
 * The ramfs inode of a path (for the attribute calls), held: the caller's ramfs_iput
 * lets it go. /proc's files cannot be changed.
 */
static int attr_lookup(int dfd, const char __user *uname, unsigned int flags, bool empty_ok,
		       struct ramfs_inode **out)
{
	struct path p;
	int err = user_path_at(dfd, uname, flags, empty_ok, &p);

	if (!err && p.proc)
		err = current->cred.fsuid ? -EACCES : -EPERM;
	if (err == -EOPNOTSUPP)
		err = -EPERM;
	if (!err) {
		*out = p.inode;
		p.inode = NULL; /* the reference is the caller's */
	}
	path_put(&p);
	return err;
}

static long do_truncate(struct ramfs_inode *inode, loff_t length)
{
	if (length < 0)
		return -EINVAL;
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if (length > RAMFS_MAX_FILESIZE)
		return -EFBIG;
	inode_lock(inode); /* against writes and other truncates: see mm/filemap.c */
	remove_privs(inode);
	ramfs_truncate(inode, length);
	inode_touch(inode, true);
	inode_unlock(inode);
	return 0;
}

static long truncate_path(const char __user *upath, loff_t length)
{
	struct ramfs_inode *inode;
	long err;

	if (length < 0)
		return -EINVAL;
	err = attr_lookup(AT_FDCWD, upath, 0, false, &inode);
	if (err)
		return err;
	if (S_ISDIR(inode->mode))
		err = -EISDIR;
	else if (!(err = inode_permission(inode, MAY_WRITE)))
		err = do_truncate(inode, length);
	ramfs_iput(inode);
	return err;
}

long sys_truncate(const char __user *upath, long length)
{
	return truncate_path(upath, length);
}

long sys_truncate64(const char __user *upath, unsigned long lo, unsigned long hi)
{
	return truncate_path(upath, (loff_t)((u64)hi << 32 | lo));
}

static long ftruncate_fd(unsigned int fd, loff_t length)
{
	struct fd f = fdget(fd);
	long err = -EINVAL;

	if (!f.file)
		return -EBADF;
	if (length >= 0 && f.file->f_inode && S_ISREG(f.file->f_inode->mode) &&
	    (f.file->f_flags & (O_WRONLY | O_RDWR)))
		err = do_truncate(f.file->f_inode, length);
	fdput(f);
	return err;
}

long sys_ftruncate(unsigned int fd, unsigned long length)
{
	return ftruncate_fd(fd, (long)length); /* Linux: a negative long is -EINVAL */
}

long sys_ftruncate64(unsigned int fd, unsigned long lo, unsigned long hi)
{
	return ftruncate_fd(fd, (loff_t)((u64)hi << 32 | lo));
}

/* chmod: the owner or root; a non-member's set-group-ID bit is dropped (Linux's setattr). */
static long chmod_locked(struct ramfs_inode *inode, umode_t mode)
{
	if (!owner_or_capable(inode))
		return -EPERM;
	mode &= S_IALLUGO;
	if (current->cred.fsuid != 0 && !in_group_p(inode->gid))
		mode &= ~S_ISGID;
	inode->mode = (inode->mode & S_IFMT) | mode;
	inode_touch(inode, false);
	return 0;
}

/* Under the inode's lock, as Linux's notify_change: a write may be dropping set-ID bits. */
static long chmod_inode(struct ramfs_inode *inode, umode_t mode)
{
	long err;

	inode_lock(inode);
	err = chmod_locked(inode, mode);
	inode_unlock(inode);
	return err;
}

long sys_fchmodat(int dfd, const char __user *uname, umode_t mode)
{
	struct ramfs_inode *inode;
	long err = attr_lookup(dfd, uname, 0, false, &inode);

	if (err)
		return err;
	err = chmod_inode(inode, mode);
	ramfs_iput(inode);
	return err;
}

long sys_chmod(const char __user *uname, umode_t mode)
{
	return sys_fchmodat(AT_FDCWD, uname, mode);
}

long sys_fchmod(unsigned int fd, umode_t mode)
{
	struct fd f = fdget(fd);
	long err;

	if (!f.file)
		return -EBADF;
	err = f.file->f_inode ? chmod_inode(f.file->f_inode, mode) : -EPERM;
	fdput(f);
	return err;
}

/*
 * chown: root may give a file to anyone; its owner may only "change" its user to
 * itself and its group to one it is in. -1 leaves an id as it is. Any chown of a
 * non-directory clears set-user-ID, and set-group-ID where it means that (with group
 * exec), root's too, as Linux's chown_common asks.
 */
static long chown_locked(struct ramfs_inode *inode, u32 uid, u32 gid)
{
	bool root = current->cred.fsuid == 0, owner = current->cred.fsuid == inode->uid;

	if (uid != (u32)-1 && !root && !(owner && uid == inode->uid))
		return -EPERM;
	if (gid != (u32)-1 && !root && !(owner && (gid == inode->gid || in_group_p(gid))))
		return -EPERM;
	if (uid != (u32)-1)
		inode->uid = uid;
	if (gid != (u32)-1)
		inode->gid = gid;
	if (!S_ISDIR(inode->mode)) {
		inode->mode &= ~S_ISUID;
		if (inode->mode & S_IXGRP)
			inode->mode &= ~S_ISGID;
	}
	inode_touch(inode, false);
	return 0;
}

static long chown_inode(struct ramfs_inode *inode, u32 uid, u32 gid)
{
	long err;

	inode_lock(inode);
	err = chown_locked(inode, uid, gid);
	inode_unlock(inode);
	return err;
}

long sys_fchownat(int dfd, const char __user *uname, u32 uid, u32 gid, int flags)
{
	struct ramfs_inode *inode;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = attr_lookup(dfd, uname, flags & AT_SYMLINK_NOFOLLOW ? RAMFS_LOOKUP_NOFOLLOW : 0,
			  flags & AT_EMPTY_PATH, &inode);
	if (err)
		return err;
	err = chown_inode(inode, uid, gid);
	ramfs_iput(inode);
	return err;
}

long sys_chown32(const char __user *uname, u32 uid, u32 gid)
{
	return sys_fchownat(AT_FDCWD, uname, uid, gid, 0);
}

long sys_lchown32(const char __user *uname, u32 uid, u32 gid)
{
	return sys_fchownat(AT_FDCWD, uname, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown32(unsigned int fd, u32 uid, u32 gid)
{
	struct fd f = fdget(fd);
	long err;

	if (!f.file)
		return -EBADF;
	err = f.file->f_inode ? chown_inode(f.file->f_inode, uid, gid) : -EPERM;
	fdput(f);
	return err;
}

/* The original calls take 16-bit ids; 0xffff is -1 (Linux's low2highuid). */
static u32 high_id(u32 id)
{
	id &= 0xffff;
	return id == 0xffff ? (u32)-1 : id;
}

long sys_chown16(const char __user *uname, u32 uid, u32 gid)
{
	return sys_chown32(uname, high_id(uid), high_id(gid));
}

long sys_lchown16(const char __user *uname, u32 uid, u32 gid)
{
	return sys_lchown32(uname, high_id(uid), high_id(gid));
}

long sys_fchown16(unsigned int fd, u32 uid, u32 gid)
{
	return sys_fchown32(fd, high_id(uid), high_id(gid));
}

/*
 * access: may the caller's real ids (not its effective ones: a set-user-ID program
 * asks for its user) read, write or execute the file? F_OK: does it exist?
 */
long sys_faccessat2(int dfd, const char __user *uname, int mode, int flags)
{
	struct cred cred = current->cred;
	struct filename fn;
	struct path p;
	long err;

	if (mode & ~7)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS)) {
		cred.fsuid = cred.uid;
		cred.fsgid = cred.gid;
	}
	err = getname(uname, &fn);
	if (err == -ENOENT && (flags & AT_EMPTY_PATH))
		return dfd == AT_FDCWD || fd_is_open(dfd) ? 0 : -EBADF;
	if (err)
		return err;
	err = path_lookupat_cred(dfd, fn.name,
				 flags & AT_SYMLINK_NOFOLLOW ? RAMFS_LOOKUP_NOFOLLOW : 0, &cred, &p);
	putname(&fn);
	if (!err && p.inode && mode)
		err = ramfs_permission(p.inode, &cred, mode);
	if (!err && p.proc && (mode & MAY_WRITE) && cred.fsuid)
		err = -EACCES; /* /proc files are read-only but for root */
	path_put(&p);
	return err;
}

long sys_faccessat(int dfd, const char __user *uname, int mode)
{
	return sys_faccessat2(dfd, uname, mode, 0);
}

long sys_access(const char __user *uname, int mode)
{
	return sys_faccessat2(AT_FDCWD, uname, mode, 0);
}

/* Make the directory at p (searchable by the caller) the working directory. */
static long set_cwd(struct path *p)
{
	char *cwd;
	long err;

	if (p->proc) {
		struct file *f;

		err = procfs_open(p->proc, O_RDONLY | O_DIRECTORY, &f);
		if (err)
			return err;
		fput(f);
		err = lexical_path("/proc", p->proc + (p->proc[0] == '/'), &cwd);
		if (err)
			return err;
	} else {
		if (!S_ISDIR(p->inode->mode))
			return -ENOTDIR;
		err = inode_permission(p->inode, MAY_EXEC);
		if (err)
			return err;
		cwd = dir_path(p->inode);
		if (!cwd)
			return -ENOMEM;
	}
	fs_set_cwd(current->fs, cwd);
	return 0;
}

long sys_chdir(const char __user *upath)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, upath, 0, false, &p);

	if (!err)
		err = set_cwd(&p);
	path_put(&p);
	return err;
}

static long chdir_file(const struct file *f)
{
	struct path p = { 0 };
	long err;

	if (!S_ISDIR(f->f_mode))
		return -ENOTDIR;
	if (f->f_inode)
		return set_cwd(&(struct path){ .inode = f->f_inode });
	err = lexical_path("/", in_proc(f->f_path), &p.proc);
	if (!err)
		err = set_cwd(&p);
	path_put(&p);
	return err;
}

long sys_fchdir(unsigned int fd)
{
	struct fd f = fdget(fd);
	long err;

	if (!f.file)
		return -EBADF;
	err = chdir_file(f.file);
	fdput(f);
	return err;
}

/* Linux's getcwd returns the length including the NUL. A copy: another thread may chdir. */
long sys_getcwd(char __user *buf, unsigned long size)
{
	char *cwd = fs_cwd_dup(current->fs);
	unsigned long len;
	long err;

	if (!cwd)
		return -ENOMEM;
	len = strlen(cwd) + 1;
	if (len > size)
		err = -ERANGE;
	else
		err = copy_to_user(buf, cwd, len) ? -EFAULT : (long)len;
	kfree(cwd);
	return err;
}
