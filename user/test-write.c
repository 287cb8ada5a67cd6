/*
 * user/test-write.c: write(fd, buf, count) from memory the kernel cannot read, to the
 * console (fd 1, a terminal on kspace and on Linux).
 *
 * NULL, (char *)-1, 0xC0000000, 0xBFFFFFFF with count 2 and a count of -1 fail with
 * EFAULT. count 0 writes nothing, except that (char *)-1 is refused even then. A
 * terminal copies what it writes in chunks of 2048 bytes and writes none of a chunk
 * it cannot copy whole, so a buffer that runs from the heap into an unmapped page
 * within its first chunk fails with EFAULT and prints nothing (the bytes that would
 * show are comment lines, to keep the log readable either way). A descriptor not
 * open for writing, or not open at all, gives EBADF; root may open /proc/meminfo for
 * writing, but writing it fails with EIO.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static void check_write(int fd, const void *buf, size_t count, long want, int err,
			const char *what)
{
	long r = write(fd, buf, count);

	if (want < 0)
		check(failed_with(r, err), "write(%s) fails with errno %d (%s)", what, err,
		      describe_result(r));
	else
		check(r == want, "write(%s) returns %ld (%s)", what, want, describe_result(r));
}

static void check_bad_pointers(void)
{
	check_write(1, NULL, 1, -1, EFAULT, "1, NULL, 1");
	check_write(1, (void *)-1, 1, -1, EFAULT, "1, (char *)-1, 1");
	check_write(1, (void *)TASK_SIZE, 1, -1, EFAULT, "1, 0xC0000000, 1");
	check_write(1, (void *)(TASK_SIZE - 1), 2, -1, EFAULT, "1, 0xBFFFFFFF, 2");
	check_write(1, NULL, 0, 0, 0, "1, NULL, 0");
	check_write(1, (void *)-1, 0, -1, EFAULT, "1, (char *)-1, 0");
	check_write(1, "# a line\n", 9, 9, 0, "1, \"# a line\\n\", 9");
}

/* Comment lines up to the edge: harmless if a kernel prints them after all. */
static void fill_comments(char *from, char *edge)
{
	memset(from, '#', edge - from);
	for (char *p = from + 63; p < edge; p += 64)
		*p = '\n';
	edge[-1] = '\n';
}

static void check_heap_edge(char *edge)
{
	fill_comments(edge - 16, edge);
	check_write(1, edge - 16, 32, -1, EFAULT, "1, 16 bytes before the heap's edge, 32");
	fill_comments(edge - 300, edge);
	check_write(1, edge - 300, 316, -1, EFAULT, "1, 300 bytes before the heap's edge, 316");
	check_write(1, edge - 16, (size_t)-1, -1, EFAULT, "1, 16 bytes before the heap's edge, -1");
}

static void check_descriptors(void)
{
	int fd = open("/proc/meminfo", O_RDONLY);

	check_write(fd, "x", 1, -1, EBADF, "/proc/meminfo opened O_RDONLY");
	close(fd);
	fd = open("/proc/meminfo", O_WRONLY);
	check(fd >= 0, "root opens /proc/meminfo for writing (%s)", describe_result(fd));
	check_write(fd, "x", 1, -1, EIO, "/proc/meminfo opened O_WRONLY");
	close(fd);
	check_write(-1, "x", 1, -1, EBADF, "fd -1");
	check_write(1000, "x", 1, -1, EBADF, "fd 1000");
}

int main(void)
{
	char *edge = heap_edge();

	check(edge != NULL, "brk gives a heap edge");
	check_bad_pointers();
	if (edge)
		check_heap_edge(edge);
	check_descriptors();
	return check_status();
}
