/*
 * kernel/file.c: file descriptors and the file system calls: open, close, read,
 * write, lseek, fstat64/stat64, getdents64, chdir, getcwd and readlink. Paths are looked up
 * in the initramfs (from the task's working directory when relative), except
 * those under /proc, which procfs answers. The initramfs is read-only here.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <uapi/asm/stat.h>

#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

struct file *alloc_file(const struct file_operations *op, unsigned int flags, umode_t mode)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (f) {
		f->f_op = op;
		f->f_count = 1;
		f->f_flags = flags;
		f->f_mode = mode;
	}
	return f;
}

void fput(struct file *f)
{
	if (--f->f_count)
		return;
	if (f->f_op->release)
		f->f_op->release(f);
	kfree(f->f_path);
	kfree(f);
}

/* ---- the descriptor table (see files_struct in fs.h) ---- */

#define BITS_PER_LONG 32

static bool fd_bit(const unsigned long *map, unsigned int fd)
{
	return map[fd / BITS_PER_LONG] >> (fd % BITS_PER_LONG) & 1;
}

static void assign_fd_bit(unsigned long *map, unsigned int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	if (on)
		map[fd / BITS_PER_LONG] |= bit;
	else
		map[fd / BITS_PER_LONG] &= ~bit;
}

struct file *files_lookup_fd_raw(const struct files_struct *files, unsigned int fd)
{
	return files && fd < files->max_fds ? files->fd[fd] : NULL;
}

struct file *fget(unsigned int fd)
{
	return files_lookup_fd_raw(current->files, fd);
}

/* Make room for descriptor nr: a table twice as large (or more), the old one copied in. */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int n = files->max_fds, words;
	struct file **fd;
	unsigned long *map;

	if (nr < n)
		return 0;
	if (nr >= NR_OPEN)
		return -EMFILE;
	while (n <= nr)
		n *= 2;
	words = n / BITS_PER_LONG;
	fd = kzalloc(n * sizeof(*fd) + words * sizeof(*map), GFP_KERNEL);
	if (!fd)
		return -ENOMEM;
	map = (unsigned long *)(fd + n); /* one allocation: the slots, then the bitmap */
	memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
	memcpy(map, files->close_on_exec, files->max_fds / BITS_PER_LONG * sizeof(*map));
	if (files->fd != files->fd_array)
		kfree(files->fd);
	files->fd = fd;
	files->close_on_exec = map;
	files->max_fds = n;
	return 0;
}

static void install(struct files_struct *files, unsigned int fd, struct file *f, bool cloexec)
{
	files->fd[fd] = f;
	assign_fd_bit(files->close_on_exec, fd, cloexec);
}

/* Descriptors go no higher than RLIMIT_NOFILE allows (and never past NR_OPEN). */
int fd_install_from(struct file *f, unsigned int start, bool cloexec)
{
	struct files_struct *files = current->files;
	unsigned long end = min(rlimit(RLIMIT_NOFILE), (unsigned long)NR_OPEN);
	unsigned int fd = start;
	int err;

	if (start >= end)
		return -EINVAL;
	while (fd < files->max_fds && files->fd[fd])
		fd++;
	if (fd >= end)
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	install(files, fd, f, cloexec);
	return fd;
}

int fd_install_new(struct file *f)
{
	bool cloexec = f->f_flags & O_CLOEXEC;
	int fd;

	f->f_flags &= ~O_CLOEXEC; /* as Linux: F_GETFL does not report it */
	fd = fd_install_from(f, 0, cloexec);
	return fd == -EINVAL ? -EMFILE : fd; /* RLIMIT_NOFILE of 0: nothing may open */
}

int fd_replace(unsigned int fd, struct file *f, bool cloexec)
{
	struct files_struct *files = current->files;
	int err = expand_files(files, fd);
	struct file *old;

	if (err)
		return err;
	old = files->fd[fd];
	f->f_count++;
	install(files, fd, f, cloexec);
	if (old)
		fput(old);
	return fd;
}

struct file *fd_remove(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f = files_lookup_fd_raw(files, fd);

	if (f)
		install(files, fd, NULL, false);
	return f;
}

bool get_close_on_exec(unsigned int fd)
{
	return fget(fd) && fd_bit(current->files->close_on_exec, fd);
}

void set_close_on_exec(unsigned int fd, bool on)
{
	if (fget(fd))
		assign_fd_bit(current->files->close_on_exec, fd, on);
}

