/*
 * tests/host/test_initramfs_fuzz.c: unpack_initramfs on damaged copies of one rich
 * archive: truncated at every offset, every header field of every entry changed,
 * random byte flips, and each allocation in turn failing. Whatever the damage, a
 * failed unpack must leave the file system exactly as it was, print one KERN_ERR
 * line and leak nothing, and a successful one must come out the same when repeated;
 * ASan and UBSan catch any read outside the archive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kapi.h"
#include "newc.h"
#include "ramfs_fixture.h"
#include "test.h"

#include <kspace/ramfs.h>

/* stub_alloc.c */
long stub_alloc_live(void);
void stub_alloc_fail_after(long n);

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
		ramfs_fixture_reset();
		err = unpack(buf, len);
		again = listing();
		if (err || strcmp(after, again))
			snprintf(why, sizeof(why), "succeeded, then not the same way (%d)", err);
		free(again);
		ramfs_fixture_reset();
	}
	free(after);
	return why[0] ? why : NULL;
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
	ramfs_fixture_populate();
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
	ramfs_fixture_populate();
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
	ramfs_fixture_populate();
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
	ramfs_fixture_populate();
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
