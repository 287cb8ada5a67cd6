/*
 * tests/host/test_initramfs.c: unpack_initramfs (kernel/initramfs.c) on archives
 * from a small newc writer and from GNU cpio: what it installs, each kind of
 * malformed archive and its message, and fuzzing (truncation at every offset, every
 * header field, random byte flips). A failed unpack must leave the file system
 * exactly as it was, print one KERN_ERR line and leak nothing; ASan and UBSan catch
 * any read outside the archive.
 */
#define _GNU_SOURCE /* open_memstream, asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kapi.h"
#include "test.h"

#include <kspace/initramfs.h>
#include <kspace/ramfs.h>

/* stub_alloc.c */
long stub_alloc_live(void);
void stub_alloc_fail_after(long n);

#define HEADER_SIZE 110
#define MTIME 1700000000u
#define MAX_ENTRIES 64

/* An archive being written, and where each of its entries starts. */
struct archive {
	char *buf;
	size_t len, cap;
	size_t entry[MAX_ENTRIES];
	int nr_entries;
};

/* One entry; zero ino and nlink get defaults (a fresh ino, 1). */
struct newc {
	const char *name;
	unsigned int ino, mode, uid, gid, nlink, mtime, devmajor, devminor, rdevmajor, rdevminor;
	const void *data;
	size_t size;
};

static void put(struct archive *a, const void *p, size_t n)
{
	if (a->len + n > a->cap) {
		a->cap = 2 * (a->len + n);
		a->buf = realloc(a->buf, a->cap);
	}
	if (n)
		memcpy(a->buf + a->len, p, n);
	a->len += n;
}

static void pad(struct archive *a, size_t to)
{
	while (a->len % to)
		put(a, "", 1);
}

static void add(struct archive *a, const struct newc *e)
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

static void add_dir(struct archive *a, const char *name, unsigned int perm)
{
	add(a, &(struct newc){ .name = name, .mode = S_IFDIR | perm, .nlink = 2, .mtime = MTIME });
}

static void add_file(struct archive *a, const char *name, unsigned int perm, const char *text)
{
	add(a, &(struct newc){ .name = name, .mode = S_IFREG | perm, .uid = 1000, .gid = 100,
			       .mtime = MTIME, .data = text, .size = strlen(text) });
}

static void add_symlink(struct archive *a, const char *name, const char *target)
{
	add(a, &(struct newc){ .name = name, .mode = S_IFLNK | 0777, .mtime = MTIME, .data = target,
			       .size = strlen(target) });
}

static void add_trailer(struct archive *a)
{
	add(a, &(struct newc){ .name = "TRAILER!!!" });
}

/* Overwrite header field f (0 = ino .. 12 = check) of entry i with 8 hex digits of v. */
static void set_field(struct archive *a, int i, int f, unsigned int v)
{
	char digits[9];

	snprintf(digits, sizeof(digits), "%08X", v);
	memcpy(a->buf + a->entry[i] + 6 + 8 * f, digits, 8);
}

static unsigned long long fnv1a(const void *p, unsigned long n)
{
	unsigned long long h = 14695981039346656037ull;

	for (unsigned long i = 0; i < n; i++)
		h = (h ^ ((const unsigned char *)p)[i]) * 1099511628211ull;
	return h;
}

static void list_dir(FILE *out, struct ramfs_inode *dir, const char *path)
{
	struct ramfs_inode *c;
	char *p;

	for (unsigned long i = 0; (c = ramfs_child_at(dir, i)); i++) {
		if (asprintf(&p, "%s/%s", path, c->name) < 0)
			abort();
		fprintf(out, "%s %o %u %u %u %u %lu %016llx\n", p, c->mode, c->uid, c->gid,
			c->mtime, c->nlink, c->size, fnv1a(c->data, c->size));
		list_dir(out, c, p);
		free(p);
	}
}

/* Everything in the file system but inode numbers, one line per inode; free() it. */
static char *listing(void)
{
	struct ramfs_inode *root = ramfs_root();
	char *text;
	size_t size;
	FILE *out = open_memstream(&text, &size);

	fprintf(out, "/ %o %u %u %u %u\n", root->mode, root->uid, root->gid, root->mtime,
		root->nlink);
	list_dir(out, root, "");
	fclose(out);
	return text;
}