void do_close_on_exec(struct files_struct *files)
{
	for (unsigned int w = 0; w < files->max_fds / BITS_PER_LONG; w++) {
		unsigned long bits = files->close_on_exec[w];

		for (unsigned int fd = w * BITS_PER_LONG; bits; fd++, bits >>= 1) {
			struct file *f = files->fd[fd];

			if (!(bits & 1) || !f)
				continue;
			install(files, fd, NULL, false);
			fput(f);
		}
	}
}

/* One past the highest open descriptor: how much of the table a copy needs. */
static unsigned int open_fds_end(const struct files_struct *files)
{
	unsigned int n = files->max_fds;

	while (n > 0 && !files->fd[n - 1])
		n--;
	return n;
}

struct files_struct *dup_files(const struct files_struct *old)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);
	unsigned int n = old ? open_fds_end(old) : 0;

	if (!files)
		return NULL;
	files->count = 1;
	files->max_fds = NR_OPEN_DEFAULT;
	files->fd = files->fd_array;
	files->close_on_exec = files->close_on_exec_init;
	if (n && expand_files(files, n - 1)) {
		kfree(files);
		return NULL;
	}
	for (unsigned int fd = 0; fd < n; fd++)
		if ((files->fd[fd] = old->fd[fd])) {
			files->fd[fd]->f_count++;
			assign_fd_bit(files->close_on_exec, fd, fd_bit(old->close_on_exec, fd));
		}
	return files;
}

void put_files(struct files_struct *files)
{
	if (--files->count)
		return;
	for (unsigned int fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	if (files->fd != files->fd_array)
		kfree(files->fd);
	kfree(files);
}

long simple_read_from_buffer(char __user *to, unsigned long count, loff_t *ppos,
			     const void *from, unsigned long available)
{
	unsigned long pos, n, copied;

	if (*ppos >= available || !count)
		return 0;
	pos = *ppos;
	n = min(count, available - pos);
	copied = n - copy_to_user(to, (const char *)from + pos, n);
	if (!copied)
		return -EFAULT;
	*ppos = pos + copied; /* a short copy reports what arrived, as Linux does */
	return copied;
}

/* ---- initramfs files and directories ---- */

static long ramfs_file_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	return simple_read_from_buffer(buf, count, ppos, f->f_inode->data, f->f_inode->size);
}

/* One linux_dirent64 record; 0 when it does not fit in the room left. */
static unsigned long put_dirent(void __user *dirp, unsigned long room, unsigned long ino,
				unsigned long next, unsigned char type, const char *name)
{
	unsigned long namelen = strlen(name), reclen = ALIGN(19 + namelen + 1, 8UL);
	char rec[19 + RAMFS_NAME_MAX + 1 + 8] = { 0 };

	if (reclen > room)
		return 0;
	*(u64 *)rec = ino;
	*(u64 *)(rec + 8) = next;
	*(u16 *)(rec + 16) = reclen;
	rec[18] = type;
	memcpy(rec + 19, name, namelen);
	return copy_to_user(dirp, rec, reclen) ? (unsigned long)-1 : reclen;
}

static unsigned char dirent_type(umode_t mode)
{
	return S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : DT_REG;
}

/* Entries 0 and 1 are "." and ".."; entry n >= 2 is child n - 2. */
static long ramfs_getdents64(struct file *f, void __user *dirp, unsigned long count)
{
	unsigned long done = 0;

	for (;;) {
		struct ramfs_inode *dir = f->f_inode, *e = NULL;
		const char *name = f->f_pos == 0 ? "." : "..";
		unsigned long n;

		if (f->f_pos >= 2 && (f->f_pos > INT_MAX || !(e = ramfs_child_at(dir, f->f_pos - 2))))
			break; /* the end, or a position lseek put past any directory's size */
		if (!e)
			e = f->f_pos == 0 ? dir : dir->parent;
		else
			name = e->name;
		n = put_dirent((char __user *)dirp + done, count - done, e->ino, f->f_pos + 1,
			       dirent_type(e->mode), name);
		if (n == (unsigned long)-1)
			return -EFAULT;
		if (!n)
			return done ? (long)done : -EINVAL; /* not even one record fits */
		done += n;
		f->f_pos++;
	}
	return done;
}

static const struct file_operations ramfs_file_ops = {
	.read = ramfs_file_read,
	.mmap = generic_file_mmap,
};
static const struct file_operations ramfs_dir_ops = { .getdents64 = ramfs_getdents64 };

