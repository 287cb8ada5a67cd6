/*
 * kernel/file.c: file descriptors and the calls on an open file: close, read, write,
 * lseek, _llseek, getdents64, ioctl. Opening is kernel/open.c's, names kernel/namei.c's,
 * stat kernel/stat.c's.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

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

struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;

	return files && fd < NR_OPEN ? files->fd[fd] : NULL;
}

/* The lowest free fd below RLIMIT_NOFILE (which never passes NR_OPEN). */
int fd_install_new(struct file *f)
{
	for (int fd = 0; fd < NR_OPEN && (unsigned long)fd < rlimit(RLIMIT_NOFILE); fd++)
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

	if (!f || (f->f_flags & O_ACCMODE) == O_WRONLY || (f->f_flags & O_ACCMODE) == O_ACCMODE)
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

	if (!f || (f->f_flags & O_ACCMODE) == O_RDONLY || (f->f_flags & O_ACCMODE) == O_ACCMODE)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->write ? f->f_op->write(f, buf, count, &f->f_pos) : -EINVAL;
}

/* /dev/null, zero, full, random...: lseek succeeds and the position stays 0 (null_lseek). */
static bool mem_device(const struct file *f)
{
	return S_ISCHR(f->f_mode) && f->f_rdev >> 8 == 1;
}

/* Move f's position: offset from the start, the current position or the end. */
static s64 file_seek(struct file *f, s64 offset, unsigned int whence)
{
	s64 size = f->f_inode ? f->f_inode->size : (s64)f->f_size;
	s64 base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (s64)f->f_pos
		   : whence == SEEK_END ? size : -1;

	if (base < 0) /* an unknown whence */
		return -EINVAL;
	if (mem_device(f))
		return f->f_pos = 0;
	if (offset < -base || offset > S64_MAX - base) /* before 0, or past the largest loff_t */
		return -EINVAL;
	f->f_pos = base + offset;
	return f->f_pos;
}

/* The file behind fd, if it has positions: -EBADF, or -ESPIPE for the console. */
static struct file *seekable_file(unsigned int fd, long *err)
{
	struct file *f = fget(fd);

	*err = !f ? -EBADF
	       : !f->f_size && !f->f_inode && !f->private_data && !mem_device(f) ? -ESPIPE : 0;
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

/* As Linux: dup2(fd, fd) only checks fd; any other target must be below RLIMIT_NOFILE. */
long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	struct file *f = fget(oldfd);

	if (f && oldfd == newfd)
		return newfd;
	if (!f || newfd >= NR_OPEN || newfd >= rlimit(RLIMIT_NOFILE))
		return -EBADF;
	if (current->files->fd[newfd])
		fput(current->files->fd[newfd]);
	current->files->fd[newfd] = f;
	f->f_count++;
	return newfd;
}
