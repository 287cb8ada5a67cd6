/*
 * kernel/fs/namespace.c: mount(2), umount(2), umount2(2), the mount list behind
 * /proc/mounts and the file system types of /proc/filesystems (Linux's fs/namespace.c and proc_namespace.c). kspace has a single tree,
 * so a mount only records a file system type for a directory (see <kspace/mount.h>):
 * what busybox's mount, umount and df see is Linux's, the files stay the tree's.
 * The checks and their order are Linux 6.1's (ksys_mount, path_mount, do_new_mount,
 * ksys_umount, can_umount, do_umount).
 */
#include <asm/uaccess.h>
#include <kspace/cred.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/mount.h>
#include <kspace/proc_fs.h>
#include <kspace/ramfs.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

#define PROC_SUPER_MAGIC 0x9fa0
#define RAMFS_MAGIC 0x858458f6
#define TMPFS_MAGIC 0x01021994

static const struct file_system_type rootfs_type = { "rootfs", RAMFS_MAGIC, false };
static const struct file_system_type fs_types[] = {
	{ "proc", PROC_SUPER_MAGIC, false },
	{ "ramfs", RAMFS_MAGIC, false },
	{ "tmpfs", TMPFS_MAGIC, true },
	{ "devtmpfs", TMPFS_MAGIC, true }, /* devtmpfs is a tmpfs holding device nodes */
};

/* The mounts in mount order; the root is always the first. */
static struct list_head mount_list;
static struct vfsmount root_mnt = {
	.list = { &mount_list, &mount_list }, .devname = "rootfs", .mountpoint = "/",
	.type = &rootfs_type,
};
static struct list_head mount_list = { &root_mnt.list, &root_mnt.list };
static struct list_head *const mounts = &mount_list;

static bool path_under(const char *canon, const char *mountpoint)
{
	size_t n = strlen(mountpoint);

	if (n == 1)
		return true; /* "/" */
	return !strncmp(canon, mountpoint, n) && (canon[n] == '/' || !canon[n]);
}

const struct vfsmount *lookup_mnt(const char *canon)
{
	const struct vfsmount *best = &root_mnt, *m;

	list_for_each_entry(m, mounts, list)
		if (path_under(canon, m->mountpoint) && strlen(m->mountpoint) >= strlen(best->mountpoint))
			best = m;
	return best;
}

/* The mount whose root canon is (the last one, if several are stacked there), or NULL. */
static struct vfsmount *mount_at(const char *canon)
{
	struct vfsmount *m, *found = NULL;

	list_for_each_entry(m, mounts, list)
		if (!strcmp(m->mountpoint, canon))
			found = m;
	return found;
}

static const struct file_system_type *get_fs_type(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(fs_types); i++)
		if (!strcmp(fs_types[i].name, name))
			return &fs_types[i];
	return NULL;
}

/* Linux's copy_mount_string: NULL stays NULL; -EFAULT, or -EINVAL past PATH_MAX. */
static long copy_mount_string(const char __user *ustr, char **out)
{
	long len;

	*out = NULL;
	if (!ustr)
		return 0;
	*out = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!*out)
		return -ENOMEM;
	len = strncpy_from_user(*out, ustr, PATH_MAX);
	if (len >= 0 && len < PATH_MAX)
		return 0;
	kfree(*out);
	*out = NULL;
	return len < 0 ? len : -EINVAL;
}

/* MS_* to the per-mount MNT_* flags, as path_mount splits them: relatime unless told otherwise. */
static unsigned int mnt_flags_of(unsigned long flags)
{
	unsigned int mnt = flags & MS_NOATIME ? 0 : MNT_RELATIME;

	mnt |= flags & MS_NOSUID ? MNT_NOSUID : 0;
	mnt |= flags & MS_NODEV ? MNT_NODEV : 0;
	mnt |= flags & MS_NOEXEC ? MNT_NOEXEC : 0;
	mnt |= flags & MS_NOATIME ? MNT_NOATIME : 0;
	mnt |= flags & MS_NODIRATIME ? MNT_NODIRATIME : 0;
	mnt |= flags & MS_NOSYMFOLLOW ? MNT_NOSYMFOLLOW : 0;
	if (flags & MS_STRICTATIME)
		mnt &= ~(MNT_RELATIME | MNT_NOATIME);
	return mnt | (flags & MS_RDONLY ? MNT_READONLY : 0);
}

/*
 * A new mount of a tmpfs, ramfs or devtmpfs on any directory, or of proc on /proc (the
 * one place kspace shows /proc: elsewhere -EINVAL, a kspace limit). Mounts stack. On
 * success the mount keeps *canon and *devname (both set to NULL).
 */
static long do_new_mount(char **canon, umode_t mode, const char *fstype, char **devname,
			 unsigned long flags)
{
	const struct file_system_type *type;
	struct vfsmount *m;

	if (!fstype)
		return -EINVAL;
	type = get_fs_type(fstype);
	if (!type)
		return -ENODEV;
	if (!S_ISDIR(mode)) /* every type here has a directory for its root */
		return -ENOTDIR;
	if (type->magic == PROC_SUPER_MAGIC && strcmp(*canon, "/proc"))
		return -EINVAL;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	*m = (struct vfsmount){ .devname = *devname, .mountpoint = *canon, .type = type,
				.mnt_flags = mnt_flags_of(flags), .sync = flags & MS_SYNCHRONOUS };
	list_add_tail(&m->list, mounts);
	*canon = *devname = NULL;
	return 0;
}