static int ramfs_open(const char *path, unsigned int flags, struct file **out)
{
	struct ramfs_inode *inode;
	int err = ramfs_lookup(path, &inode);

	if (err)
		return err == -ENOENT && (flags & O_CREAT) ? -EROFS : err;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return S_ISDIR(inode->mode) ? -EISDIR : -EROFS;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		return -ENOTDIR;
	*out = alloc_file(S_ISDIR(inode->mode) ? &ramfs_dir_ops : &ramfs_file_ops, flags, inode->mode);
	if (!*out)
		return -ENOMEM;
	(*out)->f_inode = inode;
	(*out)->f_ino = inode->ino;
	(*out)->f_size = inode->size;
	return 0;
}

/* ---- the system calls ---- */

/* Copy a path from user space into a PATH_MAX kmalloc buffer. */
static long getname(const char __user *upath, char **out)
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
 * Where path leads from directory base (a canonical path), spelled from the root with
 * "." and ".." worked out lexically (there are no symlinks on the way to /proc), so
 * that "/bin/../proc/meminfo", or "hostname" after chdir("/proc/sys/kernel"), reaches
 * /proc. buf: PATH_MAX bytes.
 */
static bool canonical_path_at(const char *base, const char *path, char *buf)
{
	size_t len = 0;

	if (path[0] != '/' && !push_path(buf, &len, base))
		return false;
	if (!push_path(buf, &len, path))
		return false;
	if (!len)
		buf[len++] = '/';
	buf[len] = '\0';
	return true;
}

/* What follows "/proc" in a canonical path ("" or "/..."), or NULL outside /proc. */
static const char *in_proc(const char *canon)
{
	return !strncmp(canon, "/proc", 5) && (!canon[5] || canon[5] == '/') ? canon + 5 : NULL;
}

/*
 * The directory a relative path of an *at() call starts from: the working directory
 * for AT_FDCWD, else the directory open as dfd (-EBADF, or -ENOTDIR if it is not one).
 * An absolute path ignores dfd altogether, as on Linux.
 */
static int at_base(int dfd, const char *path, const char **base)
{
	struct file *f;

	*base = current->cwd;
	if (path[0] == '/' || dfd == AT_FDCWD)
		return 0;
	f = fget(dfd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_mode))
		return -ENOTDIR;
	*base = f->f_path;
	return 0;
}

/* Where (dfd, path) leads, as a canonical path in a new PATH_MAX buffer. */
static int path_at(int dfd, const char *path, char **out)
{
	const char *base;
	int err = at_base(dfd, path, &base);

	if (err)
		return err;
	*out = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!*out)
		return -ENOMEM;
	if (canonical_path_at(base, path, *out))
		return 0;
	kfree(*out);
	return -ENAMETOOLONG;
}

/* Open path: under /proc, procfs answers; elsewhere the initramfs. */
static int open_path(const char *path, unsigned int flags, struct file **out)
{
	char *canon;
	int err = path_at(AT_FDCWD, path, &canon);

	if (err)
		return err;
	if (in_proc(canon))
		err = procfs_open(in_proc(canon), flags, out);
	else
		err = ramfs_open(canon, flags, out);
	if (!err && S_ISDIR((*out)->f_mode)) { /* remember where it is, for the *at() calls */
		(*out)->f_path = kstrdup(canon, GFP_KERNEL);
		if (!(*out)->f_path) {
			fput(*out);
			err = -ENOMEM;
		}
	}
	kfree(canon);
	return err;
}

static int open_at(int dfd, const char *path, unsigned int flags, struct file **out)
{
	char *canon;
	int err = path_at(dfd, path, &canon);

	if (err)
		return err;
	err = open_path(canon, flags, out);
	kfree(canon);
	return err;
}

