/*
 * kernel/initramfs.c: unpack the initramfs, a cpio archive in the "newc" format
 * (cpio -o -H newc) that GRUB loads as a Multiboot module, into ramfs.
 *
 * Each entry is a 110-byte header of 8-digit hex fields, then the NUL-terminated
 * name, then the data, name and data each padded so the next part starts at a
 * multiple of 4. The entry named TRAILER!!! ends the archive; what follows it (cpio
 * pads to 512-byte blocks) is ignored. Entries go into a staging tree that is grafted
 * onto / only once the trailer is reached, so a corrupt archive is reported and
 * leaves no trace.
 *
 * Directories, regular files and symlinks are unpacked. Names are paths from the
 * archive's root, resolved as ramfs resolves paths from /: "bin/sh", "./bin/sh" and
 * "/bin/sh" are one file, "." is / itself. A directory must come before what it
 * holds (cpio fed by find always does that), and a name with a ".." component is
 * refused: it can only serve to escape. A directory that is repeated, or that /
 * already has, keeps the attributes it has. Device nodes, FIFOs and sockets are
 * skipped with a warning: ramfs has no such files. Hard links become copies.
 */
#include <kspace/errno.h>
#include <kspace/initramfs.h>
#include <kspace/printk.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>
#include <kspace/string.h>

#define NEWC_MAGIC "070701"
#define NEWC_MAGIC_LEN 6
#define NEWC_HEADER_SIZE 110 /* the magic and 13 fields of 8 hex digits */
#define NEWC_TRAILER "TRAILER!!!"

/* The header's fields, in archive order. */
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	NR_FIELDS
};

struct cpio_entry {
	unsigned long offset; /* of the header in the archive */
	u32 field[NR_FIELDS];
	const char *name;     /* NUL-terminated */
	const u8 *data;       /* field[F_FILESIZE] bytes */
	unsigned long next;   /* offset of the following header */
};

/* The archive being unpacked, and what has come of it so far. */
struct unpack {
	const u8 *buf;
	unsigned long len;
	struct ramfs_inode *tree; /* the staging tree */
	unsigned long dirs, files, symlinks, bytes;
};

static bool parse_hex8(const u8 *p, u32 *val)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			v = v << 4 | (p[i] - '0');
		else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f') /* either case */
			v = v << 4 | ((p[i] | 0x20) - 'a' + 10);
		else
			return false;
	}
	*val = v;
	return true;
}

/*
 * Advance *off past n bytes and the padding to a multiple of 4; false if that goes
 * past len. Comparing with what is left, never adding to *off first, cannot wrap.
 */
static bool skip_padded(unsigned long *off, unsigned long n, unsigned long len)
{
	if (n > len - *off)
		return false;
	*off += n;
	n = (4 - *off % 4) % 4;
	if (n > len - *off)
		return false;
	*off += n;
	return true;
}

/* Decode the entry at off (<= len) into e. Returns NULL, or what is wrong with it. */
static const char *parse_entry(const struct unpack *u, unsigned long off, struct cpio_entry *e)
{
	const u8 *header = u->buf + off;
	u32 namesize;

	e->offset = off;
	if (off == u->len)
		return "archive ends without " NEWC_TRAILER;
	if (u->len - off < NEWC_HEADER_SIZE)
		return "truncated header";
	if (memcmp(header, NEWC_MAGIC, NEWC_MAGIC_LEN))
		return "bad magic (not a cpio -H newc archive)";
	for (int i = 0; i < NR_FIELDS; i++)
		if (!parse_hex8(header + NEWC_MAGIC_LEN + 8 * i, &e->field[i]))
			return "header field is not 8 hex digits";
	namesize = e->field[F_NAMESIZE];
	if (namesize < 2 || namesize > PATH_MAX) /* an empty name, or too long */
		return "bad name size";
	off += NEWC_HEADER_SIZE;
	e->name = (const char *)u->buf + off;
	if (!skip_padded(&off, namesize, u->len))
		return "name runs past the end of the archive";
	if (strnlen(e->name, namesize) != namesize - 1)
		return "name is not NUL-terminated at its size";
	e->data = u->buf + off;
	if (!skip_padded(&off, e->field[F_FILESIZE], u->len))
		return "data runs past the end of the archive";
	e->next = off;
	return NULL;
}

