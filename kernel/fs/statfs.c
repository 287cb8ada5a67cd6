/*
 * kernel/fs/statfs.c: statfs, fstatfs, statfs64 and fstatfs64 (Linux's fs/statfs.c), what
 * df asks of each mounted file system. The answer is the file system type's, as Linux's
 * simple_statfs (ramfs, proc: no size) and shmem_statfs (tmpfs, devtmpfs: half of RAM
 * by default, with nothing of its own counted as used: kspace keeps one tree).
 */
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/gfp.h>
#include <kspace/kernel.h>
#include <kspace/mm.h>
#include <kspace/mount.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

/* statfs f_flags (Linux's ST_*) */
#define ST_RDONLY 0x0001
#define ST_NOSUID 0x0002
#define ST_NODEV 0x0004
#define ST_NOEXEC 0x0008
#define ST_SYNCHRONOUS 0x0010
#define ST_VALID 0x0020 /* f_flags is filled in */
#define ST_NOATIME 0x0400
#define ST_NODIRATIME 0x0800
#define ST_RELATIME 0x1000
#define ST_NOSYMFOLLOW 0x2000

struct kstatfs {
	u32 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	u32 f_namelen, f_frsize, f_flags;
};

/* i386's two user layouts: 32-bit counts, and 64-bit ones packed to 4 bytes (84 bytes). */
struct statfs {
	u32 f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	u32 f_namelen, f_frsize, f_flags, f_spare[4];
};

struct statfs64 {
	u32 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	u32 f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4)));

static const struct {
	unsigned int mnt, st;
} mnt_to_st[] = {
	{ MNT_READONLY, ST_RDONLY },     { MNT_NOSUID, ST_NOSUID },   { MNT_NODEV, ST_NODEV },
	{ MNT_NOEXEC, ST_NOEXEC },       { MNT_NOATIME, ST_NOATIME }, { MNT_NODIRATIME, ST_NODIRATIME },
	{ MNT_RELATIME, ST_RELATIME },   { MNT_NOSYMFOLLOW, ST_NOSYMFOLLOW },
};

static void statfs_mnt(const struct vfsmount *m, struct kstatfs *st)
{
	*st = (struct kstatfs){ .f_type = m->type->magic, .f_bsize = PAGE_SIZE,
				.f_namelen = RAMFS_NAME_MAX, .f_frsize = PAGE_SIZE,
				.f_flags = ST_VALID | (m->sync ? ST_SYNCHRONOUS : 0) };
	for (size_t i = 0; i < ARRAY_SIZE(mnt_to_st); i++)
		if (m->mnt_flags & mnt_to_st[i].mnt)
			st->f_flags |= mnt_to_st[i].st;
	if (m->type->sized) { /* shmem's defaults: size=50%, nr_inodes=min(lowmem, RAM/2) pages */
		st->f_blocks = st->f_bfree = st->f_bavail = totalram_pages / 2;
		st->f_files = st->f_ffree = min(totalram_pages - totalhigh_pages, totalram_pages / 2);
	}
}

static long statfs_path(const char __user *upath, struct kstatfs *st)
{
	char *canon;
	long err = user_path_canonical(upath, &canon, NULL);

	if (err)
		return err;
	statfs_mnt(lookup_mnt(canon), st);
	kfree(canon);
	return 0;
}

/* A ramfs file's mount is found from its path; /proc files are proc's; others the root's. */
static long statfs_file(struct file *f, struct kstatfs *st)
{
	char *path;

	if (procfs_file(f) || !f->f_inode) {
		statfs_mnt(lookup_mnt(procfs_file(f) ? "/proc" : "/"), st);
		return 0;
	}
	path = dir_path(f->f_inode);
	if (!path)
		return -ENOMEM;
	statfs_mnt(lookup_mnt(path), st);
	kfree(path);
	return 0;
}

static long statfs_fd(unsigned int fd, struct kstatfs *st)
{
	struct fd f = fdget(fd);
	long err;

	if (!f.file)
		return -EBADF;
	err = statfs_file(f.file, st);
	fdput(f);
	return err;
}

static long put_statfs(const struct kstatfs *st, struct statfs __user *buf)
{
	struct statfs out = { st->f_type, st->f_bsize, st->f_blocks, st->f_bfree, st->f_bavail,
			      st->f_files, st->f_ffree, { st->f_fsid[0], st->f_fsid[1] },
			      st->f_namelen, st->f_frsize, st->f_flags, { 0 } };

	if ((st->f_blocks | st->f_bfree | st->f_bavail) >> 32 ||
	    (st->f_files != ~0ULL && st->f_files >> 32) || (st->f_ffree != ~0ULL && st->f_ffree >> 32))
		return -EOVERFLOW;
	return copy_to_user(buf, &out, sizeof(out)) ? -EFAULT : 0;
}

static long put_statfs64(const struct kstatfs *st, struct statfs64 __user *buf)
{
	struct statfs64 out = { st->f_type, st->f_bsize, st->f_blocks, st->f_bfree, st->f_bavail,
				st->f_files, st->f_ffree, { st->f_fsid[0], st->f_fsid[1] },
				st->f_namelen, st->f_frsize, st->f_flags, { 0 } };

	return copy_to_user(buf, &out, sizeof(out)) ? -EFAULT : 0;
}

long sys_statfs(const char __user *path, struct statfs __user *buf)
{
	struct kstatfs st;
	long err = statfs_path(path, &st);

	return err ? err : put_statfs(&st, buf);
}

long sys_fstatfs(unsigned int fd, struct statfs __user *buf)
{
	struct kstatfs st;
	long err = statfs_fd(fd, &st);

	return err ? err : put_statfs(&st, buf);
}

/* The 64-bit calls take the size of the caller's struct: only i386's 84 is right. */
long sys_statfs64(const char __user *path, size_t sz, struct statfs64 __user *buf)
{
	struct kstatfs st;
	long err;

	if (sz != sizeof(*buf))
		return -EINVAL;
	err = statfs_path(path, &st);
	return err ? err : put_statfs64(&st, buf);
}

long sys_fstatfs64(unsigned int fd, size_t sz, struct statfs64 __user *buf)
{
	struct kstatfs st;
	long err;

	if (sz != sizeof(*buf))
		return -EINVAL;
	err = statfs_fd(fd, &st);
	return err ? err : put_statfs64(&st, buf);
}
