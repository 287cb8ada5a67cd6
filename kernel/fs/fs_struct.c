/*
 * kernel/fs/fs_struct.c: a process's working directory and umask (Linux's fs/fs_struct.c).
 *
 * The cwd is a canonical absolute path. The one an fs_struct is made with sits in the
 * same allocation (cwd_buf); chdir puts a kmalloc'd one in its place, under fs->lock,
 * since threads sharing the fs (CLONE_FS) read and change it on several CPUs.
 */
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/string.h>

/* An fs_struct with room for a cwd of len bytes, in the same allocation. */
static struct fs_struct *fs_new(size_t len, unsigned int umask)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs) + len, GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = umask;
	fs->cwd = fs->cwd_buf;
	spin_lock_init(&fs->lock);
	return fs;
}

struct fs_struct *fs_alloc(const char *cwd, unsigned int umask)
{
	size_t len = strlen(cwd) + 1;
	struct fs_struct *fs = fs_new(len, umask);

	if (fs)
		memcpy(fs->cwd_buf, cwd, len);
	return fs;
}

/* A cwd other than the one fs was made with came from kmalloc. */
static void free_cwd(struct fs_struct *fs, char *cwd)
{
	if (cwd != fs->cwd_buf)
		kfree(cwd);
}

void fs_set_cwd(struct fs_struct *fs, char *cwd)
{
	char *old;

	spin_lock(&fs->lock);
	old = fs->cwd;
	fs->cwd = cwd;
	spin_unlock(&fs->lock);
	free_cwd(fs, old);
}

void put_fs(struct fs_struct *fs)
{
	bool last;

	spin_lock(&fs->lock);
	last = --fs->users == 0;
	spin_unlock(&fs->lock);
	if (last) {
		free_cwd(fs, fs->cwd);
		kfree(fs);
	}
}

/*
 * A kmalloc'd copy of fs's cwd, or NULL. Another thread sharing fs may chdir meanwhile
 * and free the old string, so it is read under fs->lock; kmalloc may sleep, so it is
 * not called under it.
 */
char *fs_cwd_dup(struct fs_struct *fs)
{
	for (;;) {
		size_t len;
		char *copy;

		spin_lock(&fs->lock);
		len = strlen(fs->cwd) + 1;
		spin_unlock(&fs->lock);
		copy = kmalloc(len, GFP_KERNEL);
		if (!copy)
			return NULL;
		spin_lock(&fs->lock);
		if (strlen(fs->cwd) < len) {
			memcpy(copy, fs->cwd, strlen(fs->cwd) + 1);
			spin_unlock(&fs->lock);
			return copy;
		}
		spin_unlock(&fs->lock); /* it grew: try again with the new length */
		kfree(copy);
	}
}

/*
 * A copy of fs, cwd included. An fs used by current alone cannot change, so its cwd
 * goes straight into the copy's own buffer; a shared one is read through fs_cwd_dup.
 */
struct fs_struct *copy_fs_struct(struct fs_struct *fs)
{
	struct fs_struct *copy;
	size_t len;
	char *cwd;

	if (__atomic_load_n(&fs->users, __ATOMIC_ACQUIRE) == 1) {
		len = strlen(fs->cwd) + 1;
		copy = fs_new(len, fs->umask);
		if (copy)
			memcpy(copy->cwd_buf, fs->cwd, len);
		return copy;
	}
	cwd = fs_cwd_dup(fs);
	if (!cwd)
		return NULL;
	copy = fs_alloc(cwd, fs->umask);
	kfree(cwd);
	return copy;
}
