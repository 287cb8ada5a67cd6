/*
 * tests/host/test_initramfs.c: unpack_initramfs (kernel/initramfs.c) on archives
 * from the newc writer (newc.c): what it installs, and each kind of malformed
 * archive and its message. A failed unpack must leave the file system exactly as it
 * was, print one KERN_ERR line and leak nothing; ASan and UBSan catch any read
 * outside the archive. Fuzzing is in test_initramfs_fuzz.c, an archive from GNU
 * cpio in test_initramfs_cpio.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kapi.h"
#include "newc.h"
#include "test.h"

#include <kspace/ramfs.h>

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
	EXPECT_EQ_INT(get("/bin")->mtime.tv_sec, MTIME);
	EXPECT_EQ_INT(get("/etc")->mode, S_IFDIR | 0750);
	sh = get("/bin/sh");
	EXPECT(sh);
	EXPECT_EQ_INT(sh->mode, S_IFREG | 04755);
	EXPECT(sh->uid == 1000 && sh->gid == 100 && sh->mtime.tv_sec == MTIME);
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
	EXPECT(get("/a") != get("/c") && get("/a")->pages[0] != get("/c")->pages[0]); /* copies */
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

/*
 * Found by tests/fuzz/initramfs.c: a rejected entry's name went to the log as the
 * archive spelled it, so "\n<0>..." in a name forged a log line of its own (and an
 * escape sequence reached the console). Bytes outside printable ASCII are now \xNN,
 * and a long name is cut.
 */
TEST(initramfs, names_in_the_log_are_escaped)
{
	struct archive a = { 0 };
	char long_name[300];

	add_file(&a, "nodir/x\n<0>forged\x1b[2J\\", 0644, "");
	add_trailer(&a);
	ramfs_init();
	EXPECT_EQ_INT(unpack(a.buf, a.len), -EINVAL);
	EXPECT_STREQ(printk_output(), "<3>initramfs: offset 0: nodir/x\\x0a<0>forged\\x1b[2J\\x5c: "
				      "its directory does not come before it; nothing unpacked\n");
	free(a.buf);

	memset(&a, 0, sizeof(a));
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	long_name[0] = '\t';
	add_file(&a, long_name, 0644, "");
	add_trailer(&a);
	EXPECT_EQ_INT(unpack(a.buf, a.len), -EINVAL);
	EXPECT_MSG(strstr(printk_output(), ": \\x09nnnn") && strstr(printk_output(), "nnn...: ") &&
			   strlen(printk_output()) < 250,
		   "%s", printk_output());
	free(a.buf);
}
