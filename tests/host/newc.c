/*
 * tests/host/newc.c: the newc archive writer and the unpack-and-check helpers that
 * the initramfs tests share; newc.h describes them.
 */
#define _GNU_SOURCE /* open_memstream, asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kapi.h"
#include "newc.h"

#include <kspace/initramfs.h>
#include <kspace/ramfs.h>

/* stub_alloc.c */
long stub_alloc_live(void);

void put(struct archive *a, const void *p, size_t n)
{
	if (a->len + n > a->cap) {
		a->cap = 2 * (a->len + n);
		a->buf = realloc(a->buf, a->cap);
	}
	if (n)
		memcpy(a->buf + a->len, p, n);
	a->len += n;
}

void pad(struct archive *a, size_t to)
{
	while (a->len % to)
		put(a, "", 1);
}

void add(struct archive *a, const struct newc *e)
{
	static unsigned int next_ino = 1000;
	char header[HEADER_SIZE + 1];
	size_t namesize = strlen(e->name) + 1;

	if (a->nr_entries < MAX_ENTRIES)
		a->entry[a->nr_entries++] = a->len;
	/* The magic; ino mode uid gid nlink mtime filesize; devices; namesize check. */
	snprintf(header, sizeof(header),
		 "070701%08X%08X%08X%08X%08X%08X%08X" "%08X%08X%08X%08X%08X%08X",
		 e->ino ? e->ino : next_ino++, e->mode, e->uid, e->gid, e->nlink ? e->nlink : 1,
		 e->mtime, (unsigned int)e->size, e->devmajor, e->devminor, e->rdevmajor,
		 e->rdevminor, (unsigned int)namesize, 0);
	put(a, header, HEADER_SIZE);
	put(a, e->name, namesize);
	pad(a, 4);
	put(a, e->data, e->size);
	pad(a, 4);
}

void add_dir(struct archive *a, const char *name, unsigned int perm)
{
	add(a, &(struct newc){ .name = name, .mode = S_IFDIR | perm, .nlink = 2, .mtime = MTIME });
}

void add_file(struct archive *a, const char *name, unsigned int perm, const char *text)
{
	add(a, &(struct newc){ .name = name, .mode = S_IFREG | perm, .uid = 1000, .gid = 100,
			       .mtime = MTIME, .data = text, .size = strlen(text) });
}

void add_symlink(struct archive *a, const char *name, const char *target)
{
	add(a, &(struct newc){ .name = name, .mode = S_IFLNK | 0777, .mtime = MTIME, .data = target,
			       .size = strlen(target) });
}

void add_trailer(struct archive *a)
{
	add(a, &(struct newc){ .name = "TRAILER!!!" });
}

void set_field(struct archive *a, int i, int f, unsigned int v)
{
	char digits[9];

	snprintf(digits, sizeof(digits), "%08X", v);
	memcpy(a->buf + a->entry[i] + 6 + 8 * f, digits, 8);
}

/* The listing shows a hash of each file's contents, so that any change to them shows. */
static unsigned long long fnv1a(const void *p, unsigned long n)
{
	unsigned long long h = 14695981039346656037ull;

	for (unsigned long i = 0; i < n; i++)
		h = (h ^ ((const unsigned char *)p)[i]) * 1099511628211ull;
	return h;
}

/* The hash of a file's bytes or a symlink's target. */
static unsigned long long content_hash(struct ramfs_inode *inode)
{
	char *data = malloc(inode->size + 1);
	unsigned long long h;

	if (!data)
		abort();
	h = fnv1a(data, S_ISDIR(inode->mode) ? 0 : ramfs_read(inode, 0, data, inode->size));
	free(data);
	return h;
}

static void list_dir(FILE *out, struct ramfs_inode *dir, const char *path)
{
	struct ramfs_dentry *d;
	struct ramfs_inode *c;
	char *p;

	for (unsigned long i = 0; (d = ramfs_child_at(dir, i)); i++) {
		c = d->inode;
		if (asprintf(&p, "%s/%s", path, d->name) < 0)
			abort();
		fprintf(out, "%s %o %u %u %u %u %lu %016llx\n", p, c->mode, c->uid, c->gid,
			(unsigned)c->mtime.tv_sec, c->nlink, (unsigned long)c->size, content_hash(c));
		list_dir(out, c, p);
		free(p);
	}
}

char *listing(void)
{
	struct ramfs_inode *root = ramfs_root();
	char *text;
	size_t size;
	FILE *out = open_memstream(&text, &size);

	fprintf(out, "/ %o %u %u %u %u\n", root->mode, root->uid, root->gid,
		(unsigned)root->mtime.tv_sec,
		root->nlink);
	list_dir(out, root, "");
	fclose(out);
	return text;
}

int count(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, what)); p++)
		n++;
	return n;
}

int unpack(const void *buf, size_t len)
{
	void *copy = malloc(len ? len : 1);
	int err;

	if (len)
		memcpy(copy, buf, len);
	printk_clear();
	err = unpack_initramfs(copy, len);
	free(copy);
	return err;
}

const char *rejected(const struct archive *a, int want, const char *msg)
{
	static char why[2048];
	char *before = listing(), *after;
	long live = stub_alloc_live();
	int err = unpack(a->buf, a->len);

	after = listing();
	why[0] = '\0';
	if (err != want)
		snprintf(why, sizeof(why), "returned %d, not %d; log: %s", err, want,
			 printk_output());
	else if (!strstr(printk_output(), msg))
		snprintf(why, sizeof(why), "log has no \"%s\": %s", msg, printk_output());
	else if (count(printk_output(), "<3>") != 1)
		snprintf(why, sizeof(why), "not one KERN_ERR line: %s", printk_output());
	else if (strcmp(before, after))
		snprintf(why, sizeof(why), "changed the file system");
	else if (stub_alloc_live() != live)
		snprintf(why, sizeof(why), "leaked");
	free(before);
	free(after);
	return why[0] ? why : NULL;
}

const char *read_all(struct ramfs_inode *inode)
{
	static char buf[1 << 16];
	long n = ramfs_read(inode, 0, buf, sizeof(buf) - 1);

	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

struct ramfs_inode *get(const char *path)
{
	struct ramfs_inode *inode;

	return ramfs_lookup_at(ramfs_root(), path, RAMFS_LOOKUP_NOFOLLOW, &inode) ? NULL : inode;
}
