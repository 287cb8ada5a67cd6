/*
 * tests/host/test_ramfs.c: ramfs (kernel/fs/ramfs.c): creating and reading files,
 * path resolution and its edge cases (slashes, ".", "..", name and path limits,
 * symlinks and their loops), directory order, freeing trees, grafting a staging
 * tree, out-of-memory failures that leave nothing behind; hard links, unlinking a
 * file still held, rename, permissions, a mount point ending a walk, file pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kapi.h"
#include "test.h"

#include <kspace/ramfs.h>
#include <kspace/slab.h>

/* stub_alloc.c */
long stub_alloc_live(void);
void stub_alloc_fail_after(long n);

/* The inode at path, or NULL. */
static struct ramfs_inode *get(const char *path)
{
	struct ramfs_inode *inode;

	return ramfs_lookup(path, &inode) ? NULL : inode;
}

/* An inode's (first) name, "" for a root. */
static const char *name_of(const struct ramfs_inode *inode)
{
	struct ramfs_dentry *d = ramfs_first_alias(inode);

	return d ? d->name : "";
}

/* ramfs_lookup's result as the inode's path, or "-ERRNO": one string to compare. */
static const char *resolve(const char *path)
{
	static char buf[2 * PATH_MAX];
	struct ramfs_inode *inode, *n;
	int err = ramfs_lookup(path, &inode);
	size_t len = 0, name_len;

	if (err) {
		snprintf(buf, sizeof(buf), "%d", err);
		return buf;
	}
	buf[0] = '\0';
	for (n = inode; ramfs_first_alias(n) && len < PATH_MAX; n = ramfs_first_alias(n)->dir) {
		name_len = strlen(name_of(n));
		memmove(buf + 1 + name_len, buf, len + 1);
		buf[0] = '/';
		memcpy(buf + 1, name_of(n), name_len);
		len += 1 + name_len;
	}
	return len ? buf : "/";
}

/* A small file's contents as a string. */
static const char *read_text(struct ramfs_inode *inode)
{
	static char buf[64];
	long n = ramfs_read(inode, 0, buf, sizeof(buf) - 1);

	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static void mkdirs(const char *const *paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ramfs_mkdir(ramfs_root(), paths[i], 0755, NULL))
			test_fail(__FILE__, __LINE__, "mkdir %s failed", paths[i]);
}

static int create_text(const char *path, const char *text)
{
	return ramfs_create(ramfs_root(), path, 0644, text, strlen(text), NULL);
}

TEST(ramfs, init_creates_root)
{
	struct ramfs_inode *root;

	ramfs_init();
	root = ramfs_root();
	EXPECT(root);
	EXPECT_EQ_INT(root->mode, S_IFDIR | 0755);
	EXPECT_EQ_INT(root->nlink, 2);
	EXPECT(root->parent == root);
	EXPECT_STREQ(name_of(root), "");
	EXPECT(get("/") == root);
	EXPECT(get("//") == root);
	EXPECT(get("/.") == root);
	EXPECT(get("/..") == root);
	EXPECT(get("/../../.") == root);
	EXPECT(ramfs_child_at(root, 0) == NULL);
}

TEST(ramfs, mkdir_and_create)
{
	struct ramfs_inode *bin, *sh, *out;

	ramfs_init();
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/bin", 0755, &bin), 0);
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/bin/sh", 0755, "#!", 2, &sh), 0);
	EXPECT(get("/bin") == bin);
	EXPECT(get("/bin/sh") == sh);
	EXPECT_STREQ(name_of(bin), "bin");
	EXPECT_STREQ(name_of(sh), "sh");
	EXPECT(bin->parent == ramfs_root());
	EXPECT(ramfs_first_alias(sh)->dir == bin);
	EXPECT_EQ_INT(bin->mode, S_IFDIR | 0755);
	EXPECT_EQ_INT(sh->mode, S_IFREG | 0755);
	EXPECT_EQ_INT(sh->size, 2);
	EXPECT_EQ_INT(bin->size, 0);
	EXPECT_EQ_INT(sh->nlink, 1);
	EXPECT_EQ_INT(bin->nlink, 2);
	EXPECT_EQ_INT(ramfs_root()->nlink, 3);
	EXPECT(sh->ino != bin->ino && bin->ino != ramfs_root()->ino);
	EXPECT(sh->uid == 0 && sh->gid == 0 && sh->mtime.tv_sec == 0);
	/* out is optional */
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/etc", 0700, NULL), 0);
	EXPECT_EQ_INT(ramfs_lookup("/etc", &out), 0);
	EXPECT_EQ_INT(out->mode, S_IFDIR | 0700);
	EXPECT_EQ_INT(ramfs_root()->nlink, 4);
}