/* What / holds before the fuzz tests unpack: the archives must merge with it. */
static void populate(void)
{
	ramfs_mkdir(ramfs_root(), "/etc", 0700, NULL);
	ramfs_create(ramfs_root(), "/etc/existing", 0600, "old", 3, NULL);
}

static void reset(void)
{
	struct ramfs_inode *c;

	while ((c = ramfs_child_at(ramfs_root(), 0)))
		ramfs_remove_tree(c);
	populate();
}

static int count(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, what)); p++)
		n++;
	return n;
}

/* Unpack from an exact-size copy of buf, so that ASan sees a read past its end. */
static int unpack(const void *buf, size_t len)
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

/*
 * Unpack a possibly broken archive. A failure must change nothing, say why in one
 * KERN_ERR line and free all it allocated; a success must come out the same when
 * repeated. Leaves / as it was (before); *result is what unpacking returned.
 * Returns NULL or what went wrong.
 */
static const char *check_unpack(const void *buf, size_t len, const char *before, long live,
				int *result)
{
	static char why[2048];
	int err = *result = unpack(buf, len);
	char *after = listing();
	char *again;

	why[0] = '\0';
	if (err && err != -EINVAL && err != -EEXIST)
		snprintf(why, sizeof(why), "returned %d", err);
	else if (err && strcmp(after, before))
		snprintf(why, sizeof(why), "failed (%d) but changed the file system", err);
	else if (err && count(printk_output(), "<3>") != 1)
		snprintf(why, sizeof(why), "failed without exactly one KERN_ERR line: %s",
			 printk_output());
	else if (err && stub_alloc_live() != live)
		snprintf(why, sizeof(why), "failed and leaked %ld allocations",
			 stub_alloc_live() - live);
	else if (!err && !strstr(printk_output(), "<6>initramfs: unpacked "))
		snprintf(why, sizeof(why), "succeeded without a summary: %s", printk_output());
	if (!err) {
		reset();
		err = unpack(buf, len);
		again = listing();
		if (err || strcmp(after, again))
			snprintf(why, sizeof(why), "succeeded, then not the same way (%d)", err);
		free(again);
		reset();
	}
	free(after);
	return why[0] ? why : NULL;
}

/* Unpack a, expecting it to fail with err and msg in the log, changing nothing. */
static const char *rejected(const struct archive *a, int want, const char *msg)
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

#define EXPECT_REJECTED(a, err, msg)                       \
	do {                                               \
		const char *why_ = rejected(a, err, msg);  \
		EXPECT_MSG(!why_, "%s", why_);             \
	} while (0)

