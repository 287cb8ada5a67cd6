/*
 * user/test-read.c: read(fd, buf, count) into memory the kernel cannot write, from a
 * /proc file (/proc/meminfo, made when read) and an initramfs file (DIR/hello). The
 * console cannot be scripted, so it is not read.
 *
 * NULL, (char *)-1, 0xC0000000, 0xBFFFFFFF with count 2, the program's read-only text
 * (which stays intact) and a count of -1 all fail with EFAULT, and a failed read does
 * not move the file offset. count 0 reads nothing, except that (char *)-1 is refused
 * even then: the pointer is checked before the count. A buffer that runs from the
 * heap into an unmapped page gets what fits before the edge: read returns that short
 * count and the offset moves by it. A directory gives EISDIR; a descriptor not open
 * for reading, or not open at all, EBADF.
 *
 * Usage: test-read [DIR], where DIR holds hello (default /bin).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define HEAD 16 /* bytes compared at the start of each file */

static void check_fails(const char *path, int fd, void *buf, size_t count, int err,
			const char *what)
{
	long r = read(fd, buf, count);

	check(failed_with(r, err), "%s: read(%s) fails with errno %d (%s)", path, what, err,
	      describe_result(r));
}

static void check_bad_pointers(const char *path, const char *head)
{
	static char big[64 * 1024]; /* more than either file: a kernel that ignores count fills
				       only this */
	char got[HEAD];
	int fd = open(path, O_RDONLY);
	long r;

	check_fails(path, fd, NULL, HEAD, EFAULT, "NULL, 16");
	check_fails(path, fd, (void *)-1, HEAD, EFAULT, "(char *)-1, 16");
	check_fails(path, fd, (void *)TASK_SIZE, HEAD, EFAULT, "0xC0000000, 16");
	check_fails(path, fd, (void *)(TASK_SIZE - 1), 2, EFAULT, "0xBFFFFFFF, 2");
	check_fails(path, fd, (void *)text_page, HEAD, EFAULT, "the program's text, 16");
	check(text_page_intact(), "%s: the text is unchanged", path);
	check_fails(path, fd, big, (size_t)-1, EFAULT, "a 64 KiB buffer, -1");
	check_fails(path, fd, (void *)-1, 0, EFAULT, "(char *)-1, 0");
	r = read(fd, NULL, 0);
	check(r == 0, "%s: read(NULL, 0) returns 0 (%s)", path, describe_result(r));
	r = read(fd, got, HEAD);
	check(r == HEAD && !memcmp(got, head, HEAD),
	      "%s: the failed reads left the offset at 0: the next read gets the first bytes (%s)",
	      path, describe_result(r));
	close(fd);
}

/* 8 bytes fit below the edge, the other 8 would land in the unmapped page. */
static void check_short_read(const char *path, const char *head, char *edge)
{
	char got[HEAD];
	int fd = open(path, O_RDONLY);
	long r = read(fd, edge - 8, HEAD);

	check(r == 8 && !memcmp(edge - 8, head, 8),
	      "%s: a read of 16 into the last 8 bytes before the heap's edge returns 8 (%s)", path,
	      describe_result(r));
	r = read(fd, got, 8);
	check(r == 8 && !memcmp(got, head + 8, 8), "%s: and the offset moved by 8 (%s)", path,
	      describe_result(r));
	close(fd);
}

static void check_file(const char *path, char *edge)
{
	char head[HEAD];
	int fd = open(path, O_RDONLY);
	long r = fd < 0 ? -1 : read(fd, head, HEAD);

	check(r == HEAD, "%s: open and read the first %d bytes (%s)", path, HEAD,
	      describe_result(r));
	if (r != HEAD)
		return;
	close(fd);
	check_bad_pointers(path, head);
	if (edge)
		check_short_read(path, head, edge);
}

static void check_descriptors(const char *dir)
{
	char buf[HEAD];
	int fd = open(dir, O_RDONLY);

	check_fails(dir, fd, buf, HEAD, EISDIR, "a directory");
	close(fd);
	fd = open("/proc/sys/kernel/hostname", O_WRONLY);
	check_fails("/proc/sys/kernel/hostname", fd, buf, HEAD, EBADF, "opened O_WRONLY");
	close(fd);
	check_fails("fd -1", -1, buf, HEAD, EBADF, "fd -1");
	check_fails("fd 1000", 1000, buf, HEAD, EBADF, "fd 1000");
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/bin";
	char *edge = heap_edge();
	char hello[256];

	check(edge != NULL, "brk gives a heap edge");
	snprintf(hello, sizeof(hello), "%s/hello", dir);
	check_file("/proc/meminfo", edge);
	check_file(hello, edge);
	check_descriptors(dir);
	return check_status();
}