/* Only the permission bits of mode are taken; the type is the function's. */
TEST(ramfs, mode_bits)
{
	struct ramfs_inode *inode;

	ramfs_init();
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/tmp", 01777, &inode), 0);
	EXPECT_EQ_INT(inode->mode, S_IFDIR | S_ISVTX | 0777);
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/su", 04755, NULL, 0, &inode), 0);
	EXPECT_EQ_INT(inode->mode, S_IFREG | S_ISUID | 0755);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/d", S_IFREG | 02750, &inode), 0);
	EXPECT_EQ_INT(inode->mode, S_IFDIR | S_ISGID | 0750);
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/f", S_IFDIR | 0600, "x", 1, &inode), 0);
	EXPECT_EQ_INT(inode->mode, S_IFREG | 0600);
	EXPECT(S_ISREG(inode->mode) && !S_ISDIR(inode->mode) && !S_ISLNK(inode->mode));
}

TEST(ramfs, read)
{
	char data[100], buf[128];
	struct ramfs_inode *f;

	for (int i = 0; i < 100; i++)
		data[i] = (char)i;
	ramfs_init();
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/f", 0644, data, sizeof(data), &f), 0);
	data[0] = 99; /* the file has its own copy */
	memset(buf, 0x55, sizeof(buf));
	EXPECT_EQ_INT(ramfs_read(f, 0, buf, 10), 10);
	EXPECT(buf[0] == 0 && buf[9] == 9 && buf[10] == 0x55);
	EXPECT_EQ_INT(ramfs_read(f, 95, buf, 10), 5);
	EXPECT(buf[0] == 95 && buf[4] == 99 && buf[5] == 5);
	EXPECT_EQ_INT(ramfs_read(f, 0, buf, sizeof(buf)), 100);
	EXPECT_EQ_INT(ramfs_read(f, 99, buf, ~0UL), 1);
	EXPECT_EQ_INT(ramfs_read(f, 100, buf, 10), 0);
	EXPECT_EQ_INT(ramfs_read(f, ~0UL, buf, 10), 0);
	EXPECT_EQ_INT(ramfs_read(f, 3, buf, 0), 0);
	EXPECT_EQ_INT(ramfs_read(ramfs_root(), 0, buf, 10), -EISDIR);
}

TEST(ramfs, empty_file)
{
	struct ramfs_inode *f;
	char buf[4];

	ramfs_init();
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/empty", 0600, NULL, 0, &f), 0);
	EXPECT_EQ_INT(f->size, 0);
	EXPECT(f->pages == NULL);
	EXPECT_EQ_INT(ramfs_read(f, 0, buf, sizeof(buf)), 0);
}