#define SHOWN_NAME_SIZE 128

/*
 * The entry's name as the log shows it. The name is the archive's: a newline in it
 * would start a forged log line ("\n<0>..."), an escape sequence would reach the
 * console. So bytes outside printable ASCII, and '\\', are shown as \xNN, and a long
 * name is cut with "...". buf has SHOWN_NAME_SIZE bytes.
 */
static const char *shown_name(const char *name, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;

	for (; *name; name++) {
		unsigned char c = *name;
		bool plain = c >= ' ' && c < 0x7f && c != '\\';

		if (n + (plain ? 1 : 4) > SHOWN_NAME_SIZE - 4) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		if (plain) {
			buf[n++] = c;
			continue;
		}
		buf[n++] = '\\';
		buf[n++] = 'x';
		buf[n++] = hex[c >> 4];
		buf[n++] = hex[c & 15];
	}
	buf[n] = '\0';
	return buf;
}

static int reject(const struct cpio_entry *e, const char *problem)
{
	char shown[SHOWN_NAME_SIZE];

	pr_err("initramfs: offset %lu: %s: %s; nothing unpacked\n", e->offset,
	       shown_name(e->name, shown), problem);
	return -EINVAL;
}

static int create_failed(const struct cpio_entry *e, int err)
{
	char shown[SHOWN_NAME_SIZE];

	switch (err) {
	case -ENOMEM:
		pr_err("initramfs: offset %lu: %s: out of memory; nothing unpacked\n", e->offset,
		       shown_name(e->name, shown));
		return -ENOMEM;
	case -ENOENT:
		return reject(e, "its directory does not come before it");
	case -ENOTDIR:
		return reject(e, "a parent is not a directory");
	case -EEXIST:
		return reject(e, "duplicate name");
	case -ENAMETOOLONG:
		return reject(e, "a name component is longer than 255 bytes");
	case -ELOOP:
		return reject(e, "too many symlinks in its path");
	case -EISDIR:
		return reject(e, "trailing slash on a non-directory");
	}
	return reject(e, "cannot be created");
}

static bool has_dotdot(const char *name)
{
	for (const char *p = name; *p; p++)
		if ((p == name || p[-1] == '/') && p[0] == '.' && p[1] == '.' &&
		    (p[2] == '/' || !p[2]))
			return true;
	return false;
}

/* Whether / has name already, as anything but a directory where the archive has one. */
static bool clashes(const char *name, u32 mode)
{
	struct ramfs_inode *old;

	if (ramfs_lookup_at(ramfs_root(), name, RAMFS_LOOKUP_NOFOLLOW, &old))
		return false;
	return !(S_ISDIR(old->mode) && S_ISDIR(mode));
}

static void set_attrs(struct ramfs_inode *inode, const struct cpio_entry *e)
{
	inode->uid = e->field[F_UID];
	inode->gid = e->field[F_GID];
	inode->mtime.tv_sec = e->field[F_MTIME];
	inode->atime = inode->ctime = inode->mtime;
}

static int install_dir(struct unpack *u, const struct cpio_entry *e)
{
	struct ramfs_inode *inode;
	int err;

	err = ramfs_lookup_at(u->tree, e->name, RAMFS_LOOKUP_NOFOLLOW, &inode);
	if (!err && S_ISDIR(inode->mode))
		return 0; /* "." or a repeat */
	err = ramfs_mkdir(u->tree, e->name, e->field[F_MODE] & S_IALLUGO, &inode);
	if (err)
		return create_failed(e, err);
	set_attrs(inode, e);
	u->dirs++;
	return 0;
}

static bool same_file(const struct cpio_entry *a, const struct cpio_entry *b)
{
	return S_ISREG(b->field[F_MODE]) && a->field[F_INO] == b->field[F_INO] &&
	       a->field[F_DEVMAJOR] == b->field[F_DEVMAJOR] &&
	       a->field[F_DEVMINOR] == b->field[F_DEVMINOR];
}

/*
 * newc stores the data of hard-linked files once, with the last name of the group;
 * the others come with none. Find e's among the entries after it.
 */
