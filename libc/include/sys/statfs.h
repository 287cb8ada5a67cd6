/* sys/statfs.h: statfs() and fstatfs(), with Linux's i386 struct statfs (32-bit counts). */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

typedef struct {
	int __val[2];
} fsid_t;

struct statfs {
	int f_type;              /* the file system's magic number */
	int f_bsize;             /* the block size */
	unsigned long f_blocks;  /* blocks in all, free, and free to non-root users */
	unsigned long f_bfree;
	unsigned long f_bavail;
	unsigned long f_files;   /* inodes in all, and free */
	unsigned long f_ffree;
	fsid_t f_fsid;
	int f_namelen;           /* the longest file name */
	int f_frsize;            /* the fragment size */
	int f_flags;             /* ST_* mount flags, ST_VALID when they are filled in */
	int f_spare[4];
};

#define ST_RDONLY 1
#define ST_NOSUID 2
#define ST_NODEV 4
#define ST_NOEXEC 8
#define ST_SYNCHRONOUS 16
#define ST_VALID 32
#define ST_NOATIME 1024
#define ST_NODIRATIME 2048
#define ST_RELATIME 4096

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
