/*
 * kernel/fs/stat.c: what a file is, as Linux's fs/stat.c reports it: fstat64, stat64,
 * lstat64, fstatat64 and statx, and readlink/readlinkat. A ramfs file is described
 * by its inode; a /proc file or the console by the open file (a /proc path is opened
 * for reading, described and closed).
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

#define TTY_RDEV ((5 << 8) | 1) /* /dev/console: major 5, minor 1 */

#define STATX_BASIC_STATS 0x7ffU /* type, mode, nlink, uid, gid, times, ino, size, blocks */
#define STATX_MNT_ID 0x1000U
#define STATX__RESERVED 0x80000000U
#define AT_STATX_SYNC_TYPE 0x6000

struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

/* Linux's struct statx (256 bytes), the same on every architecture. */
struct statx {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, __spare0;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 stx_mnt_id, __spare2, __spare3[12];
};

/* What both stat layouts report, gathered once (Linux's struct kstat). */
struct kstat {
	unsigned long ino;
	umode_t mode;
	u32 nlink, uid, gid, rdev;
	loff_t size;
	u64 blocks;
	struct timespec64 atime, mtime, ctime;
};

/* A file's 512-byte blocks: its pages, as ramfs and tmpfs count them. i_lock held. */
static u64 inode_blocks(const struct ramfs_inode *inode)
{
	u64 pages = 0;

	for (unsigned long i = 0; S_ISREG(inode->mode) && i < inode->nr_pages; i++)
		pages += inode->pages[i] != NULL;
	return pages * (PAGE_SIZE / 512);
}

/* Under i_lock: a write or truncate on another CPU changes the size, pages and times. */
static void inode_stat(struct ramfs_inode *i, struct kstat *st)
{
	spin_lock(&i->i_lock);
	*st = (struct kstat){
		.ino = i->ino, .mode = i->mode, .nlink = i->nlink, .uid = i->uid, .gid = i->gid,
		.rdev = i->rdev, .size = i->size, .blocks = inode_blocks(i),
		.atime = i->atime, .mtime = i->mtime, .ctime = i->ctime,
	};
	spin_unlock(&i->i_lock);
}

/* An open file: its inode, or (/proc, the console) what the file itself says. */
static void file_stat(const struct file *f, struct kstat *st)
{
	if (f->f_inode) {
		inode_stat(f->f_inode, st);
		return;
	}
	*st = (struct kstat){
		.ino = f->f_ino, .mode = f->f_mode, .nlink = 1,
		.rdev = S_ISCHR(f->f_mode) ? (f->f_rdev ?: TTY_RDEV) : 0,
	};
}