TEST(ramfs, lookup_path_edge_cases)
{
	static const char *const dirs[] = { "/a", "/a/b", "/a/b/c" };
	static const struct {
		const char *path, *want;
	} cases[] = {
		{ "/a/b", "/a/b" },
		{ "//a///b//", "/a/b" },
		{ "/a/./b/.", "/a/b" },
		{ "/a/b/..", "/a" },
		{ "/a/b/c/../..", "/a" },
		{ "/a/../a/b", "/a/b" },
		{ "/../a/../../a", "/a" },
		{ "a/b", "/a/b" },    /* relative: from / */
		{ "./a", "/a" },
		{ "..", "/" },
		{ "/a/f", "/a/f" },
		{ "/a/f/", "-20" },   /* ENOTDIR */
		{ "/a/f/.", "-20" },
		{ "/a/f/..", "-20" },
		{ "/a/f/x", "-20" },
		{ "", "-2" },         /* ENOENT */
		{ "/nope", "-2" },
		{ "/a/nope/..", "-2" },
		{ "/a/nope/x", "-2" },
		{ "/A", "-2" },       /* names are case-sensitive */
		{ "/a/ff", "-2" },    /* whole names match, not prefixes */
		{ "/a/fff", "/a/fff" },
		{ "/a/b/c/", "/a/b/c" },
	};

	ramfs_init();
	mkdirs(dirs, 3);
	EXPECT_EQ_INT(create_text("/a/fff", "x"), 0);
	EXPECT_EQ_INT(create_text("/a/f", "x"), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		EXPECT_MSG(!strcmp(resolve(cases[i].path), cases[i].want), "\"%s\" -> %s, want %s",
			   cases[i].path, resolve(cases[i].path), cases[i].want);
}

/* A component may have RAMFS_NAME_MAX bytes; a path PATH_MAX - 1 and its NUL. */
TEST(ramfs, name_and_path_limits)
{
	char name[RAMFS_NAME_MAX + 3], path[PATH_MAX + 2];
	struct ramfs_inode *inode;

	ramfs_init();
	name[0] = '/';
	memset(name + 1, 'n', RAMFS_NAME_MAX);
	name[RAMFS_NAME_MAX + 1] = '\0';
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), name, 0755, &inode), 0);
	EXPECT_EQ_INT(strlen(name_of(inode)), RAMFS_NAME_MAX);
	EXPECT(get(name) == inode);
	strcat(name, "n");
	EXPECT_EQ_INT(ramfs_lookup(name, &inode), -ENAMETOOLONG);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), name, 0755, NULL), -ENAMETOOLONG);
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), name, 0644, NULL, 0, NULL), -ENAMETOOLONG);

	/* "/a" then "/." up to PATH_MAX - 1 bytes: resolves to /a */
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a", 0755, NULL), 0);
	strcpy(path, "/a");
	while (strlen(path) < PATH_MAX - 2)
		strcat(path, "/.");
	strcat(path, "/");
	EXPECT_EQ_INT(strlen(path), PATH_MAX - 1);
	EXPECT_STREQ(resolve(path), "/a");
	strcat(path, "/");
	EXPECT_EQ_INT(ramfs_lookup(path, &inode), -ENAMETOOLONG);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), path, 0755, NULL), -ENAMETOOLONG);
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/l", path, NULL), -ENAMETOOLONG);
}

TEST(ramfs, create_errors)
{
	ramfs_init();
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a", 0755, NULL), 0);
	EXPECT_EQ_INT(create_text("/a/f", "x"), 0);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a", 0755, NULL), -EEXIST);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a/", 0755, NULL), -EEXIST);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a/f", 0755, NULL), -EEXIST);
	EXPECT_EQ_INT(create_text("/a/f", "y"), -EEXIST);
	EXPECT_EQ_INT(create_text("/a", "y"), -EEXIST);
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/a/f", "x", NULL), -EEXIST);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/", 0755, NULL), -EEXIST);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "///", 0755, NULL), -EEXIST);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a/.", 0755, NULL), -EEXIST);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a/..", 0755, NULL), -EEXIST);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "", 0755, NULL), -ENOENT);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/no/b", 0755, NULL), -ENOENT);
	EXPECT_EQ_INT(create_text("/no/b", "x"), -ENOENT);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a/f/b", 0755, NULL), -ENOTDIR);
	EXPECT_EQ_INT(create_text("/a/f/b", "x"), -ENOTDIR);
	EXPECT_EQ_INT(create_text("/a/new/", "x"), -EISDIR);
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/a/new/", "x", NULL), -EISDIR);
	EXPECT(get("/a/new") == NULL);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a/new//", 0755, NULL), 0);
	EXPECT(get("/a/new") && S_ISDIR(get("/a/new")->mode));
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "a/rel", 0755, NULL), 0);
	EXPECT(get("/a/rel"));
}

