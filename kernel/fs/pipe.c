/*
 * kernel/fs/pipe.c: pipes (pipe, pipe2). A pipe is a 64 KiB byte ring shared by two open
 * files, the read end and the write end. head and tail count the bytes ever written
 * and read (modulo 2^32): head - tail bytes wait in the ring, at offset tail % PIPE_SIZE.
 * The ring's 16 pages are allocated when a write first reaches them (an idle pipe
 * costs no pages) and freed with the pipe.
 *
 * Linux's rules: a read returns what is there (0 once every writer is gone, EAGAIN with
 * O_NONBLOCK); a write of at most PIPE_BUF bytes goes in whole or waits, a larger one
 * goes in as room appears; writing with no reader left sends SIGPIPE and fails with
 * EPIPE. A sleep ends early on a signal (-ERESTARTSYS, or the bytes moved so far).
 * Linux counts room in whole pages (pipe_buffers); this ring counts bytes.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/gfp.h>
#include <kspace/kernel.h>
#include <kspace/mutex.h>
#include <kspace/pipe_fs_i.h>
#include <kspace/poll.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <kspace/uio.h>

#define FIONREAD 0x541B
#define O_DIRECT 00040000

struct pipe_inode_info {
	wait_queue_head_t rd_wait;   /* readers waiting for bytes, or for the last writer to go */
	wait_queue_head_t wr_wait;   /* writers waiting for room, or for the last reader to go */
	struct mutex mutex;          /* someone is moving bytes: copies may sleep in a fault */
	unsigned int readers, writers; /* open files on each end, under mutex */
	atomic_t files;              /* its two files: the last one to go frees it */
	unsigned int head, tail;
	char *page[PIPE_PAGES];
};

static const struct file_operations pipe_read_ops, pipe_write_ops;

struct pipe_inode_info *get_pipe_info(const struct file *f)
{
	return f->f_op == &pipe_read_ops || f->f_op == &pipe_write_ops ? f->private_data : NULL;
}

/*
 * One reader or writer at a time moves bytes: a copy from or to user space can sleep
 * (a page fault may wait for a kmap slot), and another task must not use the same
 * ring position meanwhile: a mutex, as Linux's pipe->mutex.
 */
static void pipe_lock(struct pipe_inode_info *pipe)
{
	mutex_lock(&pipe->mutex);
}

/*
 * Wake q's sleepers, if any. The full barrier orders the caller's change (data, room,
 * the lock) before the look at q: a sleeper queues itself before it tests, so one of
 * the two sees the other. Reads and writes wake the other end with sync wake-ups, as
 * Linux's do: the two ends take turns, and the woken one runs best on the CPU that
 * holds the data it is to copy.
 */
static void wake(wait_queue_head_t *q, bool sync)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!waitqueue_active(q))
		return;
	if (sync)
		wake_up_sync(q);
	else
		wake_up(q);
}

static void pipe_unlock(struct pipe_inode_info *pipe)
{
	mutex_unlock(&pipe->mutex);
}

static unsigned int pipe_room(const struct pipe_inode_info *pipe)
{
	return PIPE_SIZE - (pipe->head - pipe->tail);
}

/* Can a reader go on: bytes, or no writer left? */
static bool read_ready(const struct pipe_inode_info *pipe, unsigned long unused)
{
	(void)unused;
	return pipe->head != pipe->tail || !pipe->writers;
}

/* Can a writer of need bytes go on: room for them, or no reader left? */
static bool write_ready(const struct pipe_inode_info *pipe, unsigned long need)
{
	return pipe_room(pipe) >= need || !pipe->readers;
}

/*
 * Sleep on q, with the lock dropped, unless ready(pipe, arg) or a signal already: one
 * sleep, as Linux's pipe_wait. The callers loop and look again under the lock, so a
 * wake-up that finds the pipe taken by someone else just brings them back here.
 */
static void pipe_wait(struct pipe_inode_info *pipe, wait_queue_head_t *q,
		      bool (*ready)(const struct pipe_inode_info *, unsigned long), unsigned long arg)
{
	DEFINE_WAIT(wait);

	pipe_unlock(pipe);
	prepare_to_wait(q, &wait, TASK_INTERRUPTIBLE);
	if (!ready(pipe, arg) && !signal_pending(current))
		schedule();
	finish_wait(q, &wait);
	pipe_lock(pipe);
}

