/*
 * libc/dirent.c: opendir, readdir and closedir. A DIR holds the directory's file
 * descriptor and one getdents64() buffer; readdir hands out its records in turn and
 * refills it when they run out.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#define DIR_BUF 2048 /* room for at least 7 records with the longest names */

struct __dir {
	int fd;
	size_t pos, len; /* the next record, and the end of the valid bytes, in buf */
	char buf[DIR_BUF] __attribute__((aligned(8)));
};

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = malloc(sizeof(*dir));
	if (!dir) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	dir->fd = fd;
	dir->pos = dir->len = 0;
	return dir;
}

/* At the end of the directory errno is left as it was, so a caller can tell errors apart. */
struct dirent *readdir(DIR *dir)
{
	struct dirent *d;

	if (dir->pos >= dir->len) {
		ssize_t n = getdents64(dir->fd, dir->buf, sizeof(dir->buf));
		if (n <= 0)
			return NULL;
		dir->pos = 0;
		dir->len = n;
	}
	d = (struct dirent *)(dir->buf + dir->pos);
	dir->pos += d->d_reclen;
	return d;
}

int closedir(DIR *dir)
{
	int r = close(dir->fd);

	free(dir);
	return r;
}