TEST(ramfs, symlinks)
{
	static const char *const dirs[] = { "/usr", "/usr/lib", "/etc" };
	struct ramfs_inode *lib, *link, *inode;
	char buf[16];

	ramfs_init();
	mkdirs(dirs, 3);
	EXPECT_EQ_INT(create_text("/usr/lib/libc.so", "ELF"), 0);
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/lib", "usr/lib", &link), 0);
	EXPECT_EQ_INT(link->mode, S_IFLNK | 0777);
	EXPECT_EQ_INT(link->size, 7);
	EXPECT_EQ_INT(ramfs_read(link, 0, buf, sizeof(buf)), 7);
	EXPECT(!memcmp(buf, "usr/lib", 7));
	lib = get("/usr/lib");
	EXPECT(get("/lib") == lib);
	EXPECT(get("/lib/") == lib);
	EXPECT_STREQ(resolve("/lib/libc.so"), "/usr/lib/libc.so");
	EXPECT_STREQ(resolve("/lib/.."), "/usr"); /* ".." of where the link leads */
	EXPECT_EQ_INT(ramfs_lookup_at(ramfs_root(), "/lib", RAMFS_LOOKUP_NOFOLLOW, &inode), 0);
	EXPECT(inode == link);
	EXPECT_EQ_INT(ramfs_lookup_at(ramfs_root(), "/lib/", RAMFS_LOOKUP_NOFOLLOW, &inode), 0);
	EXPECT(inode == lib); /* a trailing slash follows */
	EXPECT_EQ_INT(ramfs_lookup_at(ramfs_root(), "/lib/libc.so", RAMFS_LOOKUP_NOFOLLOW, &inode),
		      0);
	EXPECT_STREQ(name_of(inode), "libc.so");

	/* Absolute targets, "..", relative to the link's directory, through links. */
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/etc/abs", "/usr/lib/libc.so", NULL), 0);
	EXPECT_STREQ(resolve("/etc/abs"), "/usr/lib/libc.so");
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/etc/up", "../lib/libc.so", NULL), 0);
	EXPECT_STREQ(resolve("/etc/up"), "/usr/lib/libc.so");
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/usr/lib/self", "libc.so", NULL), 0);
	EXPECT_STREQ(resolve("/lib/self"), "/usr/lib/libc.so");
	EXPECT_STREQ(resolve("/etc/abs/"), "-20");
	EXPECT_STREQ(resolve("/etc/abs/x"), "-20");

	/* Creating through a link puts the entry where the link leads. */
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/lib/new", 0755, NULL), 0);
	EXPECT(get("/usr/lib/new"));

	/* Dangling, empty, loops. */
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/dangling", "/nowhere", NULL), 0);
	EXPECT_STREQ(resolve("/dangling"), "-2");
	EXPECT_EQ_INT(ramfs_lookup_at(ramfs_root(), "/dangling", RAMFS_LOOKUP_NOFOLLOW, &inode), 0);
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/empty", "", NULL), -ENOENT);
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/self", "self", NULL), 0);
	EXPECT_STREQ(resolve("/self"), "-40");
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/ping", "pong/x", NULL), 0);
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/pong", "/ping", NULL), 0);
	EXPECT_STREQ(resolve("/ping"), "-40");
	EXPECT_STREQ(resolve("/pong/y"), "-40");
}

/* A chain of MAXSYMLINKS links resolves; one more is a loop. */
TEST(ramfs, symlink_chain_limit)
{
	char name[16], target[16];

	ramfs_init();
	EXPECT_EQ_INT(create_text("/l0", "end"), 0);
	for (int i = 1; i <= MAXSYMLINKS + 1; i++) {
		snprintf(name, sizeof(name), "/l%d", i);
		snprintf(target, sizeof(target), "l%d", i - 1);
		EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), name, target, NULL), 0);
	}
	snprintf(name, sizeof(name), "/l%d", MAXSYMLINKS);
	EXPECT_STREQ(resolve(name), "/l0");
	snprintf(name, sizeof(name), "/l%d", MAXSYMLINKS + 1);
	EXPECT_STREQ(resolve(name), "-40");
}

/* Entries come in strcmp order whatever the order of creation; indexes are stable. */
TEST(ramfs, child_at_sorted)
{
	static const char *const names[] = { "m", "b", "z", "a", "B", "mm", ".hidden", "_", "0" };
	static const char *const sorted[] = { ".hidden", "0", "B", "_", "a", "b", "m", "mm", "z" };
	struct ramfs_inode *f;
	char path[16];
	size_t i;

	ramfs_init();
	for (i = 0; i < 9; i++) {
		snprintf(path, sizeof(path), "/%s", names[i]);
		if (i % 2)
			EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), path, 0755, NULL), 0);
		else
			EXPECT_EQ_INT(create_text(path, names[i]), 0);
	}
	for (i = 0; i < 9; i++)
		EXPECT_STREQ(ramfs_child_at(ramfs_root(), i)->name, sorted[i]);
	for (i = 0; i < 9; i++)
		EXPECT_STREQ(ramfs_child_at(ramfs_root(), i)->name, sorted[i]);
	EXPECT(ramfs_child_at(ramfs_root(), 9) == NULL);
	EXPECT(ramfs_child_at(ramfs_root(), ~0UL) == NULL);
	f = get("/m");
	EXPECT(f && ramfs_child_at(f, 0) == NULL);
}