static const char *read_all(struct ramfs_inode *inode)
{
	static char buf[1 << 16];
	long n = ramfs_read(inode, 0, buf, sizeof(buf) - 1);

	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static struct ramfs_inode *get(const char *path)
{
	struct ramfs_inode *inode;

	return ramfs_lookup_at(ramfs_root(), path, RAMFS_LOOKUP_NOFOLLOW, &inode) ? NULL : inode;
}

TEST(initramfs, unpacks_a_tree)
{
	struct archive a = { 0 };
	struct ramfs_inode *sh, *motd, *ls, *empty;

	add_dir(&a, ".", 0700);
	add_dir(&a, "bin", 0755);
	add_file(&a, "bin/sh", 04755, "#!/bin/busybox\n");
	add_symlink(&a, "bin/ls", "sh");
	add_dir(&a, "etc", 0750);
	add_file(&a, "etc/motd", 0644, "hello");
	add_file(&a, "etc/empty", 0600, "");
	add_trailer(&a);
	ramfs_init();
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT_STREQ(printk_output(),
		     "<6>initramfs: unpacked 2 directories, 3 files, 20 bytes, 1 symlinks\n");
	EXPECT_EQ_INT(ramfs_root()->mode, S_IFDIR | 0755); /* "." does not chmod / */
	EXPECT_EQ_INT(ramfs_root()->nlink, 4);
	EXPECT_EQ_INT(get("/bin")->mode, S_IFDIR | 0755);
	EXPECT_EQ_INT(get("/bin")->mtime, MTIME);
	EXPECT_EQ_INT(get("/etc")->mode, S_IFDIR | 0750);
	sh = get("/bin/sh");
	EXPECT(sh);
	EXPECT_EQ_INT(sh->mode, S_IFREG | 04755);
	EXPECT(sh->uid == 1000 && sh->gid == 100 && sh->mtime == MTIME);
	EXPECT_STREQ(read_all(sh), "#!/bin/busybox\n");
	ls = get("/bin/ls");
	EXPECT(ls && S_ISLNK(ls->mode));
	EXPECT_STREQ(read_all(ls), "sh");
	EXPECT_EQ_INT(ramfs_lookup("/bin/ls", &ls), 0);
	EXPECT(ls == sh);
	motd = get("/etc/motd");
	EXPECT(motd && motd->size == 5);
	EXPECT_STREQ(read_all(motd), "hello");
	empty = get("/etc/empty");
	EXPECT(empty && empty->size == 0 && empty->mode == (S_IFREG | 0600));
	EXPECT_STREQ(ramfs_child_at(get("/etc"), 0)->name, "empty");
	free(a.buf);
}

/* "./x", "/x" and ".//x" all name /x; "./" and "/" name / itself. */
TEST(initramfs, name_prefixes)
{
	struct archive a = { 0 };

	add_dir(&a, "./", 0755);
	add_dir(&a, "/", 0755);
	add_dir(&a, "./bin", 0755);
	add_file(&a, "./bin/a", 0644, "a");
	add_file(&a, "/bin/b", 0644, "b");
	add_file(&a, ".//bin/./c", 0644, "c");
	add_dir(&a, "..x", 0755); /* not ".." */
	add_file(&a, "..x/a..b", 0644, "d");
	add_trailer(&a);
	ramfs_init();
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT(get("/bin/a") && get("/bin/b") && get("/bin/c") && get("/..x/a..b"));
	EXPECT(ramfs_child_at(ramfs_root(), 2) == NULL);
	free(a.buf);
}

/* Hex digits in either case; whatever follows the trailer is ignored. */
TEST(initramfs, lowercase_hex_and_trailing_bytes)
{
	struct archive a = { 0 };

	add_dir(&a, "d", 0755);
	add_trailer(&a);
	for (char *p = a.buf; p < a.buf + HEADER_SIZE; p++)
		if (*p >= 'A' && *p <= 'F')
			*p += 'a' - 'A';
	put(&a, "garbage, not an entry", 21);
	pad(&a, 512);
	ramfs_init();
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT(get("/d") && get("/d")->mode == (S_IFDIR | 0755));
	free(a.buf);
}

/* A repeated directory, or one / has, keeps its attributes and its contents. */
TEST(initramfs, directories_merge)
{
	struct archive a = { 0 };
	struct ramfs_inode *etc;

	add_dir(&a, "etc", 0755);
	add_file(&a, "etc/a", 0644, "a");
	add_dir(&a, "etc", 0700);
	add_file(&a, "etc/b", 0644, "b");
	add_trailer(&a);
	ramfs_init();
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/etc", 0711, &etc), 0);
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/etc/old", 0644, "o", 1, NULL), 0);
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT(get("/etc") == etc);
	EXPECT_EQ_INT(etc->mode, S_IFDIR | 0711);
	EXPECT(get("/etc/a") && get("/etc/b") && get("/etc/old"));
	EXPECT_STREQ(printk_output(),
		     "<6>initramfs: unpacked 1 directories, 2 files, 2 bytes, 0 symlinks\n");
	free(a.buf);
}

/* As cpio writes them: the data with the last name of the group, none with the others. */
TEST(initramfs, hard_links_become_copies)
{
	struct archive a = { 0 };

	add(&a, &(struct newc){ .name = "a", .ino = 42, .mode = S_IFREG | 0644, .nlink = 3 });
	add(&a, &(struct newc){ .name = "b", .ino = 42, .mode = S_IFREG | 0600, .nlink = 3 });
	add(&a, &(struct newc){ .name = "other", .ino = 42, .devminor = 1, .mode = S_IFREG | 0644,
				.nlink = 2, .data = "not it", .size = 6 });
	add(&a, &(struct newc){ .name = "c", .ino = 42, .mode = S_IFREG | 0644, .nlink = 3,
				.data = "shared", .size = 6 });
	add(&a, &(struct newc){ .name = "lonely", .ino = 43, .mode = S_IFREG | 0644, .nlink = 2 });
	add_trailer(&a);
	ramfs_init();
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT_STREQ(read_all(get("/a")), "shared");
	EXPECT_STREQ(read_all(get("/b")), "shared");
	EXPECT_STREQ(read_all(get("/c")), "shared");
	EXPECT_STREQ(read_all(get("/other")), "not it");
	EXPECT_EQ_INT(get("/lonely")->size, 0);
	EXPECT(get("/a")->data != get("/c")->data); /* copies */
	EXPECT_EQ_INT(get("/b")->mode, S_IFREG | 0600);
	EXPECT_EQ_INT(get("/a")->nlink, 1);
	free(a.buf);
}

TEST(initramfs, device_nodes_are_skipped)
{
	static const unsigned int types[] = { S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK };
	struct archive a = { 0 };
	char name[24];

	add_dir(&a, "dev", 0755);
	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "dev/node%d", i);
		add(&a, &(struct newc){ .name = name, .mode = types[i] | 0600, .rdevmajor = 5 });
	}
	add_file(&a, "dev/after", 0644, "x");
	add_trailer(&a);
	ramfs_init();
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT_EQ_INT(count(printk_output(), "<4>initramfs: offset "), 4);
	EXPECT(strstr(printk_output(), ": dev/node0: skipped"));
	EXPECT(strstr(printk_output(), ": dev/node3: skipped"));
	EXPECT(get("/dev/after"));
	EXPECT(ramfs_child_at(get("/dev"), 1) == NULL);
	free(a.buf);
}