static long put_stat64(const struct kstat *k, struct stat64 __user *ubuf)
{
	struct stat64 st = {
		.__st_ino = k->ino, .st_ino = k->ino, .st_mode = k->mode, .st_nlink = k->nlink,
		.st_uid = k->uid, .st_gid = k->gid, .st_rdev = k->rdev, .st_size = k->size,
		.st_blksize = PAGE_SIZE, .st_blocks = k->blocks,
		.st_atime = k->atime.tv_sec, .st_atime_nsec = k->atime.tv_nsec,
		.st_mtime = k->mtime.tv_sec, .st_mtime_nsec = k->mtime.tv_nsec,
		.st_ctime = k->ctime.tv_sec, .st_ctime_nsec = k->ctime.tv_nsec,
	};

	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/*
 * lstat of a /proc symlink (self, <pid>/exe, <pid>/fd/N): Linux's modes (fd links are
 * lrwx------) and sizes (64 for an fd link, else 0); the inode number is made from the
 * path, so that it is the same each time.
 */
static void proc_link_stat(const char *path, struct kstat *st)
{
	umode_t mode = procfs_link_mode(path);
	unsigned long ino = 5381;

	for (const char *c = path; *c; c++)
		ino = ino * 33 + (unsigned char)*c;
	*st = (struct kstat){ .ino = ino, .mode = S_IFLNK | mode, .nlink = 1,
			      .size = mode == 0700 ? 64 : 0 };
}

/* (dfd, name) as stat sees it: flags RAMFS_LOOKUP_*; empty_ok for AT_EMPTY_PATH. */
static long stat_at(int dfd, const char __user *uname, unsigned int flags, bool empty_ok,
		    struct kstat *st)
{
	struct file *f;
	struct path p;
	long err = user_path_at(dfd, uname, flags, empty_ok, &p);

	if (err == -EOPNOTSUPP) { /* "" names a file without an inode: describe the file */
		f = fget(dfd);
		if (!f) /* closed by another thread since */
			return -EBADF;
		file_stat(f, st);
		fput(f);
		return 0;
	}
	if (err)
		return err;
	if (p.proc && (flags & RAMFS_LOOKUP_NOFOLLOW) && procfs_link_mode(p.proc)) {
		proc_link_stat(p.proc, st);
	} else if (p.proc) {
		err = procfs_open(p.proc, O_RDONLY, &f);
		if (!err) {
			file_stat(f, st);
			fput(f);
		}
	} else {
		inode_stat(p.inode, st);
	}
	path_put(&p);
	return err;
}

long sys_fstat64(unsigned int fd, struct stat64 __user *ubuf)
{
	struct fd f = fdget(fd);
	struct kstat st;

	if (!f.file)
		return -EBADF;
	file_stat(f.file, &st);
	fdput(f);
	return put_stat64(&st, ubuf);
}

long sys_fstatat64(int dfd, const char __user *uname, struct stat64 __user *ubuf, int flags)
{
	struct kstat st;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	err = stat_at(dfd, uname, flags & AT_SYMLINK_NOFOLLOW ? RAMFS_LOOKUP_NOFOLLOW : 0,
		      flags & AT_EMPTY_PATH, &st);
	return err ? err : put_stat64(&st, ubuf);
}

long sys_stat64(const char __user *uname, struct stat64 __user *ubuf)
{
	return sys_fstatat64(AT_FDCWD, uname, ubuf, 0);
}

long sys_lstat64(const char __user *uname, struct stat64 __user *ubuf)
{
	return sys_fstatat64(AT_FDCWD, uname, ubuf, AT_SYMLINK_NOFOLLOW);
}

static struct statx_timestamp statx_time(struct timespec64 t)
{
	return (struct statx_timestamp){ .tv_sec = t.tv_sec, .tv_nsec = t.tv_nsec };
}

/*
 * statx: everything in STATX_BASIC_STATS (and the mount id) is always filled,
 * whatever mask asks, as Linux's ramfs does; there is no birth time.
 */
long sys_statx(int dfd, const char __user *uname, unsigned int flags, unsigned int mask,
	       struct statx __user *ubuf)
{
	struct statx sx;
	struct kstat st;
	long err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = stat_at(dfd, uname, flags & AT_SYMLINK_NOFOLLOW ? RAMFS_LOOKUP_NOFOLLOW : 0,
		      flags & AT_EMPTY_PATH, &st);
	if (err)
		return err;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	sx.stx_blksize = PAGE_SIZE;
	sx.stx_nlink = st.nlink;
	sx.stx_uid = st.uid;
	sx.stx_gid = st.gid;
	sx.stx_mode = st.mode;
	sx.stx_ino = st.ino;
	sx.stx_size = st.size;
	sx.stx_blocks = st.blocks;
	sx.stx_atime = statx_time(st.atime);
	sx.stx_mtime = statx_time(st.mtime);
	sx.stx_ctime = statx_time(st.ctime);
	sx.stx_rdev_major = st.rdev >> 8 & 0xfff;
	sx.stx_rdev_minor = (st.rdev & 0xff) | (st.rdev >> 12 & 0xfff00);
	sx.stx_mnt_id = 1;
	return copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

/* The link's text, cut to bufsiz and not NUL-terminated, as Linux gives it. */
long sys_readlinkat(int dfd, const char __user *uname, char __user *buf, int bufsiz)
{
	struct path p;
	char *target = NULL;
	long len;

	if (bufsiz <= 0)
		return -EINVAL;
	len = user_path_at(dfd, uname, RAMFS_LOOKUP_NOFOLLOW, false, &p);
	if (len)
		return len;
	if (p.proc) {
		target = kmalloc(PATH_MAX, GFP_KERNEL);
		len = target ? procfs_readlink(p.proc, target, PATH_MAX) : -ENOMEM;
	} else if (!S_ISLNK(p.inode->mode)) {
		len = -EINVAL;
	} else {
		len = p.inode->size;
	}
	if (len > bufsiz)
		len = bufsiz;
	if (len > 0 && copy_to_user(buf, target ? target : p.inode->target, len))
		len = -EFAULT;
	kfree(target);
	path_put(&p);
	return len;
}

long sys_readlink(const char __user *uname, char __user *buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, uname, buf, bufsiz);
}
