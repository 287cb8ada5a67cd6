/*
 * arch/x86/include/uapi/asm/stat.h: struct stat64 as Linux/i386 lays it out (96 bytes),
 * what the stat64 and fstat64 system calls write. libc's struct stat (<sys/stat.h>)
 * has the same layout under the POSIX name; user/test-stat checks that they agree.
 */
#ifndef _UAPI_ASM_X86_STAT_H
#define _UAPI_ASM_X86_STAT_H

struct stat64 {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino; /* the low 32 bits of st_ino, for old callers */
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned long st_uid;
	unsigned long st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks; /* 512-byte blocks */
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned int st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned long long st_ino;
} __attribute__((packed));

#endif
