/*
 * sys/mman.h: mapping memory: mmap, munmap, mprotect, mremap, madvise, with glibc's
 * names and signatures. The PROT_, MAP_, MREMAP_ and MADV_ constants are the
 * kernel's own (<asm-generic/mman-common.h>, installed from include/uapi).
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <asm-generic/mman-common.h>
#include <sys/types.h>

#define MAP_FAILED ((void *)-1)
#define MAP_FILE 0

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t len, int prot);
/* new_address is read only with MREMAP_FIXED (or MREMAP_DONTUNMAP), as in glibc. */
void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...);
int madvise(void *addr, size_t length, int advice);

#endif