TEST(initramfs, truncated_and_missing_trailer)
{
	struct archive a = { 0 };
	char msg[64];

	ramfs_init();
	EXPECT_REJECTED(&a, -EINVAL, "<3>initramfs: offset 0: archive ends without TRAILER!!!");
	add_dir(&a, "d", 0755);
	add_file(&a, "d/f", 0644, "data");
	snprintf(msg, sizeof(msg), "offset %zu: archive ends without TRAILER!!!", a.len);
	EXPECT_REJECTED(&a, -EINVAL, msg);
	put(&a, "0707010000", 10);
	snprintf(msg, sizeof(msg), "offset %zu: truncated header", a.len - 10);
	EXPECT_REJECTED(&a, -EINVAL, msg);
	free(a.buf);
}

TEST(initramfs, bad_headers)
{
	struct archive a = { 0 };

	add_dir(&a, "d", 0755);
	add_file(&a, "d/file", 0644, "contents");
	add_trailer(&a);
	ramfs_init();
	memcpy(a.buf, "070702", 6); /* cpio -H crc */
	EXPECT_REJECTED(&a, -EINVAL, "offset 0: bad magic");
	memcpy(a.buf, "070701", 6);
	a.buf[a.entry[1] + 6 + 8 * 6 + 3] = 'g';
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: header field is not 8 hex digits");
	a.buf[a.entry[1] + 6 + 8 * 6 + 3] = ' ';
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: header field is not 8 hex digits");
	set_field(&a, 1, 6, 8);
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0); /* repaired */
	free(a.buf);
}

TEST(initramfs, bad_sizes)
{
	struct archive a = { 0 };
	size_t file;

	add_dir(&a, "d", 0755);
	add_file(&a, "d/file", 0644, "contents");
	add_trailer(&a);
	file = a.entry[1];
	ramfs_init();
	set_field(&a, 1, 11, 0);
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: bad name size");
	set_field(&a, 1, 11, 1); /* "" */
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: bad name size");
	set_field(&a, 1, 11, 0xffffffff);
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: bad name size");
	set_field(&a, 1, 11, PATH_MAX + 1);
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: bad name size");
	set_field(&a, 1, 11, PATH_MAX);
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: name runs past the end of the archive");
	set_field(&a, 1, 11, 6); /* "d/fil": no NUL where the size says */
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: name is not NUL-terminated at its size");
	set_field(&a, 1, 11, 8); /* a NUL before the end */
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: name is not NUL-terminated at its size");
	set_field(&a, 1, 11, 7);
	set_field(&a, 1, 6, 0xffffffff);
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: data runs past the end of the archive");
	set_field(&a, 1, 6, (unsigned int)(a.len - (file + 120)) + 1);
	EXPECT_REJECTED(&a, -EINVAL, "offset 112: data runs past the end of the archive");
	set_field(&a, 1, 6, 9); /* eats into the trailer's header */
	EXPECT_REJECTED(&a, -EINVAL, ": bad magic");
	set_field(&a, 1, 6, 8);
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	free(a.buf);
}