/* The ring bytes at pos that one copy can reach: up to the end of pos's page. */
static unsigned long chunk(unsigned int pos, unsigned long n)
{
	return min(n, PAGE_SIZE - pos % PAGE_SIZE);
}

static char *ring_at(struct pipe_inode_info *pipe, unsigned int pos)
{
	return pipe->page[pos / PAGE_SIZE % PIPE_PAGES] + pos % PAGE_SIZE;
}

/* Copy out up to n waiting bytes; what a fault stopped is left in the ring, as Linux. */
static long ring_read(struct pipe_inode_info *pipe, struct iov_iter *to, unsigned long n)
{
	unsigned long done = 0;

	n = min(n, (unsigned long)(pipe->head - pipe->tail));
	while (done < n) {
		unsigned long c = chunk(pipe->tail, n - done);

		if (copy_to_iter(ring_at(pipe, pipe->tail), c, to) != c)
			return done ? (long)done : -EFAULT;
		pipe->tail += c;
		done += c;
	}
	return done;
}

/* Copy in n bytes (the caller made room); a fault keeps the bytes that did arrive. */
static long ring_write(struct pipe_inode_info *pipe, struct iov_iter *from, unsigned long n)
{
	unsigned long done = 0;

	while (done < n) {
		unsigned long c = chunk(pipe->head, n - done), copied;
		char **page = &pipe->page[pipe->head / PAGE_SIZE % PIPE_PAGES];

		if (!*page && !(*page = (char *)__get_free_page(GFP_KERNEL)))
			return done ? (long)done : -ENOMEM;
		copied = copy_from_iter(ring_at(pipe, pipe->head), c, from);
		pipe->head += copied;
		done += copied;
		if (copied != c)
			return done ? (long)done : -EFAULT;
	}
	return done;
}

long pipe_read_iter(struct file *f, struct iov_iter *to)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned long count = to->count;
	long ret;

	if (!count)
		return 0;
	pipe_lock(pipe);
	for (;;) {
		if (pipe->head != pipe->tail) {
			ret = ring_read(pipe, to, count);
			break;
		}
		/* Empty: end of file, EAGAIN, a signal to handle, or (1) wait for a writer. */
		ret = !pipe->writers ? 0 : (f->f_flags & O_NONBLOCK) ? -EAGAIN
			: signal_pending(current) ? -ERESTARTSYS : 1;
		if (ret <= 0)
			break;
		pipe_wait(pipe, &pipe->rd_wait, read_ready, 0);
	}
	pipe_unlock(pipe);
	if (ret > 0)
		wake(&pipe->wr_wait, true);
	return ret;
}

/* As Linux's send_sig(SIGPIPE, current, 0): a SI_USER signal from the writer itself. */
static void send_sigpipe(void)
{
	struct kernel_siginfo info = {
		.si_signo = SIGPIPE, .si_code = SI_USER,
		.kill = { .pid = current->pid, .uid = current->cred.uid },
	};

	send_signal(SIGPIPE, &info, current);
}

/* Room a write may use now: all of it fits, or (larger than PIPE_BUF) any part. */
static unsigned long write_room(const struct pipe_inode_info *pipe, unsigned long count,
				unsigned long left)
{
	unsigned long room = pipe_room(pipe);

	if (count <= PIPE_BUF)
		return room >= left ? left : 0;
	return min(room, left);
}

long pipe_write_iter(struct file *f, struct iov_iter *from)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned long count = from->count, done = 0;
	long err = 0;

	if (!count)
		return 0;
	pipe_lock(pipe);
	while (done < count) {
		unsigned long n;
		long r;

		if (!pipe->readers) {
			send_sigpipe();
			err = -EPIPE;
			break;
		}
		n = write_room(pipe, count, count - done);
		if (n) {
			r = ring_write(pipe, from, n);
			if (r > 0) {
				done += r;
				wake(&pipe->rd_wait, true); /* readers drain while we wait for room */
			}
			if (r == (long)n)
				continue;
			err = r < 0 ? r : -EFAULT;
			break;
		}
		err = (f->f_flags & O_NONBLOCK) ? -EAGAIN : signal_pending(current) ? -ERESTARTSYS : 0;
		if (err)
			break;
		pipe_wait(pipe, &pipe->wr_wait, write_ready, count <= PIPE_BUF ? count - done : 1);
	}
	pipe_unlock(pipe);
	return done ? (long)done : err;
}