static void find_link_data(const struct unpack *u, const struct cpio_entry *e, const u8 **data,
			   unsigned long *size)
{
	struct cpio_entry link;

	for (unsigned long off = e->next; !parse_entry(u, off, &link); off = link.next) {
		if (!strcmp(link.name, NEWC_TRAILER))
			return;
		if (same_file(e, &link) && link.field[F_FILESIZE]) {
			*data = link.data;
			*size = link.field[F_FILESIZE];
			return;
		}
	}
}

static int install_file(struct unpack *u, const struct cpio_entry *e)
{
	const u8 *data = e->data;
	unsigned long size = e->field[F_FILESIZE];
	struct ramfs_inode *inode;
	int err;

	if (!size && e->field[F_NLINK] > 1)
		find_link_data(u, e, &data, &size);
	err = ramfs_create(u->tree, e->name, e->field[F_MODE] & S_IALLUGO, data, size, &inode);
	if (err)
		return create_failed(e, err);
	set_attrs(inode, e);
	u->files++;
	u->bytes += size;
	return 0;
}

/* The data is the target, without a NUL. */
static int install_symlink(struct unpack *u, const struct cpio_entry *e)
{
	unsigned long size = e->field[F_FILESIZE];
	struct ramfs_inode *inode;
	char *target;
	int err;

	if (!size || size >= PATH_MAX)
		return reject(e, "bad symlink target length");
	if (strnlen((const char *)e->data, size) != size)
		return reject(e, "NUL in symlink target");
	target = kmalloc(size + 1, GFP_KERNEL);
	if (!target)
		return create_failed(e, -ENOMEM);
	memcpy(target, e->data, size);
	target[size] = '\0';
	err = ramfs_symlink(u->tree, e->name, target, &inode);
	kfree(target);
	if (err)
		return create_failed(e, err);
	set_attrs(inode, e);
	u->symlinks++;
	return 0;
}

static int install(struct unpack *u, const struct cpio_entry *e)
{
	char shown[SHOWN_NAME_SIZE];
	u32 mode = e->field[F_MODE];
	int err;

	if (mode & ~(u32)(S_IFMT | S_IALLUGO))
		return reject(e, "bad mode");
	if (has_dotdot(e->name))
		return reject(e, "'..' in name");
	if (S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) || S_ISSOCK(mode)) {
		pr_warn("initramfs: offset %lu: %s: skipped: ramfs has no device nodes, FIFOs or "
			"sockets\n", e->offset, shown_name(e->name, shown));
		return 0;
	}
	if (S_ISDIR(mode))
		err = install_dir(u, e);
	else if (S_ISREG(mode))
		err = install_file(u, e);
	else if (S_ISLNK(mode))
		err = install_symlink(u, e);
	else
		return reject(e, "bad file type");
	if (!err && clashes(e->name, mode)) {
		pr_err("initramfs: offset %lu: %s: already exists in /; nothing unpacked\n",
		       e->offset, shown_name(e->name, shown));
		return -EEXIST;
	}
	return err;
}

static int unpack_entries(struct unpack *u)
{
	unsigned long off = 0;
	struct cpio_entry e;
	const char *problem;
	int err;

	for (;;) {
		problem = parse_entry(u, off, &e);
		if (problem) {
			pr_err("initramfs: offset %lu: %s; nothing unpacked\n", off, problem);
			return -EINVAL;
		}
		if (!strcmp(e.name, NEWC_TRAILER))
			return 0;
		err = install(u, &e);
		if (err)
			return err;
		off = e.next;
	}
}

int unpack_initramfs(const void *buf, unsigned long len)
{
	struct unpack u = { .buf = buf, .len = len };
	int err;

	u.tree = ramfs_new_tree();
	if (!u.tree) {
		pr_err("initramfs: out of memory; nothing unpacked\n");
		return -ENOMEM;
	}
	err = unpack_entries(&u);
	/* Only possible through a symlink in the archive that leads onto what / has. */
	if (!err && ramfs_graft(ramfs_root(), u.tree)) {
		pr_err("initramfs: archive clashes with files already in /; nothing unpacked\n");
		err = -EEXIST;
	}
	if (err) {
		ramfs_remove_tree(u.tree);
		return err;
	}
	pr_info("initramfs: unpacked %lu directories, %lu files, %lu bytes, %lu symlinks\n", u.dirs,
		u.files, u.bytes, u.symlinks);
	return 0;
}
