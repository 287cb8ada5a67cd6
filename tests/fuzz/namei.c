/*
 * tests/fuzz/namei.c: the path walker (ramfs_walk in kernel/fs/ramfs.c, which
 * kernel/fs/namei.c's lookups go through) on hostile paths, over a tree with what makes
 * walking hard: symlinks relative and absolute, chains, loops and dangling ones, a
 * directory without search permission for others, a file where a directory is
 * expected, a long name, and a /proc mount point. (namei.c itself needs the task and
 * file layers; its lexical part for /proc is reached through mnt_rest here.)
 *
 * Input: a byte of flags (RAMFS_LOOKUP_NOFOLLOW, RAMFS_LOOKUP_PARENT, which credentials
 * walk: none, root, the directory's group, another user; which directory a relative
 * path starts in), then the path (up to a NUL; longer than PATH_MAX too).
 *
 * Checked: the result is 0 or an error a walk can give (ENOENT ENOTDIR ELOOP
 * ENAMETOOLONG EACCES); what it finds is an inode of the tree, a directory when the
 * path ends in '/' or the parent was asked for, the mount point with what follows it
 * ("" or "/...", shorter than PATH_MAX) when it went through /proc; the parent's last
 * component lies in the path and has no '/'; root's credentials walk exactly as no
 * credentials do (DAC override); a relative path from / walks as "/" + it does and as
 * "./" + it does; a walk repeated gives the same; and nothing allocated is left.
 */
#include <string.h>

#include "../host/kapi.h"
#include "fuzz.h"

#include <kspace/cred.h>
#include <kspace/ramfs.h>
#include <kspace/slab.h>

long stub_alloc_live(void);

#define MAX_NODES 64

static struct ramfs_inode *nodes[MAX_NODES], *start_dirs[2];
static int nr_nodes;

static struct ramfs_inode *node(struct ramfs_inode *inode)
{
	FUZZ_CHECK(inode && nr_nodes < MAX_NODES, "setting up the tree");
	return nodes[nr_nodes++] = inode;
}

/* References held on the tree's inodes (a walk's result is put before this is asked). */
static int refs_held(void)
{
	int refs = 0;

	for (int i = 0; i < nr_nodes; i++)
		refs += nodes[i]->count;
	return refs;
}

static void build_tree(void)
{
	struct ramfs_inode *i, *root;
	char long_name[RAMFS_NAME_MAX + 1];

	ramfs_init();
	root = node(ramfs_root());
	ramfs_mkdir(root, "/a", 0755, &i), node(i);
	ramfs_mkdir(root, "/a/b", 0755, &i), node(i);
	start_dirs[0] = root;
	start_dirs[1] = i;
	ramfs_mkdir(root, "/a/b/c", 0755, &i), node(i);
	ramfs_create(root, "/a/file", 0644, "x", 1, &i), node(i);
	ramfs_mkdir(root, "/secret", 0750, &i), node(i);
	i->uid = 0, i->gid = 100;
	ramfs_create(root, "/secret/f", 0644, "", 0, &i), node(i);
	ramfs_mkdir(root, "/proc", 0555, &i), node(i);
	i->mounted = RAMFS_MOUNT_PROC;
	ramfs_symlink(root, "/rel", "a/b", &i), node(i);
	ramfs_symlink(root, "/abs", "/a/b/c", &i), node(i);
	ramfs_symlink(root, "/a/up", "../a", &i), node(i);
	ramfs_symlink(root, "/loop1", "loop2", &i), node(i);
	ramfs_symlink(root, "/loop2", "/loop1", &i), node(i);
	ramfs_symlink(root, "/self", "self/x", &i), node(i);
	ramfs_symlink(root, "/dangling", "/nowhere/at/all", &i), node(i);
	ramfs_symlink(root, "/tofile", "a/file", &i), node(i);
	ramfs_symlink(root, "/toproc", "/proc/self/..", &i), node(i);
	ramfs_symlink(root, "/a/b/c/dotdot", "../../..", &i), node(i);
	ramfs_symlink(root, "/empty", "", &i), node(i);
	ramfs_symlink(root, "/chain0", "chain1", &i), node(i);
	for (int k = 1; k < 40; k++) { /* /chain0 -> chain1 -> ... -> chain39 -> /a: 40 links */
		char name[16], target[16];

		snprintf(name, sizeof(name), "/chain%d", k);
		snprintf(target, sizeof(target), k < 39 ? "chain%d" : "/a", k + 1);
		ramfs_symlink(root, name, target, NULL);
	}
	memset(long_name, 'n', RAMFS_NAME_MAX);
	long_name[RAMFS_NAME_MAX] = '\0';
	ramfs_mkdir(start_dirs[0], long_name, 0755, &i), node(i);
}

static bool in_tree(const struct ramfs_inode *inode)
{
	if (!inode)
		return false;
	for (int k = 0; k < nr_nodes; k++)
		if (nodes[k] == inode)
			return true;
	return S_ISLNK(inode->mode) || inode->parent == nodes[0]; /* a chain link, or under / */
}

struct result {
	int err;
	struct ramfs_inode *inode;
	const char *last;
	size_t last_len;
	bool slash;
	char rest[PATH_MAX];
	bool mounted;
};