static long path_mount(char **canon, umode_t mode, const char *fstype, char **devname,
		       unsigned long flags)
{
	struct vfsmount *m;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_NOUSER)
		return -EINVAL;
	if (!capable())
		return -EPERM;
	if (flags & (MS_REMOUNT | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) {
		unsigned long type = flags & ~(MS_REC | MS_SILENT);

		m = mount_at(*canon);
		if (!m)
			return -EINVAL; /* not the root of a mount */
		if (flags & MS_REMOUNT) {
			m->mnt_flags = mnt_flags_of(flags), m->sync = flags & MS_SYNCHRONOUS;
			return 0;
		}
		/* One propagation type and nothing else; it changes nothing in a single tree. */
		return type & (type - 1) ? -EINVAL : 0;
	}
	if (flags & (MS_BIND | MS_MOVE))
		return -EINVAL; /* kspace cannot show a tree in a second place */
	return do_new_mount(canon, mode, fstype, devname, flags);
}

long sys_mount(const char __user *dev_name, const char __user *dir_name, const char __user *type,
	       unsigned long flags, const void __user *data)
{
	char *kernel_type, *kernel_dev = NULL, *canon = NULL;
	umode_t mode = 0;
	u8 first;
	long err = copy_mount_string(type, &kernel_type);

	if (!err)
		err = copy_mount_string(dev_name, &kernel_dev);
	/* Options are copied by Linux up to a page: only an unreadable start fails. None is used. */
	if (!err && data && copy_from_user(&first, data, 1))
		err = -EFAULT;
	if (!err)
		err = user_path_canonical(dir_name, &canon, &mode);
	if (!err)
		err = path_mount(&canon, mode, kernel_type, &kernel_dev, flags);
	kfree(canon);
	kfree(kernel_dev);
	kfree(kernel_type);
	return err;
}

/* Linux's do_umount without the busy check: kspace does not count a mount's users. */
static long do_umount(struct vfsmount *m, int flags)
{
	if (flags & MNT_EXPIRE) {
		if (flags & (MNT_FORCE | MNT_DETACH))
			return -EINVAL;
		if (!m->expiry_mark) { /* the first call marks it; a second, still unused, unmounts */
			m->expiry_mark = true;
			return -EAGAIN;
		}
	}
	list_del(&m->list);
	kfree(m->devname);
	kfree(m->mountpoint);
	kfree(m);
	return 0;
}

/*
 * umount2: the path must be the root of a mount. The root file system is not
 * unmounted (-EINVAL; Linux would remount it read-only instead).
 */
long sys_umount(const char __user *name, int flags)
{
	struct vfsmount *m;
	char *canon;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = user_path_canonical(name, &canon, NULL);
	if (err)
		return err;
	m = mount_at(canon);
	kfree(canon);
	if (!capable())
		return -EPERM;
	if (!m || m == &root_mnt)
		return -EINVAL;
	return do_umount(m, flags);
}

long sys_oldumount(const char __user *name)
{
	return sys_umount(name, 0);
}

/* Linux's mangle(): what would split the fields, escaped in octal. */
static void show_mangled(struct seq_buf *s, const char *str)
{
	for (; *str; str++)
		if (*str == ' ' || *str == '\t' || *str == '\n' || *str == '\\')
			seq_buf_printf(s, "\\%03o", (unsigned char)*str);
		else
			seq_buf_printf(s, "%c", *str);
}

static const struct {
	unsigned int flag;
	const char *name;
} mnt_opts[] = {
	{ MNT_NOSUID, ",nosuid" },     { MNT_NODEV, ",nodev" },           { MNT_NOEXEC, ",noexec" },
	{ MNT_NOATIME, ",noatime" },   { MNT_NODIRATIME, ",nodiratime" }, { MNT_RELATIME, ",relatime" },
	{ MNT_NOSYMFOLLOW, ",nosymfollow" },
};

/* /proc/mounts: "device mountpoint type options 0 0", as Linux's show_vfsmnt. */
void proc_mounts_show(struct seq_buf *s, struct task_struct *task)
{
	const struct vfsmount *m;

	(void)task;
	list_for_each_entry(m, mounts, list) {
		show_mangled(s, m->devname ? m->devname : "none");
		seq_buf_printf(s, " ");
		show_mangled(s, m->mountpoint);
		seq_buf_printf(s, " %s %s%s", m->type->name, m->mnt_flags & MNT_READONLY ? "ro" : "rw",
			       m->sync ? ",sync" : "");
		for (size_t i = 0; i < ARRAY_SIZE(mnt_opts); i++)
			if (m->mnt_flags & mnt_opts[i].flag)
				seq_buf_printf(s, "%s", mnt_opts[i].name);
		seq_buf_printf(s, " 0 0\n");
	}
}

/* /proc/filesystems: the types mount accepts, "nodev" for those without a device. */
void proc_filesystems_show(struct seq_buf *s, struct task_struct *task)
{
	(void)task;
	for (size_t i = 0; i < ARRAY_SIZE(fs_types); i++)
		seq_buf_printf(s, "nodev\t%s\n", fs_types[i].name);
}
