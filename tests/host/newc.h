/*
 * tests/host/newc.h: what the initramfs tests share (test_initramfs*.c). A small
 * writer of cpio "newc" archives, entry by entry, that remembers where each entry
 * starts so a test can corrupt one header field; and helpers to unpack an archive
 * with unpack_initramfs (kernel/initramfs.c), look at the file system it leaves and
 * check a rejection: one KERN_ERR line with the expected message, nothing changed,
 * nothing leaked.
 */
#ifndef HOST_NEWC_H
#define HOST_NEWC_H

#include <stddef.h>

#include "test.h"

struct ramfs_inode;

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

/* Append n raw bytes; append NULs until the length is a multiple of to. */
void put(struct archive *a, const void *p, size_t n);
void pad(struct archive *a, size_t to);

void add(struct archive *a, const struct newc *e);
void add_dir(struct archive *a, const char *name, unsigned int perm);
void add_file(struct archive *a, const char *name, unsigned int perm, const char *text);
void add_symlink(struct archive *a, const char *name, const char *target);
void add_trailer(struct archive *a);

/* Overwrite header field f (0 = ino .. 12 = check) of entry i with 8 hex digits of v. */
void set_field(struct archive *a, int i, int f, unsigned int v);

/* Everything in the file system but inode numbers, one line per inode; free() it. */
char *listing(void);

/* How many times what occurs in text. */
int count(const char *text, const char *what);

/* Unpack from an exact-size copy of buf, so that ASan sees a read past its end. */
int unpack(const void *buf, size_t len);

/* Unpack a, expecting it to fail with err and msg in the log, changing nothing. */
const char *rejected(const struct archive *a, int want, const char *msg);

#define EXPECT_REJECTED(a, err, msg)                       \
	do {                                               \
		const char *why_ = rejected(a, err, msg);  \
		EXPECT_MSG(!why_, "%s", why_);             \
	} while (0)

/* A file's or symlink's contents as a string, in a static buffer. */
const char *read_all(struct ramfs_inode *inode);

/* The inode at path, not following a final symlink; NULL if there is none. */
struct ramfs_inode *get(const char *path);

#endif
