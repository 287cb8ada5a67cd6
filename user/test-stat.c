/*
 * user/test-stat.c: stat(path, buf) and fstat(fd, buf), which libc makes as stat64 and
 * fstat64 into the 96-byte struct stat64 of Linux/i386. The fields must land where
 * libc's struct stat expects them: the size equals the bytes a read gets, the low 32
 * bits of the inode number (__st_ino) match the 64-bit one at the end, and nothing is
 * written past the 96 bytes. A directory is a directory, stat and fstat agree, and
 * bad paths, bad buffers and bad descriptors fail with ENOENT, EFAULT and EBADF; a
 * path that does not exist leaves the buffer untouched.
 *
 * Usage: test-stat [DIR], where DIR holds hello (default /bin).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define STAT64_SIZE 96
#define POISON 0xa5

/* A struct stat with poisoned guard bytes after it. */
struct guarded {
	struct stat st;
	unsigned char guard[16];
};

static void poison(struct guarded *g)
{
	memset(g, POISON, sizeof(*g));
}

static int guard_intact(const struct guarded *g)
{
	for (size_t i = 0; i < sizeof(g->guard); i++)
		if (g->guard[i] != POISON)
			return 0;
	return 1;
}

static long file_length(const char *path)
{
	char buf[4096];
	long total = 0, r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		total += r;
	close(fd);
	return r < 0 ? -1 : total;
}

static void check_file(const char *path)
{
	struct guarded a, b;
	long r, len = file_length(path);
	int fd;

	poison(&a);
	r = stat(path, &a.st);
	check(r == 0, "stat(%s) succeeds (%s)", path, describe_result(r));
	check(S_ISREG(a.st.st_mode), "%s is a regular file (mode 0%o)", path, a.st.st_mode);
	check(len > 0 && a.st.st_size == len, "st_size is the %ld bytes a read gets (%lld)", len,
	      (long long)a.st.st_size);
	check(a.st.st_nlink >= 1 && a.st.st_blksize > 0, "st_nlink %u and st_blksize %lu are set",
	      a.st.st_nlink, a.st.st_blksize);
#ifndef __GLIBC__ /* glibc fills its struct stat from statx, and leaves __st_ino alone */
	check(a.st.st_ino != 0 && a.st.__st_ino == (unsigned long)a.st.st_ino,
	      "__st_ino is the low half of st_ino (%lu, %llu)", a.st.__st_ino, a.st.st_ino);
#endif
	check(guard_intact(&a), "nothing is written past the struct");

	fd = open(path, O_RDONLY);
	poison(&b);
	r = fstat(fd, &b.st);
	check(r == 0 && b.st.st_ino == a.st.st_ino && b.st.st_size == a.st.st_size &&
		      b.st.st_mode == a.st.st_mode,
	      "fstat agrees with stat on inode, size and mode (%s)", describe_result(r));
	close(fd);
}

static void check_fails(long r, int err, const char *what)
{
	check(failed_with(r, err), "%s fails with errno %d (%s)", what, err, describe_result(r));
}

/*
 * The stat64 system call itself, for the bad buffers: glibc's stat() converts from a
 * buffer of its own, so it would fault in user space instead of the kernel failing.
 */
static long sys_stat64(const char *path, void *buf)
{
	return syscall(__NR_stat64, path, buf);
}

static void check_errors(const char *path, char *edge)
{
	struct guarded g;
	long r;

	check_fails(stat("/no/such/file", &g.st), ENOENT, "stat(\"/no/such/file\")");
	check_fails(sys_stat64(NULL, &g.st), EFAULT, "stat64(NULL)");
	check_fails(sys_stat64(path, NULL), EFAULT, "stat64(path, NULL)");
	check_fails(sys_stat64(path, (void *)TASK_SIZE), EFAULT, "stat64(path, 0xC0000000)");
	check_fails(sys_stat64(path, (void *)(TASK_SIZE - 8)), EFAULT,
		    "stat64(path, 8 bytes below 0xC0000000)");
	check_fails(sys_stat64(path, (void *)text_page), EFAULT,
		    "stat64(path, the program's text)");
	check(text_page_intact(), "the text is unchanged");
	if (edge)
		check_fails(sys_stat64(path, edge - STAT64_SIZE / 2), EFAULT,
			    "stat64(path, a buffer that runs past the heap's edge)");
	check_fails(fstat(-1, &g.st), EBADF, "fstat(-1)");
	check_fails(fstat(1000, &g.st), EBADF, "fstat(1000)");
	poison(&g);
	r = stat("/no/such/file", &g.st);
	check(r == -1 && ((unsigned char *)&g.st)[0] == POISON,
	      "a failed stat leaves the buffer alone");
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/bin";
	struct stat st;
	char hello[256];
	long r;

#ifndef __GLIBC__ /* kspace's libc passes its struct stat to the kernel as it is */
	check(sizeof(struct stat) == STAT64_SIZE, "struct stat is the kernel's 96-byte stat64 (%zu)",
	      sizeof(struct stat));
#endif
	snprintf(hello, sizeof(hello), "%s/hello", dir);
	check_file(hello);
	r = stat(dir, &st);
	check(r == 0 && S_ISDIR(st.st_mode), "stat(%s) is a directory (%s, mode 0%o)", dir,
	      describe_result(r), st.st_mode);
	check_errors(hello, heap_edge());
	return check_status();
}
