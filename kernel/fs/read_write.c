/*
 * kernel/fs/read_write.c: reads and writes beyond read(2)/write(2) (which stay in
 * kernel/fs/file.c): readv and writev, which gather from or scatter to a vector of
 * buffers, and pread64/pwrite64, which use a position of their own and leave the
 * file's where it is.
 *
 * A vector is checked whole before anything moves, as Linux's import_iovec does:
 * at most UIO_MAXIOV entries (-EINVAL), readable (-EFAULT), no length above SSIZE_MAX
 * (-EINVAL), every buffer in user space (-EFAULT); the total is cut to MAX_RW_COUNT.
 * Then each buffer is one read or write of the file, and the first short one ends
 * the call, as Linux does for files without read_iter. A stream (a pipe, the
 * console) is read or written beyond the first buffer only while its poll says that
 * would not block: readv returns what is there, as Linux's does. A pipe takes the
 * whole vector at once (pipe_read_iter, pipe_write_iter), so that a writev of at most
 * PIPE_BUF bytes is one atomic write, as on Linux.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/pipe_fs_i.h>
#include <kspace/poll.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/syscall_defs.h>
#include <kspace/uio.h>

#define UIO_MAXIOV 1024
#define UIO_FASTIOV 8 /* vectors this short are copied onto the stack */
#define MAX_RW_COUNT (INT_MAX & PAGE_MASK)

/* One copy per buffer; a fault ends it with what arrived. */
static unsigned long iter_copy(char *kbuf, unsigned long n, struct iov_iter *i, bool to_user)
{
	unsigned long done = 0, c, left;
	char __user *u;

	n = min(n, i->count);
	while (done < n) {
		while (i->iov_offset == i->iov->iov_len) { /* used up, or empty: count says more follow */
			i->iov++;
			i->iov_offset = 0;
		}
		u = (char __user *)i->iov->iov_base + i->iov_offset;
		c = min(n - done, i->iov->iov_len - i->iov_offset);
		left = to_user ? copy_to_user(u, kbuf + done, c) : copy_from_user(kbuf + done, u, c);
		i->iov_offset += c - left;
		i->count -= c - left;
		done += c - left;
		if (left)
			break;
	}
	return done;
}

unsigned long copy_to_iter(const void *from, unsigned long n, struct iov_iter *i)
{
	return iter_copy((char *)from, n, i, true);
}

unsigned long copy_from_iter(void *to, unsigned long n, struct iov_iter *i)
{
	return iter_copy(to, n, i, false);
}

/*
 * Copy in and check the vector; *iov is fast or a kmalloc'd copy (the caller frees it
 * if it is not fast). Returns the total length, or -errno.
 */
static long import_iovec(const struct iovec __user *uvec, unsigned long nr, struct iovec *fast,
			 struct iovec **iov)
{
	unsigned long total = 0;

	if (nr > UIO_MAXIOV)
		return -EINVAL;
	*iov = nr > UIO_FASTIOV ? kmalloc(nr * sizeof(**iov), GFP_KERNEL) : fast;
	if (!*iov)
		return -ENOMEM;
	if (copy_from_user(*iov, uvec, nr * sizeof(**iov)))
		return -EFAULT;
	for (unsigned long i = 0; i < nr; i++)
		if ((long)(*iov)[i].iov_len < 0)
			return -EINVAL;
	for (unsigned long i = 0; i < nr; i++) {
		struct iovec *v = &(*iov)[i];

		if (!access_ok(v->iov_base, v->iov_len))
			return -EFAULT;
		v->iov_len = min(v->iov_len, MAX_RW_COUNT - total);
		total += v->iov_len;
	}
	return total;
}

/*
 * Would one more read (or write) of stream f block? Files with positions never do.
 * A stream that cannot tell (no poll operation: the console) is taken to block on
 * reading, so that readv returns one line as Linux's does, and never on writing.
 */
static bool would_block(struct file *f, bool write)
{
	if (file_seekable(f))
		return false;
	if (!f->f_op->poll)
		return !write;
	return !(f->f_op->poll(f, NULL) & (write ? POLLOUT : POLLIN));
}

