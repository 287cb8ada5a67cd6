/*
 * user/test-path-length.c: paths of every length reach the kernel whole. kspace copies
 * a path into a buffer on the stack when it fits (kernel/fs/namei.c, getname: 128 bytes
 * with the NUL) and into a PATH_MAX one when it does not, so the lengths around that
 * edge and around PATH_MAX are tried with the calls that copy a path: open, stat,
 * access, mkdir and unlink (which keep the last component), symlink's target. A path
 * of PATH_MAX bytes without its NUL is ENAMETOOLONG; one that runs into unmapped
 * memory before its NUL is EFAULT, whether it fails in the first 128 bytes or later.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define DIR "/tmp/test-path-length"

static char path[PATH_MAX + 16];

/* DIR "/" + name, padded after DIR with "/." pairs (and one "/" if odd) to len bytes. */
static const char *padded(const char *name, size_t len)
{
	size_t head = strlen(DIR), tail = 1 + strlen(name), pad = len - head - tail;

	memcpy(path, DIR, head);
	for (size_t i = 0; i < pad; i++)
		path[head + i] = pad % 2 && i == pad - 1 ? '/' : "/."[i % 2];
	path[head + pad] = '/';
	strcpy(path + head + pad + 1, name);
	return path;
}

static void lengths(void)
{
	static const size_t lens[] = { 126, 127, 128, 129, 200, PATH_MAX - 1 };
	char target[300], back[300];
	struct stat st;

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		size_t len = lens[i];
		int fd = open(padded("f", len), O_RDONLY);

		check(strlen(path) == len && fd >= 0, "open of a %zu-byte path (%s)", len,
		      describe_result(fd));
		close(fd);
		check(!stat(padded("f", len), &st) && S_ISREG(st.st_mode), "stat of a %zu-byte path",
		      len);
		check(!access(padded("f", len), R_OK), "access of a %zu-byte path", len);
		check(!mkdir(padded("d", len), 0755) && !rmdir(padded("d", len)),
		      "mkdir and rmdir of a %zu-byte path", len);
	}
	for (size_t len = 126; len <= 130; len++) {
		memset(target, 'x', len);
		target[len] = '\0';
		memset(back, 0, sizeof(back));
		check(!symlink(target, DIR "/l") && readlink(DIR "/l", back, sizeof(back)) == (long)len &&
			      !memcmp(back, target, len + 1) && !unlink(DIR "/l"),
		      "a symlink's %zu-byte target reads back whole", len);
	}
	padded("f", PATH_MAX);
	check(strlen(path) == PATH_MAX && failed_with(open(path, O_RDONLY), ENAMETOOLONG),
	      "a %d-byte path: ENAMETOOLONG", PATH_MAX);
	check(failed_with(stat(path, &st), ENAMETOOLONG), "stat of it: ENAMETOOLONG");
	check(failed_with(mkdir(path, 0755), ENAMETOOLONG), "mkdir of it: ENAMETOOLONG");
}

/* A path with no NUL before the end of the heap: EFAULT, early or late. */
static void unterminated(void)
{
	char *edge = heap_edge();
	static const size_t before[] = { 50, 127, 128, 129, 300 };

	if (!edge) {
		check(false, "heap_edge");
		return;
	}
	for (size_t i = 0; i < sizeof(before) / sizeof(before[0]); i++) {
		char *p = edge - before[i];

		memset(p, 'a', before[i]);
		p[0] = '/';
		check(failed_with(open(p, O_RDONLY), EFAULT),
		      "a path %zu bytes before unmapped memory, no NUL: EFAULT", before[i]);
		check(failed_with(mkdir(p, 0755), EFAULT), "mkdir of it: EFAULT");
	}
}

int main(void)
{
	int fd;

	mkdir(DIR, 0755);
	fd = open(DIR "/f", O_CREAT | O_WRONLY, 0644);
	check(fd >= 0, "create " DIR "/f");
	close(fd);
	lengths();
	unterminated();
	unlink(DIR "/f");
	check(!rmdir(DIR), "nothing left behind");
	return check_status();
}
