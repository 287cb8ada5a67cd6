/*
 * user/test-creat.c: creating and writing files: open with O_CREAT (the umask applies),
 * O_EXCL, O_TRUNC, O_APPEND, O_NOFOLLOW, O_DIRECTORY; creat; 64 KiB written and read
 * back across pages; a hole left by lseek reads as zeros; O_CREAT through a dangling
 * symlink creates its target; and the errors: EEXIST, ENOENT, ENOTDIR, EISDIR, ELOOP,
 * EFAULT for bad paths and buffers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define DIR "/tmp/test-creat"
#define KERNEL_ADDR ((void *)0xC0000000UL)

static unsigned char big[65536], back[65536];

/* pread, from lseek and read (pread64 is not this test's subject). */
static long read_at(int fd, void *buf, unsigned long n, long off)
{
	return lseek(fd, off, SEEK_SET) == off ? read(fd, buf, n) : -1;
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long)st.st_size;
}

static void create_and_umask(void)
{
	struct stat st;
	int fd;

	umask(022);
	fd = open(DIR "/a", O_CREAT | O_WRONLY, 0666);
	check(fd >= 0, "O_CREAT makes a new file (%s)", describe_result(fd));
	check(!fstat(fd, &st) && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644 &&
		      st.st_size == 0 && st.st_nlink == 1,
	      "it is regular, 0666 & ~022 = 0644, empty, one link (%o)", st.st_mode);
	check(st.st_uid == getuid() && st.st_gid == getgid(), "owned by the caller");
	check(write(fd, "hello", 5) == 5, "write 5 bytes");
	close(fd);
	check(file_size(DIR "/a") == 5, "stat says 5 bytes");
	fd = open(DIR "/a", O_CREAT | O_EXCL | O_WRONLY, 0600);
	check(failed_with(fd, EEXIST), "O_EXCL on an existing file: EEXIST (%s)", describe_result(fd));
	fd = open(DIR "/a", O_CREAT | O_RDONLY, 0600);
	check(fd >= 0 && file_size(DIR "/a") == 5, "O_CREAT without O_EXCL opens it unchanged");
	close(fd);
	fd = open(DIR "/a", O_WRONLY | O_TRUNC);
	check(fd >= 0 && file_size(DIR "/a") == 0, "O_TRUNC empties it");
	close(fd);
	fd = creat(DIR "/c", 0777);
	check(fd >= 0 && !stat(DIR "/c", &st) && (st.st_mode & 0777) == 0755, "creat: 0777 & ~022");
	check(failed_with(read(fd, back, 1), EBADF), "creat's file is write-only: read is EBADF");
	close(fd);
}

static void append_and_big(void)
{
	char buf[16] = { 0 };
	int fd = open(DIR "/ap", O_CREAT | O_RDWR | O_APPEND, 0600);

	check(write(fd, "abc", 3) == 3 && lseek(fd, 0, SEEK_SET) == 0 && write(fd, "de", 2) == 2,
	      "O_APPEND: a write after lseek(0)");
	check(lseek(fd, 0, SEEK_CUR) == 5, "... leaves the offset at the end");
	check(read_at(fd, buf, sizeof(buf), 0) == 5 && !memcmp(buf, "abcde", 5), "... and went to the end");
	close(fd);

	for (unsigned i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7 + i / 4096);
	fd = open(DIR "/big", O_CREAT | O_RDWR, 0600);
	check(write(fd, big, 1000) == 1000 && write(fd, big + 1000, sizeof(big) - 1000) ==
		      (ssize_t)sizeof(big) - 1000, "64 KiB written in two unaligned pieces");
	check(lseek(fd, 0, SEEK_SET) == 0 && read(fd, back, sizeof(back)) == sizeof(back) &&
		      !memcmp(big, back, sizeof(big)), "read back the same");
	check(lseek(fd, 0, SEEK_END) == sizeof(big), "SEEK_END is its size");
	check(lseek(fd, 3 * 4096 + 100, SEEK_END) > 0 && write(fd, "z", 1) == 1,
	      "lseek past the end and write one byte");
	check(file_size(DIR "/big") == (long)sizeof(big) + 3 * 4096 + 101, "the size grows to it");
	memset(back, 1, sizeof(back));
	check(read_at(fd, back, 3 * 4096 + 100, sizeof(big)) == 3 * 4096 + 100, "read the hole");
	int zeros = 1;
	for (int i = 0; i < 3 * 4096 + 100; i++)
		zeros &= back[i] == 0;
	check(zeros, "the hole reads as zeros");
	check(failed_with(write(fd, NULL, 10), EFAULT), "write from NULL: EFAULT");
	check(failed_with(read(fd, KERNEL_ADDR, 10), EFAULT) || lseek(fd, 0, SEEK_SET) < 0,
	      "read into a kernel address: EFAULT");
	check(lseek(fd, 0, SEEK_SET) == 0 && failed_with(read(fd, (void *)text_page, 10), EFAULT) &&
		      text_page_intact(), "read into read-only text: EFAULT, text intact");
	close(fd);
}

