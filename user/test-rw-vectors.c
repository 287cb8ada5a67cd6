/*
 * user/test-rw-vectors.c: readv, writev, pread64 and pwrite64. readv scatters a file's
 * bytes over its buffers in order and moves the position by the total; writev
 * gathers into a pipe as one write (atomic up to PIPE_BUF bytes), and readv of a pipe
 * returns what is there without waiting for more. pread64 reads at its own position and leaves the file's alone. Garbage: a
 * vector count of -1 or past 1024 is EINVAL, 1024 itself is fine; a length above
 * SSIZE_MAX is EINVAL; a vector or a buffer outside user space is EFAULT, even one
 * that wraps; a negative position is EINVAL (before a bad descriptor's EBADF); a pipe
 * has no positions (ESPIPE); the wrong direction is EBADF.
 *
 * The file read is the program itself (argv[0]), long enough for every position used.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

static unsigned char whole[4096];

/* The raw pread64/pwrite64: the 64-bit position in two halves, low first. */
static long raw_pread(int fd, void *buf, size_t n, int64_t pos)
{
	return syscall(__NR_pread64, fd, buf, n, (unsigned long)pos, (unsigned long)((uint64_t)pos >> 32));
}

static long raw_pwrite(int fd, const void *buf, size_t n, int64_t pos)
{
	return syscall(__NR_pwrite64, fd, buf, n, (unsigned long)pos, (unsigned long)((uint64_t)pos >> 32));
}

static void check_readv_file(int fd)
{
	unsigned char a[3], b[10], c[100];
	struct iovec v[] = { { a, 3 }, { NULL, 0 }, { b, 10 }, { c, 100 } };
	long r = readv(fd, v, 4);

	check(r == 113 && !memcmp(a, whole, 3) && !memcmp(b, whole + 3, 10) && !memcmp(c, whole + 13, 100),
	      "readv scatters 113 bytes over 3 buffers in order (%s)", describe_result(r));
	check(lseek(fd, 0, SEEK_CUR) == 113, "and moves the position by 113");
	check(readv(fd, v, 0) == 0 && lseek(fd, 0, SEEK_CUR) == 113, "a count of 0 reads nothing");
	check(readv(fd, (struct iovec *)1, 0) == 0, "nor looks at the vector");
	lseek(fd, 0, SEEK_SET);
}

static void check_pread(int fd)
{
	unsigned char buf[16];

	lseek(fd, 7, SEEK_SET);
	check(raw_pread(fd, buf, 16, 100) == 16 && !memcmp(buf, whole + 100, 16),
	      "pread64 at 100 reads the bytes at 100");
	check(lseek(fd, 0, SEEK_CUR) == 7, "and leaves the position at 7");
	check(pread(fd, buf, 16, 5) == 16 && !memcmp(buf, whole + 5, 16), "libc's pread at 5");
	check(raw_pread(fd, buf, 16, 1LL << 40) == 0, "a position far past the end reads nothing");
	check(failed_with(raw_pread(fd, buf, 16, -1), EINVAL), "a negative position: EINVAL");
	check(failed_with(raw_pread(-1, buf, 16, -1), EINVAL), "... checked before the descriptor");
	check(failed_with(raw_pread(-1, buf, 16, 0), EBADF), "a bad descriptor: EBADF");
	check(failed_with(raw_pread(fd, NULL, 16, 0), EFAULT), "into NULL: EFAULT");
	check(failed_with(raw_pread(fd, (void *)TASK_SIZE, 16, 0), EFAULT), "into the kernel: EFAULT");
	check(failed_with(raw_pwrite(fd, buf, 16, 0), EBADF), "pwrite64 on an O_RDONLY file: EBADF");
	check(failed_with(raw_pwrite(fd, buf, 16, -5), EINVAL), "pwrite64 at -5: EINVAL");
}

/* A writev of at most PIPE_BUF bytes goes into a pipe whole or not at all. */
static void check_pipe_atomic(void)
{
	static char fill[65536 - 5];
	int p[2];
	struct iovec six[] = { { "abc", 3 }, { "def", 3 } }, five[] = { { "ab", 2 }, { "cde", 3 } };
	char got[5];

	if (pipe2(p, O_NONBLOCK))
		return;
	check(write(p[1], fill, sizeof(fill)) == sizeof(fill), "a pipe filled but for 5 bytes");
	check(failed_with(writev(p[1], six, 2), EAGAIN), "writev of 3 + 3 bytes: EAGAIN, nothing "
	      "written (one atomic write)");
	check(writev(p[1], five, 2) == 5, "writev of 2 + 3 bytes fits");
	check(read(p[0], fill, sizeof(fill)) == sizeof(fill) && read(p[0], got, 5) == 5 &&
	      !memcmp(got, "abcde", 5), "and what comes out ends with abcde");
	close(p[0]);
	close(p[1]);
}