static long rw_loop(struct file *f, const struct iovec *iov, unsigned long nr, loff_t *ppos,
		    bool write)
{
	long done = 0;

	for (unsigned long i = 0; i < nr; i++) {
		long n;

		if (!iov[i].iov_len)
			continue;
		if (done && would_block(f, write))
			break;
		n = write ? f->f_op->write(f, iov[i].iov_base, iov[i].iov_len, ppos)
			  : f->f_op->read(f, iov[i].iov_base, iov[i].iov_len, ppos);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((unsigned long)n != iov[i].iov_len)
			break;
	}
	return done;
}

static long rw_vector(struct file *f, const struct iovec __user *uvec, unsigned long vlen,
		      bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	long ret;

	if ((f->f_flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
		return -EBADF;
	ret = import_iovec(uvec, vlen, fast, &iov);
	if (ret > 0 && !(write ? !!f->f_op->write : !!f->f_op->read))
		ret = write ? -EINVAL : -EISDIR; /* sys_write's and sys_read's answers */
	if (ret > 0 && get_pipe_info(f)) { /* the whole vector in one go, as Linux's pipes */
		struct iov_iter iter;

		iov_iter_init(&iter, iov, ret);
		ret = write ? pipe_write_iter(f, &iter) : pipe_read_iter(f, &iter);
	} else if (ret > 0) {
		ret = rw_loop(f, iov, vlen, &f->f_pos, write);
	}
	if (iov != fast)
		kfree(iov);
	return ret;
}

static long do_rw_vector(unsigned int fd, const struct iovec __user *uvec, unsigned long vlen,
			 bool write)
{
	struct fd f = fdget(fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = rw_vector(f.file, uvec, vlen, write);
	fdput(f);
	return ret;
}

long sys_readv(unsigned int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_rw_vector(fd, vec, vlen, false);
}

long sys_writev(unsigned int fd, const struct iovec __user *vec, unsigned long vlen)
{
	return do_rw_vector(fd, vec, vlen, true);
}

/* The checks that follow the descriptor's (see do_pread_pwrite), then the transfer. */
static long pread_pwrite(struct file *f, char __user *buf, unsigned long count, loff_t pos,
			 bool write)
{
	if (!file_seekable(f))
		return -ESPIPE;
	if ((f->f_flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
		return -EBADF;
	if (!(write ? !!f->f_op->write : !!f->f_op->read))
		return write ? -EINVAL : -EISDIR;
	if (!access_ok(buf, count))
		return -EFAULT;
	count = min(count, (unsigned long)MAX_RW_COUNT);
	if (count > (u64)S64_MAX - pos)
		return -EINVAL;
	return write ? f->f_op->write(f, buf, count, &pos) : f->f_op->read(f, buf, count, &pos);
}

/*
 * i386 passes pread64's 64-bit position in two registers, low word first. Linux's
 * order: a negative position, the descriptor, a file without positions (-ESPIPE),
 * the access mode, the buffer, then a position that count would carry past the end.
 */
static long do_pread_pwrite(unsigned int fd, char __user *buf, unsigned long count, u32 pos_lo,
			    u32 pos_hi, bool write)
{
	loff_t pos = (loff_t)((u64)pos_hi << 32 | pos_lo);
	struct fd f;
	long ret;

	if (pos < 0)
		return -EINVAL;
	f = fdget(fd);
	if (!f.file)
		return -EBADF;
	ret = pread_pwrite(f.file, buf, count, pos, write);
	fdput(f);
	return ret;
}

long sys_pread64(unsigned int fd, char __user *buf, unsigned long count, u32 pos_lo, u32 pos_hi)
{
	return do_pread_pwrite(fd, buf, count, pos_lo, pos_hi, false);
}

long sys_pwrite64(unsigned int fd, const char __user *buf, unsigned long count, u32 pos_lo,
		  u32 pos_hi)
{
	return do_pread_pwrite(fd, (char __user *)buf, count, pos_lo, pos_hi, true);
}