TEST(ramfs, remove_tree_frees_everything)
{
	static const char *const dirs[] = { "/keep", "/a", "/a/b", "/a/c", "/a/b/d" };
	long before;

	ramfs_init();
	before = stub_alloc_live();
	mkdirs(dirs, 5);
	EXPECT_EQ_INT(create_text("/keep/f", "keep"), 0);
	EXPECT_EQ_INT(create_text("/a/b/d/f", "some data"), 0);
	EXPECT_EQ_INT(create_text("/a/empty", ""), 0);
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/a/c/l", "../b", NULL), 0);
	EXPECT_EQ_INT(ramfs_root()->nlink, 4);
	ramfs_remove_tree(get("/a"));
	EXPECT_EQ_INT(ramfs_root()->nlink, 3);
	EXPECT(get("/a") == NULL);
	EXPECT(get("/keep/f"));
	EXPECT(ramfs_child_at(ramfs_root(), 1) == NULL);
	ramfs_remove_tree(get("/keep/f"));
	EXPECT(get("/keep") && ramfs_child_at(get("/keep"), 0) == NULL);
	EXPECT_EQ_INT(get("/keep")->nlink, 2);
	ramfs_remove_tree(get("/keep"));
	EXPECT_EQ_INT(stub_alloc_live(), before);
	EXPECT_EQ_INT(ramfs_root()->nlink, 2);
}

/* Deeper than any path: built with relative mkdirs, removed without recursion. */
TEST(ramfs, remove_deep_tree)
{
	struct ramfs_inode *dir, *top;
	long before;

	ramfs_init();
	before = stub_alloc_live();
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/deep", 0755, &top), 0);
	dir = top;
	for (int i = 0; i < 5000; i++)
		EXPECT_EQ_INT(ramfs_mkdir(dir, "d", 0755, &dir), 0);
	EXPECT_EQ_INT(ramfs_create(dir, "f", 0644, "x", 1, NULL), 0);
	EXPECT_EQ_INT(ramfs_lookup_at(dir, "/deep/d/d/d", 0, &dir), 0);
	ramfs_remove_tree(top);
	EXPECT_EQ_INT(stub_alloc_live(), before);
}

TEST(ramfs, remove_root_is_a_bug)
{
	ramfs_init();
	EXPECT_BUG(ramfs_remove_tree(ramfs_root()), "top == root");
}

/* ino numbers are unique and not reused after a removal. */
TEST(ramfs, ino_unique)
{
	unsigned long seen[64];
	struct ramfs_inode *inode;
	char path[16];

	ramfs_init();
	seen[0] = ramfs_root()->ino;
	for (int i = 1; i < 64; i++) {
		snprintf(path, sizeof(path), "/f%d", i);
		EXPECT_EQ_INT(ramfs_create(ramfs_root(), path, 0644, NULL, 0, &inode), 0);
		seen[i] = inode->ino;
		if (i % 3 == 0)
			ramfs_remove_tree(inode);
		for (int j = 0; j < i; j++)
			EXPECT(seen[j] != seen[i]);
	}
}

