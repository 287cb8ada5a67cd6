/*
 * kernel/fs/file.c: file descriptors and the calls on an open file: close, read, write,
 * lseek, _llseek, getdents64, ioctl. Opening is kernel/fs/open.c's, names kernel/fs/namei.c's,
 * stat kernel/fs/stat.c's.
 */
#include <kspace/bug.h>
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

/* Descriptor fd of files, or NULL; the caller holds file_lock or is the table's only user. */
static struct file *files_lookup_fd_locked(struct files_struct *files, unsigned int fd)
{
	return fd < files->max_fds ? files->fd[fd] : NULL;
}

/* A reference to descriptor fd of files, taken under its lock: close may come at once. */
static struct file *fget_files(struct files_struct *files, unsigned int fd)
{
	struct file *f;

	spin_lock(&files->file_lock);
	f = files_lookup_fd_locked(files, fd);
	if (f)
		get_file(f);
	spin_unlock(&files->file_lock);
	return f;
}

struct file *fget(unsigned int fd)
{
	return current->files ? fget_files(current->files, fd) : NULL;
}

/* fdget of a table other tasks share (see fs.h): a reference, as fget. */
struct fd fdget_shared(unsigned int fd)
{
	struct file *f = fget(fd);

	return (struct fd){ .file = f, .put = f != NULL };
}

/* task_lock keeps task->files from being dropped (exit) or swapped (execve) meanwhile. */
struct file *fget_task(struct task_struct *task, unsigned int fd)
{
	struct file *f = NULL;

	task_lock(task);
	if (task->files)
		f = fget_files(task->files, fd);
	task_unlock(task);
	return f;
}

bool fd_is_open(unsigned int fd)
{
	struct files_struct *files = current->files;
	bool open;

	spin_lock(&files->file_lock);
	open = files_lookup_fd_locked(files, fd) != NULL;
	spin_unlock(&files->file_lock);
	return open;
}

/*
 * Make room for descriptor nr: a table twice as large (or more), the old one copied in.
 * Called and returning with files->file_lock held, but kzalloc may sleep, so the lock
 * is dropped around it: 1 says so, and the caller looks at the table again (another
 * thread may have grown it, or taken the slot it had found). 0: nr fits already.
 */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int n = files->max_fds, words;
	struct file **fd;
	unsigned long *map, *open;

	if (nr < n)
		return 0;
	if (nr >= NR_OPEN)
		return -EMFILE;
	while (n <= nr)
		n *= 2;
	words = n / BITS_PER_LONG;
	spin_unlock(&files->file_lock);
	fd = kzalloc(n * sizeof(*fd) + 2 * words * sizeof(*map), GFP_KERNEL);
	spin_lock(&files->file_lock);
	if (!fd)
		return -ENOMEM;
	if (n <= files->max_fds) { /* another thread grew it meanwhile */
		kfree(fd);
		return 1;
	}
	map = (unsigned long *)(fd + n); /* one allocation: the slots, then the bitmaps */
	open = map + words;
	memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
	memcpy(map, files->close_on_exec, files->max_fds / BITS_PER_LONG * sizeof(*map));
	memcpy(open, files->open_fds, files->max_fds / BITS_PER_LONG * sizeof(*map));
	if (files->fd != files->fd_array)
		kfree(files->fd); /* every reader holds the lock: none still looks at it */
	files->fd = fd;
	files->close_on_exec = map;
	files->open_fds = open;
	files->max_fds = n;
	return 1;
}

/* Descriptor fd now holds f (NULL: it is free again). */
static void install(struct files_struct *files, unsigned int fd, struct file *f, bool cloexec)
{
	files->fd[fd] = f;
	assign_fd_bit(files->close_on_exec, fd, cloexec);
	assign_fd_bit(files->open_fds, fd, f != NULL);
}

/*
 * The lowest free descriptor from start, grown into if needed and taken (reserved);
 * file_lock held (see expand_files).
 */
static int alloc_fd(struct files_struct *files, unsigned int start, unsigned long end,
		    bool cloexec)
{
	unsigned int fd;
	int err;

	do {
		fd = start;
		while (fd < files->max_fds && fd_bit(files->open_fds, fd))
			fd++;
		if (fd >= end)
			return -EMFILE;
		err = expand_files(files, fd);
	} while (err > 0);
	if (err)
		return err;
	assign_fd_bit(files->open_fds, fd, true);
	assign_fd_bit(files->close_on_exec, fd, cloexec);
	return fd;
}

