/*
 * kernel/fs/char_dev.c: character devices. A device node in ramfs (mknod S_IFCHR) holds
 * only a number, major << 8 | minor in Linux's encoding; opening it asks this table
 * which driver that number means, as Linux's chrdev_open does. At boot /dev gets
 * the nodes of the devices kspace has, with Linux's numbers and modes.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/ramfs.h>
#include <kspace/string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MKDEV(major, minor) ((major) << 8 | (minor))

struct chrdev {
	const char *name; /* under /dev */
	u32 rdev;
	umode_t mode;
	int (*open)(u32 rdev, unsigned int flags, struct file **out); /* 0 or -errno */
};

static int open_mem(u32 rdev, unsigned int flags, struct file **out)
{
	(void)flags;
	*out = mem_open(rdev);
	return *out ? 0 : -ENOMEM;
}

/* /dev/tty is the caller's controlling terminal; console and ttyS0 the one console. */
static int open_tty(u32 rdev, unsigned int flags, struct file **out)
{
	return tty_open_dev(rdev, flags, out);
}

static const struct chrdev chrdevs[] = {
	{ "null", MKDEV(1, 3), 0666, open_mem },
	{ "zero", MKDEV(1, 5), 0666, open_mem },
	{ "full", MKDEV(1, 7), 0666, open_mem },
	{ "random", MKDEV(1, 8), 0666, open_mem },
	{ "urandom", MKDEV(1, 9), 0666, open_mem },
	{ "kmsg", MKDEV(1, 11), 0644, open_mem },
	{ "tty", MKDEV(5, 0), 0666, open_tty },
	{ "console", MKDEV(5, 1), 0600, open_tty },
	{ "ttyS0", MKDEV(4, 64), 0660, open_tty },
};

/* A device's name under /dev, or NULL if kspace has no such device. */
const char *chrdev_name(u32 rdev)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(chrdevs); i++)
		if (chrdevs[i].rdev == rdev)
			return chrdevs[i].name;
	return NULL;
}

int chrdev_open(u32 rdev, unsigned int flags, struct file **out)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(chrdevs); i++) {
		if (chrdevs[i].rdev != rdev)
			continue;
		int err = chrdevs[i].open(rdev, flags, out);

		if (err)
			return err;
		(*out)->f_flags = flags;
		(*out)->f_rdev = rdev;
		return 0;
	}
	return -ENXIO; /* a node for a device kspace has no driver for */
}

/* One node in /dev (locked), unless an initramfs made it already. */
static void make_node(struct ramfs_inode *dev, const struct chrdev *c)
{
	struct ramfs_inode *inode;

	if (ramfs_find(dev, c->name, strlen(c->name)))
		return;
	inode = ramfs_new_inode(S_IFCHR | c->mode, c->rdev, NULL);
	if (inode)
		inode->atime = inode->mtime = inode->ctime = current_time();
	if (!inode || ramfs_instantiate(dev, c->name, strlen(c->name), inode))
		pr_err("chrdev: cannot make /dev/%s\n", c->name);
}

/* /dev and its nodes, owned by root. */
void chrdev_init(void)
{
	struct ramfs_inode *dev;

	if (ramfs_lookup("/dev", &dev) && ramfs_mkdir(ramfs_root(), "/dev", 0755, &dev)) {
		pr_err("chrdev: cannot make /dev\n");
		return;
	}
	inode_lock(dev);
	for (unsigned int i = 0; i < ARRAY_SIZE(chrdevs); i++)
		make_node(dev, &chrdevs[i]);
	inode_unlock(dev);
}
