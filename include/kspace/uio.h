/*
 * Vectors of user buffers (kernel/fs/read_write.c): readv's and writev's struct iovec,
 * and an iov_iter, a position in such a vector, for copies that cross from one
 * buffer to the next (a pipe takes a whole writev at once).
 */
#ifndef KSPACE_UIO_H
#define KSPACE_UIO_H

#include <asm/uaccess.h>
#include <kspace/types.h>

struct iovec {
	void __user *iov_base;
	unsigned long iov_len;
};

/*
 * count says where the vector ends: buffers used up (or empty) are stepped over when
 * the next copy comes, so setting one up is four stores, and a read(2) or write(2) of
 * a pipe (one buffer) never looks past its buffer.
 */
struct iov_iter {
	const struct iovec *iov;  /* the current buffer */
	unsigned long iov_offset; /* bytes of the current buffer already used */
	unsigned long count;      /* bytes left in all of them */
};

/* count: the buffers' total length, which must be exact (it ends the vector). */
static inline void iov_iter_init(struct iov_iter *i, const struct iovec *iov, unsigned long count)
{
	*i = (struct iov_iter){ .iov = iov, .count = count };
}
/* Copy up to n bytes out to (or in from) the buffers; returns how many, short on a fault. */
unsigned long copy_to_iter(const void *from, unsigned long n, struct iov_iter *i);
unsigned long copy_from_iter(void *to, unsigned long n, struct iov_iter *i);

#endif