static unsigned long nofile_end(void)
{
	return min(rlimit(RLIMIT_NOFILE), (unsigned long)NR_OPEN);
}

/* Descriptors go no higher than RLIMIT_NOFILE allows (and never past NR_OPEN). */
int fd_install_from(struct file *f, unsigned int start, bool cloexec)
{
	struct files_struct *files = current->files;
	unsigned long end = nofile_end();
	int fd;

	if (start >= end)
		return -EINVAL;
	spin_lock(&files->file_lock);
	fd = alloc_fd(files, start, end, cloexec);
	if (fd >= 0)
		files->fd[fd] = f;
	spin_unlock(&files->file_lock);
	return fd;
}

int get_unused_fd_flags(unsigned int flags)
{
	struct files_struct *files = current->files;
	int fd = -EMFILE;

	spin_lock(&files->file_lock);
	if (nofile_end())
		fd = alloc_fd(files, 0, nofile_end(), flags & O_CLOEXEC);
	spin_unlock(&files->file_lock);
	return fd;
}

void fd_install(unsigned int fd, struct file *f)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	BUG_ON(fd >= files->max_fds || !fd_bit(files->open_fds, fd) || files->fd[fd]);
	files->fd[fd] = f;
	spin_unlock(&files->file_lock);
}

void put_unused_fd(unsigned int fd)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	BUG_ON(files->fd[fd]);
	install(files, fd, NULL, false);
	spin_unlock(&files->file_lock);
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
	struct file *old = NULL;
	int err;

	spin_lock(&files->file_lock);
	do
		err = expand_files(files, fd);
	while (err > 0);
	if (!err && !files->fd[fd] && fd_bit(files->open_fds, fd))
		err = -EBUSY; /* reserved by a call still making its files (Linux's do_dup2) */
	if (!err) {
		old = files->fd[fd];
		install(files, fd, get_file(f), cloexec);
	}
	spin_unlock(&files->file_lock);
	if (old) /* its release may sleep: not under the lock */
		fput(old);
	return err ? err : (int)fd;
}

struct file *fd_remove(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f;

	spin_lock(&files->file_lock);
	f = files_lookup_fd_locked(files, fd);
	if (f)
		install(files, fd, NULL, false);
	spin_unlock(&files->file_lock);
	return f;
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *files = current->files;
	bool on;

	spin_lock(&files->file_lock);
	on = files_lookup_fd_locked(files, fd) && fd_bit(files->close_on_exec, fd);
	spin_unlock(&files->file_lock);
	return on;
}

void set_close_on_exec(unsigned int fd, bool on)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	if (files_lookup_fd_locked(files, fd))
		assign_fd_bit(files->close_on_exec, fd, on);
	spin_unlock(&files->file_lock);
}

/* Each file comes out under the lock and is put with it dropped: its release may sleep. */
void do_close_on_exec(struct files_struct *files)
{
	spin_lock(&files->file_lock);
	for (unsigned int fd = 0; fd < files->max_fds; fd++) {
		struct file *f = files->fd[fd];

		if (!f || !fd_bit(files->close_on_exec, fd))
			continue;
		install(files, fd, NULL, false);
		spin_unlock(&files->file_lock);
		fput(f);
		spin_lock(&files->file_lock);
	}
	spin_unlock(&files->file_lock);
}

/* One past the highest open descriptor: how much of the table a copy needs. */
static unsigned int open_fds_end(const struct files_struct *files)
{
	unsigned int n = files->max_fds;

	while (n > 0 && !files->fd[n - 1])
		n--;
	return n;
}

static struct files_struct *alloc_files(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	atomic_set(&files->count, 1);
	spin_lock_init(&files->file_lock);
	files->max_fds = NR_OPEN_DEFAULT;
	files->fd = files->fd_array;
	files->close_on_exec = files->close_on_exec_init;
	files->open_fds = files->open_fds_init;
	return files;
}

/*
 * The copy is sized while old's lock is held, grown with it dropped (the new table
 * is ours alone, but growing takes its lock), and old looked at again: another
 * thread may have opened more meanwhile. The slots are copied under old's lock.
 */
struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = alloc_files();
	unsigned int n;
	int err = 0;

	if (!files || !old)
		return files;
	spin_lock(&old->file_lock);
	while ((n = open_fds_end(old)) > files->max_fds) {
		spin_unlock(&old->file_lock);
		spin_lock(&files->file_lock);
		err = expand_files(files, n - 1);
		spin_unlock(&files->file_lock);
		spin_lock(&old->file_lock);
		if (err < 0)
			break;
	}
	for (unsigned int fd = 0; err >= 0 && fd < n; fd++) /* not what is only reserved */
		if (old->fd[fd])
			install(files, fd, get_file(old->fd[fd]), fd_bit(old->close_on_exec, fd));
	spin_unlock(&old->file_lock);
	if (err < 0) {
		put_files(files);
		return NULL;
	}
	return files;
}

/* The last user is gone: nobody else can reach the table, so no lock is needed. */
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

static long vfs_read(struct file *f, char __user *buf, unsigned long count)
{
	if ((f->f_flags & O_ACCMODE) == O_WRONLY || (f->f_flags & O_ACCMODE) == O_ACCMODE)
		return -EBADF;
	if (!f->f_op->read)
		return -EISDIR;
	if (!access_ok(buf, count)) /* the whole buffer, before anything is read */
		return -EFAULT;
	return f->f_op->read(f, buf, count, &f->f_pos);
}

long sys_read(unsigned int fd, char __user *buf, unsigned long count)
{
	struct fd f = fdget(fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = vfs_read(f.file, buf, count);
	fdput(f);
	return ret;
}

static long vfs_write(struct file *f, const char __user *buf, unsigned long count)
{
	if ((f->f_flags & O_ACCMODE) == O_RDONLY || (f->f_flags & O_ACCMODE) == O_ACCMODE)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->write ? f->f_op->write(f, buf, count, &f->f_pos) : -EINVAL;
}

long sys_write(unsigned int fd, const char __user *buf, unsigned long count)
{
	struct fd f = fdget(fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = vfs_write(f.file, buf, count);
	fdput(f);
	return ret;
}

/* /dev/null, zero, full, random...: lseek succeeds and the position stays 0 (null_lseek). */
static bool mem_device(const struct file *f)
{
	return S_ISCHR(f->f_mode) && f->f_rdev >> 8 == 1;
}

/* Move f's position: offset from the start, the current position or the end. */
static s64 file_seek(struct file *f, s64 offset, unsigned int whence)
{
	s64 size = f->f_inode ? i_size_read(f->f_inode) : (s64)f->f_size;
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

/* A file with no positions (the console, a pipe): -ESPIPE. */
static long check_seekable(const struct file *f)
{
	return !file_seekable(f) && !mem_device(f) ? -ESPIPE : 0;
}

/* A position past LONG_MAX is set, but cannot be returned: -EOVERFLOW, as Linux. */
long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	struct fd f = fdget(fd);
	s64 pos;

	if (!f.file)
		return -EBADF;
	pos = check_seekable(f.file) ?: file_seek(f.file, offset, whence);
	fdput(f);
	return pos > LONG_MAX ? -EOVERFLOW : (long)pos;
}

static long do_llseek(struct file *f, s64 offset, s64 __user *result, unsigned int whence)
{
	long err = check_seekable(f);
	s64 pos;

	if (err)
		return err;
	if (whence > SEEK_END)
		return -EINVAL;
	pos = file_seek(f, offset, whence);
	if (pos < 0)
		return pos;
	return copy_to_user(result, &pos, sizeof(pos)) ? -EFAULT : 0;
}

/* glibc's lseek: a 64-bit offset in two halves, the new position stored at result. */
long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		s64 __user *result, unsigned int whence)
{
	struct fd f = fdget(fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = do_llseek(f.file, (s64)((u64)offset_high << 32 | offset_low), result, whence);
	fdput(f);
	return ret;
}

long sys_getdents64(unsigned int fd, void __user *dirp, unsigned int count)
{
	struct fd f = fdget(fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = f.file->f_op->getdents64 ? f.file->f_op->getdents64(f.file, dirp, count) : -ENOTDIR;
	fdput(f);
	return ret;
}

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct fd f = fdget(fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = f.file->f_op->ioctl ? f.file->f_op->ioctl(f.file, cmd, arg) : -ENOTTY;
	fdput(f);
	return ret;
}