long sys_openat(int dfd, const char __user *upath, int flags, int mode)
{
	struct file *f = NULL;
	char *path;
	long err = getname(upath, &path);

	(void)mode; /* nothing is ever created: the initramfs is read-only */
	if (err)
		return err;
	err = open_at(dfd, path, flags, &f);
	kfree(path);
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

long sys_close(unsigned int fd)
{
	struct file *f = fd_remove(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

long sys_read(unsigned int fd, char __user *buf, unsigned long count)
{
	struct file *f = fget(fd);

	if (!f || (f->f_flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!f->f_op->read)
		return -EISDIR;
	if (!access_ok(buf, count)) /* the whole buffer, before anything is read */
		return -EFAULT;
	return f->f_op->read(f, buf, count, &f->f_pos);
}

long sys_write(unsigned int fd, const char __user *buf, unsigned long count)
{
	struct file *f = fget(fd);

	if (!f || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->write ? f->f_op->write(f, buf, count, &f->f_pos) : -EINVAL;
}

/* Move f's position: offset from the start, the current position or the end. */
static s64 file_seek(struct file *f, s64 offset, unsigned int whence)
{
	s64 base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (s64)f->f_pos
		   : whence == SEEK_END ? (s64)f->f_size : -1;

	if (base < 0) /* an unknown whence */
		return -EINVAL;
	if (offset < -base || offset > S64_MAX - base) /* before 0, or past the largest loff_t */
		return -EINVAL;
	f->f_pos = base + offset;
	return f->f_pos;
}

/* The file behind fd, if it has positions: -EBADF, or -ESPIPE for the console. */
static struct file *seekable_file(unsigned int fd, long *err)
{
	struct file *f = fget(fd);

	*err = !f ? -EBADF : !file_seekable(f) ? -ESPIPE : 0;
	return *err ? NULL : f;
}

/* A position past LONG_MAX is set, but cannot be returned: -EOVERFLOW, as Linux. */
long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	long err;
	struct file *f = seekable_file(fd, &err);
	s64 pos = f ? file_seek(f, offset, whence) : err;

	return pos > LONG_MAX ? -EOVERFLOW : (long)pos;
}

/* glibc's lseek: a 64-bit offset in two halves, the new position stored at result. */
long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		s64 __user *result, unsigned int whence)
{
	long err;
	struct file *f = seekable_file(fd, &err);
	s64 pos;

	if (!f)
		return err;
	if (whence > SEEK_END)
		return -EINVAL;
	pos = file_seek(f, (s64)((u64)offset_high << 32 | offset_low), whence);
	if (pos < 0)
		return pos;
	return copy_to_user(result, &pos, sizeof(pos)) ? -EFAULT : 0;
}

long sys_getdents64(unsigned int fd, void __user *dirp, unsigned int count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return f->f_op->getdents64 ? f->f_op->getdents64(f, dirp, count) : -ENOTDIR;
}

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
}

#define TTY_RDEV ((5 << 8) | 1) /* /dev/console: major 5, minor 1 */

/* The stat64 of an open file (its inode, if any, supplies the rest), or of inode i alone. */
static long fill_stat(unsigned long ino, umode_t mode, const struct ramfs_inode *i,
		      struct stat64 __user *ubuf)
{
	struct stat64 st = {
		.__st_ino = ino, .st_ino = ino, .st_mode = mode,
		.st_nlink = i ? i->nlink : 1, .st_uid = i ? i->uid : 0, .st_gid = i ? i->gid : 0,
		.st_rdev = S_ISCHR(mode) ? TTY_RDEV : 0, .st_size = i ? i->size : 0,
		.st_blksize = PAGE_SIZE, .st_blocks = i ? DIV_ROUND_UP(i->size, 512) : 0,
		.st_mtime = i ? i->mtime : 0, .st_atime = i ? i->mtime : 0, .st_ctime = i ? i->mtime : 0,
	};

	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long fstat_file(const struct file *f, struct stat64 __user *ubuf)
{
	return fill_stat(f->f_ino, f->f_mode, f->f_inode, ubuf);
}

long sys_fstat64(unsigned int fd, struct stat64 __user *ubuf)
{
	struct file *f = fget(fd);

	return f ? fstat_file(f, ubuf) : -EBADF;
}

/* A symlink in the initramfs, not followed: lstat's answer (1), or 0 if path is none. */
static int stat_link(const char *canon, struct stat64 __user *ubuf)
{
	struct ramfs_inode *inode;

	if (in_proc(canon) || ramfs_lookup_at(ramfs_root(), canon, RAMFS_LOOKUP_NOFOLLOW, &inode) ||
	    !S_ISLNK(inode->mode))
		return 0;
	return fill_stat(inode->ino, inode->mode, inode, ubuf) ? -EFAULT : 1;
}

/*
 * stat of (dfd, path): open it for reading (no descriptor is used), describe, close:
 * one way for files, directories and /proc. With AT_SYMLINK_NOFOLLOW a symlink
 * describes itself.
 */
static long stat_at(int dfd, const char *path, int flags, struct stat64 __user *ubuf)
{
	struct file *f;
	char *canon;
	long err = path_at(dfd, path, &canon);

	if (err)
		return err;
	err = flags & AT_SYMLINK_NOFOLLOW ? stat_link(canon, ubuf) : 0;
	if (!err) {
		err = open_path(canon, O_RDONLY, &f);
		if (!err) {
			err = fstat_file(f, ubuf);
			fput(f);
		}
	}
	kfree(canon);
	return err < 0 ? err : 0;
}

/* AT_EMPTY_PATH: "" names dfd itself, or the working directory for AT_FDCWD. */
static long stat_empty_path(int dfd, struct stat64 __user *ubuf)
{
	struct file *f;

	if (dfd == AT_FDCWD)
		return stat_at(AT_FDCWD, ".", 0, ubuf);
	f = fget(dfd);
	return f ? fstat_file(f, ubuf) : -EBADF;
}

long sys_fstatat64(int dfd, const char __user *upath, struct stat64 __user *ubuf, int flags)
{
	char *path;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	err = getname(upath, &path);
	if (err == -ENOENT && (flags & AT_EMPTY_PATH)) /* getname's answer for "" */
		return stat_empty_path(dfd, ubuf);
	if (err)
		return err;
	err = stat_at(dfd, path, flags, ubuf);
	kfree(path);
	return err;
}

long sys_stat64(const char __user *upath, struct stat64 __user *ubuf)
{
	return sys_fstatat64(AT_FDCWD, upath, ubuf, 0);
}

long sys_lstat64(const char __user *upath, struct stat64 __user *ubuf)
{
	return sys_fstatat64(AT_FDCWD, upath, ubuf, AT_SYMLINK_NOFOLLOW);
}

/* chdir: the target must open as a directory, in the initramfs or in /proc. */
long sys_chdir(const char __user *upath)
{
	struct file *f = NULL;
	char *path;
	long err = getname(upath, &path);

	if (err)
		return err;
	err = open_path(path, O_RDONLY | O_DIRECTORY, &f);
	if (!err) { /* the directory's canonical path becomes the working directory */
		kfree(current->cwd);
		current->cwd = f->f_path;
		f->f_path = NULL;
		fput(f);
	}
	kfree(path);
	return err;
}

/* Linux's getcwd returns the length including the NUL. */
long sys_getcwd(char __user *buf, unsigned long size)
{
	unsigned long len = strlen(current->cwd) + 1;

	if (len > size)
		return -ERANGE;
	return copy_to_user(buf, current->cwd, len) ? -EFAULT : (long)len;
}

/* The target of the symlink at path (not followed): in the initramfs, or under /proc. */
static int readlink_path(const char *path, char *buf, size_t size)
{
	struct ramfs_inode *inode;
	char *canon;
	int err = path_at(AT_FDCWD, path, &canon);

	if (err)
		return err;
	if (in_proc(canon))
		err = procfs_readlink(in_proc(canon), buf, size);
	else if (!(err = ramfs_lookup_at(ramfs_root(), canon, RAMFS_LOOKUP_NOFOLLOW, &inode)))
		err = S_ISLNK(inode->mode) ? (int)strlcpy(buf, inode->data, size) : -EINVAL;
	kfree(canon);
	return err;
}

/* The link's text, cut to bufsiz and not NUL-terminated, as Linux gives it. */
long sys_readlink(const char __user *upath, char __user *buf, int bufsiz)
{
	char *path, *target;
	long len;

	if (bufsiz <= 0)
		return -EINVAL;
	len = getname(upath, &path);
	if (len)
		return len;
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	len = target ? readlink_path(path, target, PATH_MAX) : -ENOMEM;
	kfree(path);
	if (len > bufsiz)
		len = bufsiz;
	if (len > 0 && copy_to_user(buf, target, len))
		len = -EFAULT;
	kfree(target);
	return len;
}

/* The initramfs file a path names, relative to the working directory (execve). */
int path_lookup(const char *path, struct ramfs_inode **out)
{
	char *canon;
	int err = path_at(AT_FDCWD, path, &canon);

	if (err)
		return err;
	err = in_proc(canon) ? -EACCES : ramfs_lookup(canon, out);
	kfree(canon);
	return err;
}

/*
 * The canonical path of what the user's path names, which must exist (mount, umount2,
 * statfs), and its mode if mode is not NULL.
 */
int user_path_canonical(const char __user *upath, char **out, umode_t *mode)
{
	struct file *f;
	char *path;
	long err = getname(upath, &path);

	*out = NULL;
	if (err)
		return err;
	err = path_at(AT_FDCWD, path, out);
	kfree(path);
	if (err) {
		*out = NULL;
		return err;
	}
	err = open_path(*out, O_RDONLY, &f);
	if (err) {
		kfree(*out);
		*out = NULL;
		return err;
	}
	if (mode)
		*mode = f->f_mode;
	fput(f);
	return 0;
}