/* Empty buffers first and last, and a read that ends where a buffer does: none is lost. */
static void check_pipe_edges(void)
{
	int p[2];
	char a[2] = { 0 }, b[8] = { 0 };
	struct iovec out[] = { { "", 0 }, { "xyz", 3 }, { "", 0 } };
	struct iovec in[] = { { NULL, 0 }, { a, 2 }, { NULL, 0 }, { b, 8 }, { NULL, 0 } };
	long r;

	if (pipe(p)) {
		check(0, "pipe");
		return;
	}
	check(writev(p[1], out, 3) == 3, "writev with empty buffers first and last: 3 bytes");
	r = readv(p[0], in, 1);
	check(r == 0, "a readv whose buffers hold nothing reads nothing (%s)", describe_result(r));
	r = readv(p[0], in, 5);
	check(r == 3 && !memcmp(a, "xy", 2) && b[0] == 'z',
	      "readv past empty buffers, filling one to its end, gets all 3 in order (%s)",
	      describe_result(r));
	close(p[0]);
	close(p[1]);
}

static void check_pipes(void)
{
	int p[2];
	char a[4], b[8] = { 0 }, big[16];
	struct iovec out[] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } }, in[] = { { a, 4 }, { b, 8 } };
	long r;

	if (pipe(p)) {
		check(0, "pipe");
		return;
	}
	check(writev(p[1], out, 3) == 6, "writev gathers 6 bytes into a pipe");
	r = readv(p[0], in, 2);
	check(r == 6 && !memcmp(a, "abcd", 4) && !memcmp(b, "ef", 2),
	      "readv of the pipe returns the 6 there, without waiting for more (%s)", describe_result(r));
	close(p[0]);
	close(p[1]);
	check_pipe_edges();
	check_pipe_atomic();
	pipe(p);
	check(failed_with(raw_pread(p[0], big, 4, 0), ESPIPE), "pread64 on a pipe: ESPIPE");
	check(failed_with(raw_pwrite(p[1], big, 4, 0), ESPIPE), "pwrite64 on a pipe: ESPIPE");
	check(failed_with(raw_pread(p[1], big, 4, 0), ESPIPE), "pread64 on the write end: ESPIPE too");
	check(failed_with(readv(p[1], in, 2), EBADF) && failed_with(writev(p[0], out, 3), EBADF),
	      "readv of the write end, writev of the read end: EBADF");
	close(p[0]);
	close(p[1]);
}

static void check_garbage(int fd)
{
	static struct iovec many[1025];
	unsigned char buf[8];
	struct iovec v;
	long r;

	for (int i = 0; i < 1025; i++)
		many[i] = (struct iovec){ buf, 0 };
	many[0].iov_len = 8;
	check(readv(fd, many, 1024) == 8, "1024 buffers (UIO_MAXIOV) are fine");
	check(failed_with(readv(fd, many, 1025), EINVAL), "1025: EINVAL");
	check(failed_with(readv(fd, many, -1), EINVAL), "-1: EINVAL");
	check(failed_with(readv(fd, many, INT_MIN), EINVAL), "INT_MIN: EINVAL");
	check(failed_with(readv(fd, NULL, 1), EFAULT), "a NULL vector: EFAULT");
	check(failed_with(readv(fd, (struct iovec *)TASK_SIZE, 1), EFAULT), "a vector in the kernel: EFAULT");
	v = (struct iovec){ buf, (size_t)INT_MAX + 1 };
	check(failed_with(readv(fd, &v, 1), EINVAL), "a length above SSIZE_MAX: EINVAL");
	v = (struct iovec){ NULL, 8 };
	check(failed_with(readv(fd, &v, 1), EFAULT), "a NULL buffer: EFAULT");
	v = (struct iovec){ (void *)(TASK_SIZE - 4), 8 };
	check(failed_with(readv(fd, &v, 1), EFAULT), "a buffer running into the kernel: EFAULT");
	v = (struct iovec){ (void *)0xfffffff0, 0x20 };
	check(failed_with(readv(fd, &v, 1), EFAULT), "a buffer wrapping past 4 GiB: EFAULT");
	v = (struct iovec){ buf, 8 };
	lseek(fd, 0, SEEK_SET);
	r = readv(fd, (struct iovec[]){ { buf, 8 }, { (void *)TASK_SIZE, 8 } }, 2);
	check(failed_with(r, EFAULT) && lseek(fd, 0, SEEK_CUR) == 0,
	      "a second buffer in the kernel fails the call before the first is read (%s)", describe_result(r));
	check(failed_with(readv(-1, &v, 1), EBADF) && failed_with(writev(1000, &v, 1), EBADF),
	      "bad descriptors: EBADF");
	check(failed_with(writev(fd, &v, 1), EBADF), "writev on an O_RDONLY file: EBADF");
	check(failed_with(readv(-1, NULL, -1), EBADF), "the descriptor is checked first");
}

int main(int argc, char **argv)
{
	int fd;

	(void)argc;
	fd = open(argv[0], O_RDONLY);
	check(fd >= 0 && read(fd, whole, sizeof(whole)) == sizeof(whole) && lseek(fd, 0, SEEK_SET) == 0,
	      "open and read 4 KiB of %s", argv[0]);
	check_readv_file(fd);
	check_pread(fd);
	check_pipes();
	check_garbage(fd);
	return check_status();
}
