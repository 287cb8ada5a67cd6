/*
 * kernel/fs/fcntl.c: copying descriptors and their flags: dup, dup2, dup3 and
 * fcntl/fcntl64 (F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL,
 * F_GETPIPE_SZ). The descriptor table itself lives in kernel/fs/file.c. Two descriptors
 * made by dup share one open file: its position and its F_GETFL flags; the
 * close-on-exec flag belongs to each descriptor.
 */
#include <kspace/cred.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/pipe_fs_i.h>
#include <kspace/ramfs.h>
#include <kspace/resource.h>
#include <kspace/sched.h>
#include <kspace/syscall_defs.h>

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define F_GETPIPE_SZ 1032
#define FD_CLOEXEC 1

#define O_DIRECT 00040000
#define O_NOATIME 01000000
#define FASYNC 00020000
/* What F_SETFL may change; the rest of f_flags was fixed by open. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | FASYNC)

long sys_dup(unsigned int fd)
{
	struct file *f = fget(fd);
	int newfd;

	if (!f)
		return -EBADF;
	newfd = fd_install_from(f, 0, false); /* fget's reference becomes the new slot's */
	if (newfd < 0)
		fput(f);
	if (newfd == -EINVAL) /* RLIMIT_NOFILE is 0 */
		return -EMFILE;
	return newfd;
}

/* Linux's order of checks: flags, the same descriptor twice, newfd's range, then oldfd. */
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f;
	long err;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= rlimit(RLIMIT_NOFILE) || newfd >= NR_OPEN)
		return -EBADF;
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	err = fd_replace(newfd, f, flags & O_CLOEXEC);
	fput(f);
	return err;
}

/* dup2(fd, fd) only checks that fd is open; otherwise dup3 without flags. */
long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd)
		return fd_is_open(oldfd) ? (long)newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0);
}

static long dupfd(struct file *f, unsigned long from, bool cloexec)
{
	int fd;

	if (from >= rlimit(RLIMIT_NOFILE) || from >= NR_OPEN)
		return -EINVAL;
	get_file(f); /* the new slot's own reference, taken before another thread can close it */
	fd = fd_install_from(f, from, cloexec);
	if (fd < 0)
		fput(f);
	return fd;
}

/*
 * F_SETFL: O_DIRECT needs direct I/O, which no kspace file has (-EINVAL, as Linux for
 * ramfs and pipes); O_NOATIME is for the file's owner or root. Nothing in kspace reads
 * FASYNC or O_NOATIME, but F_GETFL reports them back as Linux does.
 */
static long setfl(struct file *f, unsigned long arg)
{
	if (arg & O_DIRECT)
		return -EINVAL;
	if ((arg & O_NOATIME) && !(f->f_flags & O_NOATIME) && !capable() &&
	    current->cred.fsuid != (f->f_inode ? f->f_inode->uid : 0))
		return -EPERM;
	f->f_flags = (arg & SETFL_MASK) | (f->f_flags & ~SETFL_MASK);
	return 0;
}

static long do_fcntl(unsigned int fd, struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case F_DUPFD:
		return dupfd(f, arg, false);
	case F_DUPFD_CLOEXEC:
		return dupfd(f, arg, true);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		return setfl(f, arg);
	case F_GETPIPE_SZ:
		return get_pipe_info(f) ? (long)PIPE_SIZE : -EBADF;
	default: /* locks, leases, owners, signals: not in kspace */
		return -EINVAL;
	}
}

long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct fd f = fdget(fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = do_fcntl(fd, f.file, cmd, arg);
	fdput(f);
	return ret;
}

/* fcntl64 differs only for the 64-bit lock commands, which kspace does not have. */
long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	return sys_fcntl(fd, cmd, arg);
}
