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
		atomic_set(&f->f_count, 1);
		f->f_flags = flags;
		f->f_mode = mode;
	}
	return f;
}

void fput(struct file *f)
{
	if (!atomic_dec_and_test(&f->f_count))
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
	get_file(f);
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
	atomic_set(&files->count, 1);
	files->max_fds = NR_OPEN_DEFAULT;
	files->fd = files->fd_array;
	files->close_on_exec = files->close_on_exec_init;
	if (n && expand_files(files, n - 1)) {
		kfree(files);
		return NULL;
	}
	for (unsigned int fd = 0; fd < n; fd++)
		if ((files->fd[fd] = old->fd[fd])) {
			get_file(files->fd[fd]);
			assign_fd_bit(files->close_on_exec, fd, fd_bit(old->close_on_exec, fd));
		}
	return files;
}

void put_files(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
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

	*err = !f ? -EBADF : !file_seekable(f) && !mem_device(f) ? -ESPIPE : 0;
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
