/*
 * kernel/file.c: file descriptors and the file system calls: open, close, read,
 * write, lseek, fstat64/stat64, getdents64, chdir and getcwd. Paths are looked up
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
	kfree(f);
}

static struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;

	return files && fd < NR_OPEN ? files->fd[fd] : NULL;
}

int fd_install_new(struct file *f)
{
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (!current->files->fd[fd]) {
			current->files->fd[fd] = f;
			return fd;
		}
	return -EMFILE;
}

struct files_struct *dup_files(const struct files_struct *old)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->count = 1;
	for (int fd = 0; old && fd < NR_OPEN; fd++)
		if ((files->fd[fd] = old->fd[fd]))
			files->fd[fd]->f_count++;
	return files;
}

void put_files(struct files_struct *files)
{
	if (--files->count)
		return;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	kfree(files);
}

long simple_read_from_buffer(char __user *to, unsigned long count, unsigned long *ppos,
			     const void *from, unsigned long available)
{
	unsigned long pos = *ppos, n;

	if (pos >= available)
		return 0;
	n = min(count, available - pos);
	if (copy_to_user(to, (const char *)from + pos, n))
		return -EFAULT;
	*ppos = pos + n;
	return n;
}

/* ---- initramfs files and directories ---- */

static long ramfs_file_read(struct file *f, char __user *buf, unsigned long count)
{
	return simple_read_from_buffer(buf, count, &f->f_pos, f->f_inode->data, f->f_inode->size);
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

		if (f->f_pos >= 2 && !(e = ramfs_child_at(dir, f->f_pos - 2)))
			break;
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

static const struct file_operations ramfs_file_ops = { .read = ramfs_file_read };
static const struct file_operations ramfs_dir_ops = { .getdents64 = ramfs_getdents64 };

static int ramfs_open(const char *path, unsigned int flags, struct file **out)
{
	struct ramfs_inode *inode;
	int err = ramfs_lookup_at(current->cwd, path, 0, &inode);

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

/* For a path into /proc, what follows "proc" ("" or "/..."); NULL for any other path. */
static const char *proc_path(const char *path)
{
	const char *p = path;

	if (*p == '/')
		while (*p == '/')
			p++;
	else if (current->cwd != ramfs_root())
		return NULL;
	return !strncmp(p, "proc", 4) && (!p[4] || p[4] == '/') ? p + 4 : NULL;
}

long sys_open(const char __user *upath, int flags, int mode)
{
	struct file *f = NULL;
	char *path;
	long err = getname(upath, &path);

	(void)mode; /* nothing is ever created: the initramfs is read-only */
	if (err)
		return err;
	err = proc_path(path) ? procfs_open(proc_path(path), flags, &f) : ramfs_open(path, flags, &f);
	kfree(path);
	if (err)
		return err;
	err = fd_install_new(f);
	if (err < 0)
		fput(f);
	return err;
}

long sys_close(unsigned int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files->fd[fd] = NULL;
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
	return f->f_op->read(f, buf, count);
}

long sys_write(unsigned int fd, const char __user *buf, unsigned long count)
{
	struct file *f = fget(fd);

	if (!f || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	return f->f_op->write ? f->f_op->write(f, buf, count) : -EINVAL;
}

long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	struct file *f = fget(fd);
	long base;

	if (!f)
		return -EBADF;
	if (!f->f_size && !f->f_inode && !f->private_data)
		return -ESPIPE; /* the console */
	base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (long)f->f_pos
	       : whence == SEEK_END ? (long)f->f_size : -1;
	if (base < 0)
		return -EINVAL;
	if (base + offset < 0)
		return -EINVAL;
	f->f_pos = base + offset;
	return f->f_pos;
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

/* struct stat64 as Linux/i386 lays it out (96 bytes). */
struct stat64 {
	u64 st_dev;
	u8 __pad0[4];
	u32 __st_ino;
	u32 st_mode, st_nlink, st_uid, st_gid;
	u64 st_rdev;
	u8 __pad3[4];
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks;
	u32 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	u64 st_ino;
} __packed;

#define TTY_RDEV ((5 << 8) | 1) /* /dev/console: major 5, minor 1 */

static long fill_stat(const struct file *f, struct stat64 __user *ubuf)
{
	const struct ramfs_inode *i = f->f_inode;
	struct stat64 st = {
		.__st_ino = f->f_ino, .st_ino = f->f_ino, .st_mode = f->f_mode,
		.st_nlink = i ? i->nlink : 1, .st_uid = i ? i->uid : 0, .st_gid = i ? i->gid : 0,
		.st_rdev = S_ISCHR(f->f_mode) ? TTY_RDEV : 0, .st_size = i ? i->size : 0,
		.st_blksize = PAGE_SIZE, .st_blocks = i ? DIV_ROUND_UP(i->size, 512) : 0,
		.st_mtime = i ? i->mtime : 0, .st_atime = i ? i->mtime : 0, .st_ctime = i ? i->mtime : 0,
	};

	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstat64(unsigned int fd, struct stat64 __user *ubuf)
{
	struct file *f = fget(fd);

	return f ? fill_stat(f, ubuf) : -EBADF;
}

/* stat: open for reading, describe, close: one path for files, directories and /proc. */
long sys_stat64(const char __user *upath, struct stat64 __user *ubuf)
{
	long fd = sys_open(upath, O_RDONLY, 0), err;

	if (fd < 0)
		return fd;
	err = sys_fstat64(fd, ubuf);
	sys_close(fd);
	return err;
}

long sys_chdir(const char __user *upath)
{
	struct ramfs_inode *dir;
	char *path;
	long err = getname(upath, &path);

	if (err)
		return err;
	err = ramfs_lookup_at(current->cwd, path, 0, &dir);
	kfree(path);
	if (err)
		return err;
	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	current->cwd = dir;
	return 0;
}

/* The absolute path of dir, built right to left from the end of buf; NULL if too long. */
static char *dir_path(const struct ramfs_inode *dir, char *buf, unsigned long size)
{
	char *p = buf + size - 1;

	*p = '\0';
	for (; dir != dir->parent; dir = dir->parent) {
		unsigned long n = strlen(dir->name);

		if ((unsigned long)(p - buf) < n + 1)
			return NULL;
		p -= n;
		memcpy(p, dir->name, n);
		*--p = '/';
	}
	if (!*p)
		*--p = '/'; /* the root itself */
	return p;
}

/* Linux's getcwd returns the length including the NUL. */
long sys_getcwd(char __user *buf, unsigned long size)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL), *p;
	long len;

	if (!path)
		return -ENOMEM;
	p = dir_path(current->cwd, path, PATH_MAX);
	len = p ? (long)strlen(p) + 1 : -ENAMETOOLONG;
	if (len > 0 && (unsigned long)len > size)
		len = -ERANGE;
	else if (len > 0 && copy_to_user(buf, p, len))
		len = -EFAULT;
	kfree(path);
	return len;
}

long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	struct file *f = fget(oldfd);

	if (!f || newfd >= NR_OPEN)
		return -EBADF;
	if (oldfd == newfd)
		return newfd;
	if (current->files->fd[newfd])
		fput(current->files->fd[newfd]);
	current->files->fd[newfd] = f;
	f->f_count++;
	return newfd;
}