static long pipe_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	struct iovec v = { buf, count };
	struct iov_iter to;

	(void)ppos;
	iov_iter_init(&to, &v, count);
	return pipe_read_iter(f, &to);
}

static long pipe_write(struct file *f, const char __user *buf, unsigned long count, loff_t *ppos)
{
	struct iovec v = { (void __user *)buf, count };
	struct iov_iter from;

	(void)ppos;
	iov_iter_init(&from, &v, count);
	return pipe_write_iter(f, &from);
}

static unsigned int pipe_poll(struct file *f, poll_table *pt)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int mask = 0;

	if (f->f_op == &pipe_read_ops) {
		poll_wait(f, &pipe->rd_wait, pt);
		if (pipe->head != pipe->tail)
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	} else {
		poll_wait(f, &pipe->wr_wait, pt);
		if (pipe_room(pipe) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = f->private_data;

	if (cmd != FIONREAD)
		return -ENOTTY;
	return put_user((int)(pipe->head - pipe->tail), (int __user *)arg);
}

/* The last file of one end is gone: the other end sees EOF or EPIPE; the last of both frees it. */
/*
 * An end closed: the other end's sleepers learn of it. The two ends may close at once
 * on two CPUs: the pipe is freed by whichever is the last to be done with it.
 */
static void pipe_release(struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;

	pipe_lock(pipe);
	if (f->f_op == &pipe_read_ops)
		pipe->readers--;
	else
		pipe->writers--;
	wake(&pipe->rd_wait, false);
	wake(&pipe->wr_wait, false);
	pipe_unlock(pipe);
	if (!atomic_dec_and_test(&pipe->files))
		return;
	for (int i = 0; i < PIPE_PAGES; i++)
		if (pipe->page[i])
			free_page((unsigned long)pipe->page[i]);
	kfree(pipe);
}

static const struct file_operations pipe_read_ops = {
	.read = pipe_read,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

static const struct file_operations pipe_write_ops = {
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

static struct file *pipe_file(struct pipe_inode_info *pipe, const struct file_operations *op,
			      unsigned int flags, unsigned long ino)
{
	struct file *f = alloc_file(op, flags, S_IFIFO | 0600);

	if (f) {
		f->private_data = pipe;
		f->f_ino = ino;
	}
	return f;
}

/* Both ends of a new pipe, in f[0] (read) and f[1] (write). */
static int create_pipe_files(struct file *f[2], int flags)
{
	static unsigned long next_ino = 1;
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);
	unsigned long ino = next_ino++;

	if (!pipe)
		return -ENOMEM;
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	mutex_init(&pipe->mutex);
	atomic_set(&pipe->files, 2);
	f[0] = pipe_file(pipe, &pipe_read_ops, O_RDONLY | (flags & O_NONBLOCK), ino);
	f[1] = pipe_file(pipe, &pipe_write_ops, O_WRONLY | (flags & O_NONBLOCK), ino);
	if (f[0] && f[1]) {
		pipe->readers = pipe->writers = 1;
		return 0;
	}
	kfree(f[0]);
	kfree(f[1]);
	kfree(pipe);
	return -ENOMEM;
}

/*
 * Linux's order: flags, then the files, then two descriptors, then the copy to user
 * space, which if it faults leaves no descriptor behind. O_DIRECT (packet mode) and
 * O_NOTIFICATION_PIPE are not in kspace: -EINVAL.
 */
/*
 * Both descriptors are reserved and copied out before either is installed (Linux's
 * order): until then the process's other threads cannot reach them, so a failure
 * gives back two numbers no one else has used, never a file another thread put there.
 */
long sys_pipe2(int __user *fildes, int flags)
{
	struct file *f[2];
	int fd[2];
	long err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = create_pipe_files(f, flags);
	if (err)
		return err;
	fd[0] = err = get_unused_fd_flags(flags);
	if (err >= 0) {
		fd[1] = err = get_unused_fd_flags(flags);
		if (err < 0)
			put_unused_fd(fd[0]);
	}
	if (err >= 0 && copy_to_user(fildes, fd, sizeof(fd))) {
		put_unused_fd(fd[0]);
		put_unused_fd(fd[1]);
		err = -EFAULT;
	}
	if (err < 0) {
		fput(f[0]);
		fput(f[1]);
		return err;
	}
	fd_install(fd[0], f[0]);
	fd_install(fd[1], f[1]);
	return 0;
}

long sys_pipe(int __user *fildes)
{
	return sys_pipe2(fildes, 0);
}
