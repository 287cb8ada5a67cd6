/*
 * tests/fuzz/initramfs.c: the newc initramfs unpacker (kernel/initramfs.c) into the
 * real ramfs (kernel/fs/ramfs.c), on hostile archives and under failing allocations.
 *
 * Input: one byte choosing when allocations start to fail (0-31: after that many;
 * from 32 on: never), then the archive. The file system holds a directory and a
 * file before each unpack, as the kernel's root does when the initramfs arrives.
 *
 * Checked for every input:
 *  - the result is 0, -EINVAL (a malformed archive), -EEXIST (a name that clashes)
 *    or, only while allocations fail, -ENOMEM;
 *  - a failure leaves the file system exactly as it was, prints exactly one
 *    KERN_ERR line (a name cannot forge another) and frees everything it allocated;
 *  - a success prints its summary line, and unpacking the same archive again into a
 *    fresh file system (no failures) gives the same tree, contents and attributes;
 *  - removing what was unpacked frees every allocation (no leak in ramfs either).
 * ASan and UBSan watch every read of the archive and every ramfs structure.
 */
#include <string.h>

#include "../host/kapi.h"
#include "../host/newc.h"
#include "../host/ramfs_fixture.h"
#include "fuzz.h"

#include <kspace/ramfs.h>

long stub_alloc_live(void);
void stub_alloc_fail_after(long n);

/* Log lines at level 3: a line is one printk (or a forged one, if a name has a newline). */
static int err_lines(const char *log)
{
	int n = !strncmp(log, "<3>", 3);

	for (const char *p = log; (p = strstr(p, "\n<3>")); p++)
		n++;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	static long empty; /* allocations with only the root */
	struct fuzz_input in = { data, size };
	unsigned int fail = fuzz_take(&in, 1);

	if (!ready) {
		ramfs_init();
		empty = stub_alloc_live();
		ready = true;
	}
	ramfs_fixture_reset();
	char *before = listing();
	long live = stub_alloc_live();

	stub_alloc_fail_after(fail < 32 ? (long)fail : -1);
	int err = unpack(in.data, in.size);
	stub_alloc_fail_after(-1);
	char *after = listing();

	FUZZ_CHECK(!err || err == -EINVAL || err == -EEXIST || (err == -ENOMEM && fail < 32),
		   "returned %d", err);
	if (err) {
		FUZZ_CHECK(!strcmp(before, after), "failed (%d) but changed the file system:\n%s",
			   err, after);
		FUZZ_CHECK(err_lines(printk_output()) == 1, "failed without one KERN_ERR line: %s",
			   printk_output());
		FUZZ_CHECK(stub_alloc_live() == live, "failed (%d) and leaked %ld allocations", err,
			   stub_alloc_live() - live);
	} else {
		FUZZ_CHECK(strstr(printk_output(), "<6>initramfs: unpacked "), "no summary: %s",
			   printk_output());
		ramfs_fixture_reset();
		int again = unpack(in.data, in.size);
		char *second = listing();
		FUZZ_CHECK(!again && !strcmp(after, second),
			   "unpacked (%d) differently the second time:\n%s\nthen\n%s", again, after,
			   second);
		free(second);
	}
	free(before);
	free(after);
	struct ramfs_dentry *c;
	while ((c = ramfs_child_at(ramfs_root(), 0)))
		ramfs_remove_tree(c->inode);
	FUZZ_CHECK(stub_alloc_live() == empty, "%ld allocations left after removing everything",
		   stub_alloc_live() - empty);
	return 0;
}