static void errors(void)
{
	int fd;

	check(failed_with(open(DIR "/none/x", O_CREAT | O_WRONLY, 0600), ENOENT),
	      "O_CREAT in a missing directory: ENOENT");
	check(failed_with(open(DIR "/a/x", O_CREAT | O_WRONLY, 0600), ENOTDIR),
	      "O_CREAT under a file: ENOTDIR");
	check(failed_with(open(DIR, O_WRONLY), EISDIR), "a directory for writing: EISDIR");
	check(failed_with(open(DIR, O_CREAT | O_RDONLY, 0600), EISDIR), "O_CREAT of a directory: EISDIR");
	check(failed_with(open(DIR "/new/", O_CREAT | O_WRONLY, 0600), EISDIR),
	      "O_CREAT of \"new/\": EISDIR");
	check(failed_with(open(DIR "/a", O_RDONLY | O_DIRECTORY), ENOTDIR), "O_DIRECTORY on a file: ENOTDIR");
	check(failed_with(open(DIR "/a/", O_RDONLY), ENOTDIR), "\"file/\": ENOTDIR");
	check(failed_with(open("", O_CREAT | O_WRONLY, 0600), ENOENT), "the empty path: ENOENT");
	check(failed_with(open(NULL, O_CREAT | O_WRONLY, 0600), EFAULT), "path NULL: EFAULT");
	check(failed_with(open(KERNEL_ADDR, O_RDONLY), EFAULT), "path at a kernel address: EFAULT");
	check(!symlink("a", DIR "/link"), "symlink link -> a");
	check(failed_with(open(DIR "/link", O_RDONLY | O_NOFOLLOW), ELOOP), "O_NOFOLLOW on it: ELOOP");
	check(failed_with(open(DIR "/link", O_CREAT | O_EXCL | O_WRONLY, 0600), EEXIST),
	      "O_EXCL on a symlink: EEXIST, even though it leads somewhere");
	check(!symlink("dangling-target", DIR "/dangling"), "symlink dangling -> dangling-target");
	fd = open(DIR "/dangling", O_CREAT | O_WRONLY, 0600);
	check(fd >= 0 && file_size(DIR "/dangling-target") == 0,
	      "O_CREAT through a dangling symlink creates its target (%s)", describe_result(fd));
	close(fd);
}

int main(void)
{
	mkdir(DIR, 0755);
	create_and_umask();
	append_and_big();
	errors();
	const char *names[] = { "a", "c", "ap", "big", "link", "dangling", "dangling-target" };
	char path[64];
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), DIR "/%s", names[i]);
		check(!unlink(path), "unlink %s", names[i]);
	}
	check(!rmdir(DIR), "rmdir " DIR);
	return check_status();
}