TEST(initramfs, bad_names)
{
	static const struct {
		const char *name, *msg;
	} cases[] = {
		{ "..", "'..' in name" },
		{ "../etc/passwd", "'..' in name" },
		{ "d/../../x", "'..' in name" },
		{ "d/..", "'..' in name" },
		{ "./d/../x", "'..' in name" },
		{ "x/y", "its directory does not come before it" },
		{ "d/f/y", "a parent is not a directory" },
		{ "d/f", "duplicate name" },
		{ "d", "duplicate name" },
		{ ".", "duplicate name" },
		{ "d/new/", "trailing slash on a non-directory" },
	};
	struct archive a;
	char name[RAMFS_NAME_MAX + 8];

	ramfs_init();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = (struct archive){ 0 };
		add_dir(&a, "d", 0755);
		add_file(&a, "d/f", 0644, "f");
		add_file(&a, cases[i].name, 0644, "x");
		add_trailer(&a);
		EXPECT_REJECTED(&a, -EINVAL, cases[i].msg);
		EXPECT_MSG(strstr(printk_output(), cases[i].name), "%s", printk_output());
		free(a.buf);
	}
	a = (struct archive){ 0 };
	memset(name, 'n', RAMFS_NAME_MAX + 1);
	name[RAMFS_NAME_MAX + 1] = '\0';
	add_dir(&a, name, 0755);
	add_trailer(&a);
	EXPECT_REJECTED(&a, -EINVAL, "offset 0: nnnn");
	EXPECT_REJECTED(&a, -EINVAL, "a name component is longer than 255 bytes");
	free(a.buf);
}

TEST(initramfs, bad_modes_and_symlinks)
{
	static const struct {
		unsigned int mode;
		const char *target, *msg;
	} cases[] = {
		{ 0644, "x", "bad file type" },
		{ 0170644, "x", "bad file type" },
		{ 0x10000 | S_IFREG | 0644, "x", "bad mode" },
		{ S_IFLNK | 0777, "", "bad symlink target length" },
		{ S_IFLNK | 0777, "a\0b", "NUL in symlink target" },
		{ S_IFDIR | 0755, "data", "" },
	};
	struct archive a;
	char target[PATH_MAX + 1];

	ramfs_init();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = (struct archive){ 0 };
		add(&a, &(struct newc){ .name = "x", .mode = cases[i].mode, .data = cases[i].target,
					.size = strlen(cases[i].target) + (i == 4 ? 2 : 0) });
		add_trailer(&a);
		if (!cases[i].msg[0]) /* a directory's data is ignored */
			EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
		else
			EXPECT_REJECTED(&a, -EINVAL, cases[i].msg);
		free(a.buf);
	}
	ramfs_remove_tree(get("/x"));
	memset(target, 't', PATH_MAX);
	target[PATH_MAX] = '\0';
	a = (struct archive){ 0 };
	add_symlink(&a, "x", target);
	add_trailer(&a);
	EXPECT_REJECTED(&a, -EINVAL, "bad symlink target length");
	free(a.buf);
	target[PATH_MAX - 1] = '\0';
	a = (struct archive){ 0 };
	add_symlink(&a, "x", target);
	add_trailer(&a);
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT_EQ_INT(get("/x")->size, PATH_MAX - 1);
	free(a.buf);
}

