/*
 * dirent.h: reading directories. opendir/readdir/closedir walk a directory one entry
 * at a time over getdents64(), which fills a buffer with records of Linux's struct
 * linux_dirent64, each d_reclen bytes long. struct dirent is that record, as glibc's
 * struct dirent64 is (and its struct dirent with 64-bit file offsets).
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

struct dirent {
	ino64_t d_ino;
	off64_t d_off; /* where the next record starts, for the file system */
	unsigned short d_reclen;
	unsigned char d_type; /* DT_* */
	char d_name[256];     /* NUL-terminated; the record may be shorter than this */
};

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

typedef struct __dir DIR;

DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir); /* NULL at the end, or on error with errno set */
int closedir(DIR *dir);

ssize_t getdents64(int fd, void *buf, size_t count);

#endif
