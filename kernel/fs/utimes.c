/*
 * kernel/fs/utimes.c: setting a file's access and modification times, as Linux's
 * fs/utimes.c: utimensat (32-bit and 64-bit time_t forms; a NULL path with a
 * descriptor is futimens), utimes, futimesat and utime. UTIME_NOW takes the current
 * time, UTIME_OMIT leaves a time alone. Touching a file (both times now) needs write
 * permission or ownership; setting explicit times needs ownership (-EPERM).
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

#define UTIME_NOW ((1L << 30) - 1L)
#define UTIME_OMIT ((1L << 30) - 2L)

struct utimbuf_user {
	long actime, modtime;
};

static bool nsec_valid(long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW || (nsec >= 0 && nsec < NSEC_PER_SEC);
}

static long set_times(struct ramfs_inode *inode, struct timespec64 *times)
{
	struct timespec64 now = current_time();
	long err;

	if (times && times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
		times = NULL;
	if (times && !owner_or_capable(inode))
		return -EPERM;
	if (!times && !owner_or_capable(inode) && (err = inode_permission(inode, MAY_WRITE)))
		return err;
	spin_lock(&inode->i_lock); /* stat reads the times whole */
	if (!times || times[0].tv_nsec != UTIME_OMIT)
		inode->atime = !times || times[0].tv_nsec == UTIME_NOW ? now : times[0];
	if (!times || times[1].tv_nsec != UTIME_OMIT)
		inode->mtime = !times || times[1].tv_nsec == UTIME_NOW ? now : times[1];
	inode->ctime = now;
	spin_unlock(&inode->i_lock);
	return 0;
}

/* Linux's do_utimes: a path (dfd-relative), or with a NULL path the file open as dfd. */
static long do_utimes(int dfd, const char __user *uname, struct timespec64 *times, int flags)
{
	struct path p;
	struct file *f;
	long err;

	if (times && (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec)))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!uname && dfd != AT_FDCWD) {
		if (flags)
			return -EINVAL;
		f = fget(dfd);
		if (!f)
			return -EBADF;
		err = f->f_inode ? set_times(f->f_inode, times) : -EPERM;
		fput(f);
		return err;
	}
	err = user_path_at(dfd, uname, flags & AT_SYMLINK_NOFOLLOW ? RAMFS_LOOKUP_NOFOLLOW : 0,
			   flags & AT_EMPTY_PATH, &p);
	if (err == -EOPNOTSUPP)
		err = -EPERM;
	if (!err)
		err = p.proc ? (current->cred.fsuid ? -EACCES : -EPERM) : set_times(p.inode, times);
	path_put(&p);
	return err;
}

/* Both UTIME_OMIT: nothing to do, and nothing is checked, as Linux. */
static bool both_omitted(const struct timespec64 *t)
{
	return t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT;
}

long sys_utimensat(int dfd, const char __user *uname, const struct old_timespec32 __user *utimes,
		   int flags)
{
	struct timespec64 t[2];

	if (utimes) {
		if (get_old_timespec32(&t[0], &utimes[0]) || get_old_timespec32(&t[1], &utimes[1]))
			return -EFAULT;
		if (both_omitted(t))
			return 0;
	}
	return do_utimes(dfd, uname, utimes ? t : NULL, flags);
}

long sys_utimensat_time64(int dfd, const char __user *uname,
			  const struct __kernel_timespec __user *utimes, int flags)
{
	struct timespec64 t[2];

	if (utimes) {
		if (get_timespec64(&t[0], &utimes[0]) || get_timespec64(&t[1], &utimes[1]))
			return -EFAULT;
		if (both_omitted(t))
			return 0;
	}
	return do_utimes(dfd, uname, utimes ? t : NULL, flags);
}

/* utimes and futimesat: microseconds, which must be below a second. */
long sys_futimesat(int dfd, const char __user *uname, const struct timeval_user __user *utimes)
{
	struct timeval_user tv[2];
	struct timespec64 t[2];

	if (!utimes)
		return do_utimes(dfd, uname, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i] = (struct timespec64){ tv[i].tv_sec, tv[i].tv_usec * 1000 };
	}
	return do_utimes(dfd, uname, t, 0);
}

long sys_utimes(const char __user *uname, const struct timeval_user __user *utimes)
{
	return sys_futimesat(AT_FDCWD, uname, utimes);
}

long sys_utime(const char __user *uname, const struct utimbuf_user __user *times)
{
	struct utimbuf_user u;
	struct timespec64 t[2];

	if (!times)
		return do_utimes(AT_FDCWD, uname, NULL, 0);
	if (copy_from_user(&u, times, sizeof(u)))
		return -EFAULT;
	t[0] = (struct timespec64){ u.actime, 0 };
	t[1] = (struct timespec64){ u.modtime, 0 };
	return do_utimes(AT_FDCWD, uname, t, 0);
}