/* What / holds is not replaced; directories merge, anything else is a clash. */
TEST(initramfs, clashes_with_existing_files)
{
	struct archive a = { 0 };
	char msg[64];

	ramfs_init();
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/etc", 0755, NULL), 0);
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/etc/passwd", 0644, "root", 4, NULL), 0);
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/lib", "/usr/lib", NULL), 0);
	add_dir(&a, "etc", 0755);
	add_file(&a, "etc/group", 0644, "g");
	add_file(&a, "etc/passwd", 0644, "x");
	add_trailer(&a);
	snprintf(msg, sizeof(msg), "offset %zu: etc/passwd: already exists in /", a.entry[2]);
	EXPECT_REJECTED(&a, -EEXIST, msg);
	free(a.buf);

	a = (struct archive){ 0 };
	add_dir(&a, "lib", 0755);
	add_trailer(&a);
	EXPECT_REJECTED(&a, -EEXIST, "offset 0: lib: already exists in /");
	free(a.buf);

	a = (struct archive){ 0 };
	add_file(&a, "etc", 0644, "not a directory");
	add_trailer(&a);
	EXPECT_REJECTED(&a, -EEXIST, "offset 0: etc: already exists in /");
	free(a.buf);

	/* Through a symlink of the archive's own, the clash shows only when grafting. */
	a = (struct archive){ 0 };
	add_dir(&a, "aaa", 0755);
	add_symlink(&a, "link", "etc");
	add_dir(&a, "etc", 0755);
	add_file(&a, "link/passwd", 0644, "x");
	add_trailer(&a);
	EXPECT_REJECTED(&a, -EEXIST, "archive clashes with files already in /");
	free(a.buf);
}

/* The same archive twice: its directories merge, its files clash. */
TEST(initramfs, second_unpack)
{
	struct archive a = { 0 };

	add_dir(&a, "d", 0755);
	add_dir(&a, "d/e", 0755);
	add_trailer(&a);
	ramfs_init();
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT_STREQ(printk_output(),
		     "<6>initramfs: unpacked 2 directories, 0 files, 0 bytes, 0 symlinks\n");
	a.len -= 124;
	a.nr_entries--;
	add_file(&a, "d/f", 0644, "f");
	add_trailer(&a);
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	EXPECT_REJECTED(&a, -EEXIST, "d/f: already exists in /");
	free(a.buf);
}

/* A rich archive for the fuzz tests; *end is where its trailer entry ends. */
static void fuzz_archive(struct archive *a, size_t *end)
{
	static char big[300];

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	add_dir(a, ".", 0755);
	add_dir(a, "bin", 0755);
	add(a, &(struct newc){ .name = "bin/busybox", .mode = S_IFREG | 0755, .data = big,
			       .size = sizeof(big) });
	add_symlink(a, "bin/sh", "busybox");
	add_symlink(a, "./lib", "/bin");
	add_dir(a, "etc", 0755);
	add_file(a, "etc/motd", 0644, "hi");
	add(a, &(struct newc){ .name = "etc/h1", .ino = 9, .mode = S_IFREG | 0644, .nlink = 2 });
	add(a, &(struct newc){ .name = "etc/h2", .ino = 9, .mode = S_IFREG | 0644, .nlink = 2,
			       .data = "linked", .size = 6 });
	add_dir(a, "dev", 0755);
	add(a, &(struct newc){ .name = "dev/console", .mode = S_IFCHR | 0600, .rdevmajor = 5,
			       .rdevminor = 1 });
	add_file(a, "/empty", 0600, "");
	add_trailer(a);
	*end = a->len;
	pad(a, 512);
}

TEST(initramfs, truncated_at_every_offset)
{
	struct archive a = { 0 };
	const char *why;
	char *before;
	size_t end;
	long live;
	int err;

	fuzz_archive(&a, &end);
	ramfs_init();
	populate();
	before = listing();
	live = stub_alloc_live();
	for (size_t n = 0; n <= a.len; n++) {
		why = check_unpack(a.buf, n, before, live, &err);
		EXPECT_MSG(!why, "truncated to %zu: %s", n, why);
		EXPECT_MSG(!err == (n >= end), "truncated to %zu: returned %d", n, err);
	}
	free(before);
	free(a.buf);
}