/* Lookups start where they are told; "/" is the root of that tree. */
TEST(ramfs, lookup_at_and_detached_trees)
{
	struct ramfs_inode *a, *tree, *x, *inode;

	ramfs_init();
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/a", 0755, &a), 0);
	EXPECT_EQ_INT(ramfs_create(a, "f", 0644, "1", 1, NULL), 0);
	EXPECT_EQ_INT(ramfs_lookup_at(a, "f", 0, &inode), 0);
	EXPECT(inode == get("/a/f"));
	EXPECT_EQ_INT(ramfs_lookup_at(a, "..", 0, &inode), 0);
	EXPECT(inode == ramfs_root());
	EXPECT_EQ_INT(ramfs_lookup_at(a, "/a", 0, &inode), 0);
	EXPECT(inode == a);

	tree = ramfs_new_tree();
	EXPECT(tree && tree->parent == tree && S_ISDIR(tree->mode));
	EXPECT_EQ_INT(ramfs_mkdir(tree, "a", 0700, &x), 0);
	EXPECT_EQ_INT(ramfs_symlink(tree, "a/up", "/../..", NULL), 0);
	EXPECT_EQ_INT(ramfs_lookup_at(x, "/", 0, &inode), 0);
	EXPECT(inode == tree);
	EXPECT_EQ_INT(ramfs_lookup_at(x, "up", 0, &inode), 0);
	EXPECT(inode == tree); /* never out of its tree */
	EXPECT_EQ_INT(ramfs_lookup_at(tree, "/a/f", 0, &inode), -ENOENT);
	EXPECT(get("/a") == a && ramfs_child_at(a, 1) == NULL); /* / untouched */
	ramfs_remove_tree(tree);
}

TEST(ramfs, graft_merges)
{
	static const char *const dirs[] = { "/etc", "/bin" };
	struct ramfs_inode *tree, *etc, *staged_etc, *f;
	long before;

	ramfs_init();
	mkdirs(dirs, 2);
	EXPECT_EQ_INT(create_text("/etc/a", "old"), 0);
	etc = get("/etc");
	before = stub_alloc_live();
	tree = ramfs_new_tree();
	EXPECT_EQ_INT(ramfs_mkdir(tree, "etc", 0700, &staged_etc), 0);
	EXPECT_EQ_INT(ramfs_create(tree, "etc/b", 0644, "new", 3, &f), 0);
	EXPECT_EQ_INT(ramfs_mkdir(tree, "usr", 0755, NULL), 0);
	EXPECT_EQ_INT(ramfs_mkdir(tree, "usr/lib", 0755, NULL), 0);
	EXPECT_EQ_INT(ramfs_create(tree, "usr/lib/x", 0644, "x", 1, NULL), 0);
	EXPECT_EQ_INT(ramfs_graft(ramfs_root(), tree), 0);

	EXPECT(get("/etc") == etc);
	EXPECT_EQ_INT(etc->mode, S_IFDIR | 0755); /* / keeps its directory's attributes */
	EXPECT(get("/etc/a"));
	EXPECT(get("/etc/b") == f && ramfs_first_alias(f)->dir == etc);
	EXPECT(get("/usr/lib/x"));
	EXPECT(get("/usr")->parent == ramfs_root());
	EXPECT_EQ_INT(ramfs_root()->nlink, 5);
	EXPECT_EQ_INT(get("/usr")->nlink, 3);
	EXPECT_STREQ(ramfs_child_at(etc, 1)->name, "b");
	/* moved directories see the new root */
	EXPECT_EQ_INT(ramfs_lookup_at(get("/usr/lib"), "/usr", 0, &f), 0);
	EXPECT(f == get("/usr"));
	/* What was grafted stays; the two staged shells (tree, etc) are freed. */
	/* each file: inode, entry, page array, page; each directory: inode, entry */
	EXPECT_EQ_INT(stub_alloc_live(), before + 12);
}

TEST(ramfs, graft_conflict_changes_nothing)
{
	struct ramfs_inode *tree, *passwd;
	long before;

	ramfs_init();
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/etc", 0755, NULL), 0);
	EXPECT_EQ_INT(create_text("/etc/passwd", "root"), 0);
	passwd = get("/etc/passwd");
	before = stub_alloc_live();
	tree = ramfs_new_tree();
	EXPECT_EQ_INT(ramfs_mkdir(tree, "aaa", 0755, NULL), 0);
	EXPECT_EQ_INT(ramfs_mkdir(tree, "etc", 0755, NULL), 0);
	EXPECT_EQ_INT(ramfs_create(tree, "etc/group", 0644, NULL, 0, NULL), 0);
	EXPECT_EQ_INT(ramfs_mkdir(tree, "etc/passwd", 0755, NULL), 0);
	EXPECT_EQ_INT(ramfs_graft(ramfs_root(), tree), -EEXIST);
	EXPECT(get("/aaa") == NULL && get("/etc/group") == NULL);
	EXPECT(get("/etc/passwd") == passwd);
	EXPECT(ramfs_child_at(ramfs_root(), 1) == NULL);
	EXPECT_EQ_INT(ramfs_lookup_at(tree, "/etc/group", 0, &passwd), 0);
	ramfs_remove_tree(tree);
	EXPECT_EQ_INT(stub_alloc_live(), before);
}

