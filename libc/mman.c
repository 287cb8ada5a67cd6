/*
 * libc/mman.c: the memory-mapping wrappers. mmap goes through mmap2, whose offset
 * is in pages, as glibc does on i386: a byte offset that is not a whole number of
 * pages fails with EINVAL before the kernel is asked.
 */
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "internal.h"

#define MMAP2_UNIT 4096

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	if (offset & (MMAP2_UNIT - 1)) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)__syscall_ret(__syscall(__NR_mmap2, addr, length, prot, flags, fd,
					       (unsigned long)offset / MMAP2_UNIT));
}

int munmap(void *addr, size_t length)
{
	return __syscall_ret(__syscall(__NR_munmap, addr, length));
}

int mprotect(void *addr, size_t len, int prot)
{
	return __syscall_ret(__syscall(__NR_mprotect, addr, len, prot));
}

void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...)
{
	void *new_address = NULL;
	va_list ap;

	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		va_start(ap, flags);
		new_address = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)__syscall_ret(__syscall(__NR_mremap, old_address, old_size, new_size, flags,
					       new_address));
}

int madvise(void *addr, size_t length, int advice)
{
	return __syscall_ret(__syscall(__NR_madvise, addr, length, advice));
}