/* Every header field of every entry: non-hex digits, then odd values. */
TEST(initramfs, every_header_field)
{
	static const unsigned int values[] = { 0, 1, 2, 3, 4, 7, 0x7fffffff, 0x80000000,
					       0xfffffffe, 0xffffffff, 0x1000, 0x10000 };
	struct archive a = { 0 };
	const char *why;
	char *before, msg[64];
	size_t end;
	long live;
	int err;

	fuzz_archive(&a, &end);
	ramfs_init();
	populate();
	before = listing();
	live = stub_alloc_live();
	for (int i = 0; i < a.nr_entries; i++) {
		char *header = a.buf + a.entry[i];

		for (int pos = 0; pos < HEADER_SIZE; pos++) {
			char saved = header[pos];

			header[pos] = pos < 6 ? '8' : 'G';
			snprintf(msg, sizeof(msg), "offset %zu: %s", a.entry[i],
				 pos < 6 ? "bad magic" : "header field is not 8 hex digits");
			EXPECT_REJECTED(&a, -EINVAL, msg);
			header[pos] = saved;
		}
		for (int f = 0; f < 13; f++) {
			char saved[8];

			memcpy(saved, header + 6 + 8 * f, 8);
			for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
				set_field(&a, i, f, values[v]);
				why = check_unpack(a.buf, a.len, before, live, &err);
				EXPECT_MSG(!why, "entry %d field %d = %#x: %s", i, f, values[v],
					   why);
			}
			memcpy(header + 6 + 8 * f, saved, 8);
		}
	}
	EXPECT_EQ_INT(unpack(a.buf, a.len), 0);
	free(before);
	free(a.buf);
}

/* Thousands of archives with a few bytes changed, half of them to likely characters. */
TEST(initramfs, random_byte_flips)
{
	static const char likely[] = "0123456789abcdefABCDEF/.\0 ";
	struct archive a = { 0 };
	unsigned int seed = 12345, failed = 0;
	const char *why;
	char *before, *buf;
	size_t end;
	long live;
	int err;

	fuzz_archive(&a, &end);
	ramfs_init();
	populate();
	before = listing();
	live = stub_alloc_live();
	buf = malloc(a.len);
	for (int i = 0; i < 4000; i++) {
		memcpy(buf, a.buf, a.len);
		for (int flips = 1 + i % 4; flips; flips--) {
			size_t pos;

			seed = seed * 1103515245 + 12345;
			pos = (seed >> 8) % end;
			seed = seed * 1103515245 + 12345;
			buf[pos] = seed & 0x10000 ? likely[(seed >> 8) % (sizeof(likely) - 1)]
						   : (char)(seed >> 8);
		}
		why = check_unpack(buf, a.len, before, live, &err);
		EXPECT_MSG(!why, "case %d: %s", i, why);
		failed += err != 0;
	}
	/* Both outcomes occur: flipped data bytes unpack fine, headers do not. */
	EXPECT_MSG(failed > 1000 && failed < 3900, "%u of 4000 failed", failed);
	free(buf);
	free(before);
	free(a.buf);
}

/* Every allocation in turn fails: -ENOMEM, and nothing changes or leaks. */
TEST(initramfs, out_of_memory)
{
	struct archive a = { 0 };
	char *before, *after;
	size_t end;
	long live, n;
	int err;

	fuzz_archive(&a, &end);
	ramfs_init();
	populate();
	before = listing();
	live = stub_alloc_live();
	for (n = 0;; n++) {
		stub_alloc_fail_after(n);
		err = unpack(a.buf, a.len);
		stub_alloc_fail_after(-1);
		if (!err)
			break;
		after = listing();
		EXPECT_MSG(err == -ENOMEM, "allocation %ld: returned %d", n, err);
		EXPECT_MSG(strstr(printk_output(), "out of memory; nothing unpacked"), "%s",
			   printk_output());
		EXPECT_MSG(!strcmp(before, after), "allocation %ld failed: file system changed", n);
		EXPECT_MSG(stub_alloc_live() == live, "allocation %ld failed: leaked", n);
		free(after);
	}
	EXPECT_MSG(n > 10, "only %ld allocations", n);
	free(before);
	free(a.buf);
}