/* Failing any one allocation fails the call and leaves no trace. */
TEST(ramfs, out_of_memory)
{
	long before;

	ramfs_init();
	before = stub_alloc_live();
	/* create: inode, entry, page array, page; symlink: target, inode, entry */
	for (long n = 0; n < 4; n++) {
		stub_alloc_fail_after(n);
		EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/f", 0644, "data", 4, NULL), -ENOMEM);
		stub_alloc_fail_after(n % 3);
		EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/l", "target", NULL), -ENOMEM);
		stub_alloc_fail_after(n % 2);
		EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/d", 0755, NULL), -ENOMEM);
		stub_alloc_fail_after(-1);
		EXPECT(ramfs_child_at(ramfs_root(), 0) == NULL);
		EXPECT_EQ_INT(ramfs_root()->nlink, 2);
		EXPECT_EQ_INT(stub_alloc_live(), before);
	}
	stub_alloc_fail_after(0);
	EXPECT(ramfs_new_tree() == NULL);
}

/* Hard links: one inode, nlink names; the last unlink frees it unless it is held. */
TEST(ramfs, links_and_unlink)
{
	struct ramfs_inode *f, *out;
	long before;

	ramfs_init();
	before = stub_alloc_live();
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/f", 0644, "abc", 3, &f), 0);
	EXPECT_EQ_INT(ramfs_link(ramfs_root(), "g", 1, f), 0);
	EXPECT_EQ_INT(f->nlink, 2);
	EXPECT(get("/g") == f);
	ramfs_unlink(ramfs_find(ramfs_root(), "f", 1));
	EXPECT(get("/f") == NULL && get("/g") == f && f->nlink == 1);
	ramfs_iget(f); /* an open file */
	ramfs_unlink(ramfs_find(ramfs_root(), "g", 1));
	EXPECT_EQ_INT(f->nlink, 0);
	EXPECT_STREQ(read_text(f), "abc"); /* still readable */
	ramfs_iput(f);
	EXPECT_EQ_INT(stub_alloc_live(), before);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/d", 0755, &out), 0);
	ramfs_unlink(ramfs_find(ramfs_root(), "d", 1));
	EXPECT_EQ_INT(ramfs_root()->nlink, 2);
	EXPECT_EQ_INT(stub_alloc_live(), before);
}

TEST(ramfs, rename_moves_and_replaces)
{
	struct ramfs_inode *a, *b, *d, *e;

	ramfs_init();
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/a", 0644, "A", 1, &a), 0);
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/b", 0644, "B", 1, &b), 0);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/d", 0755, &d), 0);
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/e", 0755, &e), 0);
	ramfs_rename(ramfs_find(ramfs_root(), "a", 1), ramfs_root(), "b", 1,
		     ramfs_find(ramfs_root(), "b", 1));
	EXPECT(get("/a") == NULL && get("/b") == a);
	ramfs_rename(ramfs_find(ramfs_root(), "d", 1), e, "sub", 3, NULL);
	EXPECT(get("/e/sub") == d && d->parent == e && e->nlink == 3 && ramfs_root()->nlink == 3);
	EXPECT(ramfs_is_ancestor(e, d) && !ramfs_is_ancestor(d, e));
	EXPECT_STREQ(resolve("/e/sub/.."), "/e");
	/* renaming to its own name keeps it */
	ramfs_rename(ramfs_find(e, "sub", 3), e, "sub", 3, NULL);
	EXPECT(get("/e/sub") == d);
}