static void run(struct ramfs_inode *dir, const char *path, unsigned int flags,
		const struct cred *cred, struct result *r)
{
	struct nameidata nd;
	long live = stub_alloc_live();

	memset(&nd, 0, sizeof(nd));
	r->err = ramfs_walk(dir, path, flags, cred, &nd);
	r->inode = NULL;
	r->last = NULL;
	r->last_len = 0;
	r->slash = false;
	r->mounted = nd.mnt_rest;
	r->rest[0] = '\0';
	if (!r->err) {
		r->inode = nd.inode;
		r->last = nd.last;
		r->last_len = nd.last_len;
		r->slash = nd.slash;
		if (nd.mnt_rest) {
			size_t n = strnlen(nd.mnt_rest, PATH_MAX);
			FUZZ_CHECK(n < PATH_MAX, "what follows the mount point is too long");
			memcpy(r->rest, nd.mnt_rest, n + 1);
		}
	}
	FUZZ_CHECK(r->err || !nd.mnt_rest || stub_alloc_live() == live + 1, "mnt_rest allocations");
	FUZZ_CHECK(r->err != 0 || nd.mnt_rest || stub_alloc_live() == live, "a walk allocated");
	kfree(nd.mnt_rest);
	FUZZ_CHECK(stub_alloc_live() == live, "%ld allocations left by a walk (error %d)",
		   stub_alloc_live() - live, r->err);
	if (!r->err) { /* the result's reference, and no other */
		FUZZ_CHECK(nd.inode->count == 1, "the result is held %d times", nd.inode->count);
		ramfs_iput(nd.inode);
	}
	FUZZ_CHECK(!refs_held(), "%d references left by a walk (error %d)", refs_held(), r->err);
}

static bool same(const struct result *a, const struct result *b, bool compare_last)
{
	return a->err == b->err &&
	       (a->err || (a->inode == b->inode && a->mounted == b->mounted &&
			   !strcmp(a->rest, b->rest) && a->slash == b->slash &&
			   (!compare_last || (a->last_len == b->last_len &&
					      (!a->last_len || !memcmp(a->last, b->last, a->last_len))))));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[PATH_MAX + 16], other[PATH_MAX + 16];
	static const struct cred creds[] = {
		{ 0 },
		{ .fsuid = 1000, .fsgid = 100 },
		{ .fsuid = 1000, .fsgid = 1000 },
	};
	static struct result r, again, alt;
	struct fuzz_input in = { data, size };
	unsigned int sel = fuzz_take(&in, 1);
	unsigned int flags = sel & (RAMFS_LOOKUP_NOFOLLOW | RAMFS_LOOKUP_PARENT);
	int c = (sel >> 2) & 3;
	const struct cred *cred = c ? &creds[c - 1] : NULL;
	struct ramfs_inode *dir;
	size_t len = 0;

	if (!nr_nodes)
		build_tree();
	dir = start_dirs[(sel >> 4) & 1];
	while (in.size && len < sizeof(path) - 1 && in.data[0])
		path[len++] = (char)fuzz_take(&in, 1);
	path[len] = '\0';

	run(dir, path, flags, cred, &r);
	FUZZ_CHECK(!r.err || r.err == -ENOENT || r.err == -ENOTDIR || r.err == -ELOOP ||
			   r.err == -ENAMETOOLONG || r.err == -EACCES,
		   "error %d", r.err);
	FUZZ_CHECK(r.err != -EACCES || (cred && cred->fsuid), "EACCES for root or no credentials");
	if (!r.err) {
		FUZZ_CHECK(in_tree(r.inode), "an inode that is not in the tree");
		FUZZ_CHECK(!r.mounted || (r.inode->mounted && (!r.rest[0] || r.rest[0] == '/')),
			   "mount point result \"%s\"", r.rest);
		if (flags & RAMFS_LOOKUP_PARENT) {
			FUZZ_CHECK(r.last >= path && r.last + r.last_len <= path + len &&
					   !memchr(r.last, '/', r.last_len) &&
					   (r.mounted || r.last_len <= RAMFS_NAME_MAX),
				   "last component"); /* under /proc, procfs judges the name */
			FUZZ_CHECK(r.mounted || S_ISDIR(r.inode->mode), "the parent is not a directory");
		} else if (!r.mounted && len && path[len - 1] == '/') {
			FUZZ_CHECK(S_ISDIR(r.inode->mode), "\"dir/\" found a non-directory");
		}
	}
	run(dir, path, flags, cred, &again);
	FUZZ_CHECK(same(&r, &again, true), "the same walk twice: %d then %d", r.err, again.err);
	if (!cred || !cred->fsuid) {
		run(dir, path, flags, cred ? NULL : &creds[0], &alt);
		FUZZ_CHECK(same(&r, &alt, true), "root and no credentials differ: %d and %d", r.err,
			   alt.err);
	}
	if (dir == start_dirs[0] && len && path[0] != '/' && len + 2 < PATH_MAX) {
		other[0] = '/';
		memcpy(other + 1, path, len + 1);
		run(dir, other, flags, cred, &alt);
		FUZZ_CHECK(same(&r, &alt, false), "\"%s\" and \"/%s\" differ: %d and %d", path, path,
			   r.err, alt.err);
		other[0] = '.';
		other[1] = '/';
		memcpy(other + 2, path, len + 1);
		run(dir, other, flags, cred, &alt);
		FUZZ_CHECK(same(&r, &alt, false), "\"%s\" and \"./%s\" differ: %d and %d", path, path,
			   r.err, alt.err);
	}
	return 0;
}
