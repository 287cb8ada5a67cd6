/*
 * kernel/fs/readdir.c: getdents64 of a ramfs directory, as Linux's dcache_readdir: "." and
 * "..", then the entries in name order, each record a linux_dirent64. A listing that
 * runs while other CPUs add and remove names still returns each name that stays
 * exactly once: it resumes after the last name it returned, not at a count of
 * entries that the changes before it would shift.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/string.h>

#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

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
	switch (mode & S_IFMT) {
	case S_IFDIR: return DT_DIR;
	case S_IFLNK: return DT_LNK;
	case S_IFCHR: return DT_CHR;
	case S_IFBLK: return DT_BLK;
	case S_IFIFO: return DT_FIFO;
	case S_IFSOCK: return DT_SOCK;
	}
	return DT_REG;
}

/*
 * Where the last getdents64 stopped: the position it left f_pos at and the last name it
 * returned. Resuming there goes on after that name, however the entries before it
 * changed meanwhile; after an lseek, entries are counted from the first.
 */
struct readdir_cursor {
	loff_t pos;
	char name[RAMFS_NAME_MAX + 1];
};

/* Entry f_pos: 0 is ".", 1 is "..", n >= 2 the next after the cursor or child n - 2. */
static bool dir_entry(struct file *f, struct ramfs_dirent *e)
{
	struct readdir_cursor *c = f->private_data;
	struct ramfs_inode *dir = f->f_inode;

	if (f->f_pos < 2) {
		e->ino = f->f_pos == 0 ? dir->ino : ramfs_parent_ino(dir);
		e->mode = S_IFDIR;
		strlcpy(e->name, f->f_pos == 0 ? "." : "..", sizeof(e->name));
		return true;
	}
	if (f->f_pos > INT_MAX) /* lseek put it past any directory's size */
		return false;
	if (c && c->pos == f->f_pos)
		return ramfs_readdir(dir, c->name, 0, e);
	return ramfs_readdir(dir, NULL, f->f_pos - 2, e);
}

long ramfs_getdents64(struct file *f, void __user *dirp, unsigned long count)
{
	struct readdir_cursor *c = f->private_data;
	unsigned long done = 0, n;
	struct ramfs_dirent e;

	if (!c && !(c = f->private_data = kzalloc(sizeof(*c), GFP_KERNEL)))
		return -ENOMEM;
	while (dir_entry(f, &e)) {
		bool child = f->f_pos >= 2;

		n = put_dirent((char __user *)dirp + done, count - done, e.ino, f->f_pos + 1,
			       dirent_type(e.mode), e.name);
		if (n == (unsigned long)-1)
			return -EFAULT;
		if (!n)
			return done ? (long)done : -EINVAL; /* not even one record fits */
		done += n;
		f->f_pos++;
		if (child) {
			c->pos = f->f_pos;
			memcpy(c->name, e.name, sizeof(c->name));
		}
	}
	return done;
}
