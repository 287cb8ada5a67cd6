/*
 * tests/host/test_initramfs_cpio.c: unpack_initramfs on an archive from the real GNU
 * cpio, over a directory tree made under build/host/: what it installs must match
 * what find(1) sees in the tree.
 */
#define _GNU_SOURCE /* open_memstream, asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kapi.h"
#include "newc.h"
#include "test.h"

#include <kspace/ramfs.h>

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
	struct ramfs_dentry *d;
	struct ramfs_inode *c;
	char *p;

	for (unsigned long i = 0; (d = ramfs_child_at(dir, i)); i++) {
		c = d->inode;
		if (asprintf(&p, "%s%s", path, d->name) < 0)
			abort();
		fprintf(out, "%s %c %o %u %u %u %lu\n", p,
			S_ISDIR(c->mode) ? 'd' : S_ISLNK(c->mode) ? 'l' : 'f', c->mode & 07777,
			c->uid, c->gid, (unsigned)c->mtime.tv_sec, (unsigned long)c->size);
		free(p);
		if (asprintf(&p, "%s%s/", path, d->name) < 0)
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