/* Run a shell command; its standard output into a malloc'd buffer, NULL if it failed. */
static char *run(const char *cmd, size_t *len)
{
	FILE *p = popen(cmd, "r");
	char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (!p)
		return NULL;
	do {
		if (*len == cap)
			buf = realloc(buf, cap = 2 * cap + 4096);
		n = fread(buf + *len, 1, cap - *len, p);
		*len += n;
	} while (n);
	if (pclose(p)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int compare_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "path type perm uid gid mtime size" for everything under dir, as find prints it. */
static void find_lines(FILE *out, struct ramfs_inode *dir, const char *path)
{
	struct ramfs_inode *c;
	char *p;

	for (unsigned long i = 0; (c = ramfs_child_at(dir, i)); i++) {
		if (asprintf(&p, "%s%s", path, c->name) < 0)
			abort();
		fprintf(out, "%s %c %o %u %u %u %lu\n", p,
			S_ISDIR(c->mode) ? 'd' : S_ISLNK(c->mode) ? 'l' : 'f', c->mode & 07777,
			c->uid, c->gid, c->mtime, c->size);
		free(p);
		if (asprintf(&p, "%s%s/", path, c->name) < 0)
			abort();
		find_lines(out, c, p);
		free(p);
	}
}

/* find_lines's output sorted as sort(1) does with LC_ALL=C. */
static char *sorted_find_lines(void)
{
	char *text, *lines[256], *out, *line;
	size_t size, n = 0;
	FILE *f = open_memstream(&text, &size);

	find_lines(f, ramfs_root(), "");
	fclose(f);
	for (line = strtok(text, "\n"); line && n < 256; line = strtok(NULL, "\n"))
		lines[n++] = line;
	qsort(lines, n, sizeof(lines[0]), compare_lines);
	f = open_memstream(&out, &size);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", lines[i]);
	fclose(f);
	free(text);
	return out;
}

/* An archive from the real GNU cpio over a directory tree under build/host/. */
TEST(initramfs, gnu_cpio_archive)
{
	char dir[] = "build/host/initramfs-XXXXXX", *cmd, *archive, *want, *got;
	size_t len, want_len;
	int err;

	EXPECT_MSG(mkdtemp(dir), "mkdtemp %s: run from the top of the tree", dir);
	if (asprintf(&cmd,
		     "cd %s && mkdir -p bin etc tmp dev usr/lib/deep/er && "
		     "yes busybox | head -n 5000 > bin/busybox && chmod 755 bin/busybox && "
		     "ln -s busybox bin/sh && ln -s /bin/busybox bin/ls && "
		     "printf 'hello\\n' > etc/motd && chmod 640 etc/motd && "
		     "ln etc/motd etc/motd.hard && : > etc/empty && chmod 600 etc/empty && "
		     "chmod 1777 tmp && chmod 700 usr/lib && printf x > usr/lib/deep/er/f && "
		     "chmod 4755 usr/lib/deep/er/f && mkfifo dev/fifo && "
		     "find . | LC_ALL=C sort | cpio -o -H newc --quiet",
		     dir) < 0)
		abort();
	archive = run(cmd, &len);
	free(cmd);
	EXPECT_MSG(archive, "GNU cpio -o -H newc failed (is cpio installed?)");
	if (asprintf(&cmd,
		     "cd %s && find . -mindepth 1 ! -type p "
		     "-printf '%%P %%y %%m %%U %%G %%T@ %%s\\n' | "
		     "awk '{ $6 = int($6); if ($2 == \"d\") $7 = 0; print }' | LC_ALL=C sort",
		     dir) < 0)
		abort();
	want = run(cmd, &want_len);
	free(cmd);
	if (asprintf(&cmd, "rm -rf %s", dir) < 0 || system(cmd))
		abort();
	free(cmd);
	EXPECT_MSG(want && want_len, "find failed");
	want[want_len - 1] = '\0'; /* run() does not terminate it: replace the last newline */

	ramfs_init();
	err = unpack(archive, len);
	EXPECT_MSG(!err, "unpack_initramfs: %d: %s", err, printk_output());
	EXPECT(strstr(printk_output(), "<4>initramfs: offset "));
	EXPECT(strstr(printk_output(), ": dev/fifo: skipped")); /* cpio drops the "./" */
	EXPECT(strstr(printk_output(), "<6>initramfs: unpacked 8 directories, 5 files, "));
	got = sorted_find_lines();
	got[strlen(got) - 1] = '\0';
	EXPECT_STREQ(got, want);
	EXPECT_STREQ(read_all(get("/etc/motd.hard")), "hello\n");
	EXPECT_STREQ(read_all(get("/bin/ls")), "/bin/busybox");
	EXPECT_EQ_INT(get("/bin/busybox")->size, 5000 * 8);
	EXPECT_EQ_INT(get("/usr/lib/deep/er/f")->mode, S_IFREG | 04755);
	EXPECT_EQ_INT(get("/tmp")->mode, S_IFDIR | 01777);
	free(got);
	free(want);
	free(archive);
}