TEST(ramfs, permission)
{
	struct cred root = { 0 }, user = { .fsuid = 1000, .fsgid = 100 };
	struct ramfs_inode *f, *d;
	struct nameidata nd;

	ramfs_init();
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/f", 0640, NULL, 0, &f), 0);
	f->uid = 1000;
	f->gid = 50;
	EXPECT_EQ_INT(ramfs_permission(f, &user, MAY_READ | MAY_WRITE), 0);
	EXPECT_EQ_INT(ramfs_permission(f, &user, MAY_EXEC), -EACCES);
	EXPECT_EQ_INT(ramfs_permission(f, &root, MAY_READ | MAY_WRITE), 0);
	EXPECT_EQ_INT(ramfs_permission(f, &root, MAY_EXEC), -EACCES); /* no x bit anywhere */
	f->uid = 0;
	EXPECT_EQ_INT(ramfs_permission(f, &user, MAY_READ), -EACCES); /* other: none */
	user.groups[user.ngroups++] = 50;
	EXPECT_EQ_INT(ramfs_permission(f, &user, MAY_READ), 0); /* a supplementary group */
	EXPECT_EQ_INT(ramfs_permission(f, &user, MAY_WRITE), -EACCES);
	/* Search permission on the way: a 0700 root directory stops the user. */
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/d", 0700, &d), 0);
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/d/x", 0644, NULL, 0, NULL), 0);
	EXPECT_EQ_INT(ramfs_walk(ramfs_root(), "/d/x", 0, &user, &nd), -EACCES);
	EXPECT_EQ_INT(ramfs_walk(ramfs_root(), "/d/x", 0, &root, &nd), 0);
}

/* A mount point ends the walk: the rest of the path is handed back, symlinks included. */
TEST(ramfs, mount_point)
{
	struct ramfs_inode *proc;
	struct nameidata nd;

	ramfs_init();
	EXPECT_EQ_INT(ramfs_mkdir(ramfs_root(), "/proc", 0555, &proc), 0);
	proc->mounted = RAMFS_MOUNT_PROC;
	EXPECT_EQ_INT(ramfs_symlink(ramfs_root(), "/mtab", "proc/self/mounts", NULL), 0);
	EXPECT_EQ_INT(ramfs_walk(ramfs_root(), "/proc/meminfo", 0, NULL, &nd), 0);
	EXPECT(nd.inode == proc && nd.mnt_rest);
	EXPECT_STREQ(nd.mnt_rest, "/meminfo");
	kfree(nd.mnt_rest);
	EXPECT_EQ_INT(ramfs_walk(ramfs_root(), "/mtab", 0, NULL, &nd), 0);
	EXPECT_STREQ(nd.mnt_rest, "/self/mounts");
	kfree(nd.mnt_rest);
	EXPECT_EQ_INT(ramfs_walk(ramfs_root(), "/proc", 0, NULL, &nd), 0);
	EXPECT_STREQ(nd.mnt_rest, "");
	kfree(nd.mnt_rest);
	EXPECT_EQ_INT(ramfs_walk(ramfs_root(), "/mtab", RAMFS_LOOKUP_NOFOLLOW, NULL, &nd), 0);
	EXPECT(nd.mnt_rest == NULL && S_ISLNK(nd.inode->mode));
}

/* File data in pages: writes across page boundaries, holes, truncation. */
TEST(ramfs, pages_and_truncate)
{
	static char data[10000], back[10000];
	struct ramfs_inode *f;

	ramfs_init();
	for (unsigned i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 13);
	EXPECT_EQ_INT(ramfs_create(ramfs_root(), "/f", 0644, data, sizeof(data), &f), 0);
	EXPECT_EQ_INT(ramfs_read(f, 0, back, sizeof(back)), sizeof(back));
	EXPECT(!memcmp(data, back, sizeof(data)));
	EXPECT_EQ_INT(ramfs_truncate(f, 100), 0);
	EXPECT(f->pages[1] == NULL && f->pages[2] == NULL);
	EXPECT_EQ_INT(ramfs_truncate(f, 9000), 0);
	EXPECT_EQ_INT(ramfs_read(f, 0, back, sizeof(back)), 9000);
	EXPECT(!memcmp(data, back, 100));
	for (int i = 100; i < 9000; i++)
		if (back[i])
			test_fail(__FILE__, __LINE__, "byte %d is %d after truncate", i, back[i]);
	EXPECT_EQ_INT(ramfs_truncate(f, -1), -EINVAL);
	EXPECT_EQ_INT(ramfs_truncate(f, RAMFS_MAX_FILESIZE + 1), -EFBIG);
}
