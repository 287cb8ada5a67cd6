/*
 * kernel/fs/select.c: waiting for any of several files: poll, ppoll, select (_newselect
 * and the old one-argument select) and pselect6, with the *_time64 forms.
 *
 * One loop serves them all (do_poll): ask each file's poll operation what holds;
 * on the first pass each also queues the caller on the wait queues that will change
 * the answer (poll_wait -> queue_proc below). If nothing is ready, sleep until one
 * of them wakes us, the deadline passes or a signal arrives, and ask again. The task
 * is marked asleep before the files are asked, so a wake-up that comes in between
 * is not lost. A signal ends the call with -ERESTARTNOHAND: EINTR when a handler
 * runs, restarted otherwise (poll through restart_syscall, with the time left, as
 * Linux). ppoll and pselect6 swap in a signal mask for the wait; the old
 * mask comes back after a handler has run, or at once if none does.
 */
#include <asm/irqflags.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/poll.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

#define POLLIN_SET (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET POLLPRI
#define NO_DEADLINE (-1LL)

/* One wait queue the caller sits on while it polls; the file keeps q alive. */
struct poll_table_entry {
	struct file *filp;
	struct wait_queue_entry wait;
	wait_queue_head_t *q;
	struct poll_table_entry *next;
};

struct poll_wqueues {
	poll_table pt;
	struct poll_table_entry *entries;
	int error; /* -ENOMEM if an entry could not be made */
};

static void queue_proc(struct file *f, wait_queue_head_t *q, poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *e = kmalloc(sizeof(*e), GFP_KERNEL);

	if (!e) {
		pwq->error = -ENOMEM;
		return;
	}
	e->filp = get_file(f); /* another thread may close it while we sleep on q */
	e->wait.task = current;
	e->q = q;
	e->next = pwq->entries;
	pwq->entries = e;
	add_wait_queue(q, &e->wait);
}

static void poll_freewait(struct poll_wqueues *pwq)
{
	while (pwq->entries) {
		struct poll_table_entry *e = pwq->entries;
		remove_wait_queue(e->q, &e->wait);
		fput(e->filp);
		pwq->entries = e->next;
		kfree(e);
	}
}

/* What one file reports, of the events asked for (errors and hang-ups always). */
static unsigned int file_poll(struct file *f, unsigned int events, poll_table *pt)
{
	unsigned int mask = f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;

	return mask & (events | POLLERR | POLLHUP);
}

/*
 * The work of one pass over whatever is polled: for poll, a struct pollfd array;
 * for select, three bitmaps. Returns how many are ready (or -errno).
 */
struct poll_job {
	int (*pass)(struct poll_job *job, poll_table *pt);
	struct pollfd *fds;   /* poll */
	unsigned int nfds;
	unsigned long *in, *out, *ex, *res_in, *res_out, *res_ex; /* select */
	int n;
};

/* Sleep until deadline (ns since boot, or NO_DEADLINE); false once it has passed. */
static bool poll_schedule(s64 deadline)
{
	s64 now;

	if (deadline == NO_DEADLINE) {
		schedule();
		return true;
	}
	now = (s64)ktime_get_ns();
	if (now >= deadline)
		return false;
	schedule_timeout(nsecs_to_sleep_ticks(deadline - now));
	return true;
}

static int do_poll(struct poll_job *job, s64 deadline)
{
	struct poll_wqueues pwq = { .pt = { .qproc = queue_proc } };
	poll_table *pt = &pwq.pt;
	int count;

	if (deadline == 0) /* no waiting: nothing need be queued */
		pt = NULL;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		count = job->pass(job, pt);
		pt = NULL; /* queued once is enough */
		if (!count && pwq.error)
			count = pwq.error;
		if (count || deadline == 0)
			break;
		if (signal_pending(current)) {
			count = -ERESTARTNOHAND;
			break;
		}
		if (!poll_schedule(deadline))
			break;
	}
	set_current_state(TASK_RUNNING);
	poll_freewait(&pwq);
	return count;
}

/* ---- the timeouts and the signal masks ---- */

static s64 deadline_after(const struct timespec64 *ts)
{
	if (!ts->tv_sec && !ts->tv_nsec)
		return 0;
	return (s64)ktime_get_ns() + min(timespec64_to_ns(ts), KTIME_MAX / 2);
}

/* The deadline of an optional timeout (none: NO_DEADLINE); -EINVAL if it is malformed. */
static long timeout_deadline(const struct timespec64 *ts, s64 *deadline)
{
	*deadline = NO_DEADLINE;
	if (!ts)
		return 0;
	if (!timespec64_valid(ts))
		return -EINVAL;
	*deadline = deadline_after(ts);
	return 0;
}

/* What is left of the deadline, for select's and ppoll's timeout written back. */
static struct timespec64 time_left(s64 deadline)
{
	s64 left = deadline - (s64)ktime_get_ns();

	return ns_to_timespec64(left > 0 ? left : 0);
}

/* ppoll and pselect6: the mask to wait with, if any (sigsetsize must be 8). */
static int set_user_sigmask(const sigset_t __user *umask, unsigned long sigsetsize)
{
	sigset_t set;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(set);
	return 0;
}

/* Interrupted: the handler's frame keeps the old mask, and sigreturn restores it. */
static void restore_saved_sigmask_unless(bool interrupted)
{
	if (!current->restore_sigmask || interrupted)
		return;
	current->restore_sigmask = false;
	set_current_blocked(current->saved_sigmask);
}

/* ---- poll ---- */

static int poll_pass(struct poll_job *job, poll_table *pt)
{
	int count = 0;

	for (unsigned int i = 0; i < job->nfds; i++) {
		struct pollfd *p = &job->fds[i];
		struct file *f;

		p->revents = 0;
		if (p->fd < 0)
			continue;
		f = fget(p->fd);
		p->revents = f ? file_poll(f, (unsigned short)p->events, pt) : POLLNVAL;
		count += p->revents != 0;
		if (f)
			fput(f);
	}
	return count;
}

static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, s64 deadline)
{
	struct poll_job job = { .pass = poll_pass, .nfds = nfds };
	long ret;

	if (nfds > rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	job.fds = kmalloc(nfds * sizeof(*job.fds), GFP_KERNEL);
	if (!job.fds)
		return -ENOMEM;
	ret = copy_from_user(job.fds, ufds, nfds * sizeof(*job.fds)) ? -EFAULT : 0;
	if (!ret)
		ret = do_poll(&job, deadline);
	for (unsigned int i = 0; ret >= 0 && i < nfds; i++)
		if (put_user(job.fds[i].revents, &ufds[i].revents))
			ret = -EFAULT;
	kfree(job.fds);
	return ret;
}

/*
 * poll interrupted by a signal goes on through restart_syscall when no handler runs,
 * with the same deadline (the time left, not the whole timeout), as Linux's
 * do_restart_poll; with a handler it is EINTR.
 */
static long poll_restart(struct restart_block *restart)
{
	long ret = do_sys_poll(restart->ufds, restart->nfds, restart->deadline);

	return ret == -ERESTARTNOHAND ? -ERESTART_RESTARTBLOCK : ret;
}

/* A negative timeout waits for ever. */
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs)
{
	struct timespec64 ts = { timeout_msecs / 1000, (timeout_msecs % 1000) * 1000000L };
	s64 deadline = timeout_msecs < 0 ? NO_DEADLINE : deadline_after(&ts);
	long ret = do_sys_poll(ufds, nfds, deadline);
	struct restart_block *restart = &current->restart_block;

	if (ret != -ERESTARTNOHAND)
		return ret;
	restart->fn = poll_restart;
	restart->ufds = ufds;
	restart->nfds = nfds;
	restart->deadline = deadline;
	return -ERESTART_RESTARTBLOCK;
}

static long do_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct timespec64 *ts,
		     const sigset_t __user *sigmask, unsigned long sigsetsize, void __user *uts,
		     bool time64)
{
	s64 deadline;
	long ret = timeout_deadline(ts, &deadline);

	if (ret)
		return ret;
	ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, deadline);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (ts && deadline) { /* the time left goes back; if it cannot, no restart */
		struct timespec64 left = time_left(deadline);
		int err = time64 ? put_timespec64(&left, uts) : put_old_timespec32(&left, uts);

		if (err && ret == -ERESTARTNOHAND)
			ret = -EINTR;
	}
	return ret;
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct old_timespec32 __user *tsp,
	       const sigset_t __user *sigmask, unsigned long sigsetsize)
{
	struct timespec64 ts;

	if (tsp && get_old_timespec32(&ts, tsp))
		return -EFAULT;
	return do_ppoll(ufds, nfds, tsp ? &ts : NULL, sigmask, sigsetsize, tsp, false);
}

long sys_ppoll_time64(struct pollfd __user *ufds, unsigned int nfds,
		      struct __kernel_timespec __user *tsp, const sigset_t __user *sigmask,
		      unsigned long sigsetsize)
{
	struct timespec64 ts;

	if (tsp && get_timespec64(&ts, tsp))
		return -EFAULT;
	return do_ppoll(ufds, nfds, tsp ? &ts : NULL, sigmask, sigsetsize, tsp, true);
}

/* ---- select ---- */

#define BITS_PER_LONG 32
#define FDS_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static bool test_fd(const unsigned long *set, int fd)
{
	return set[fd / BITS_PER_LONG] >> (fd % BITS_PER_LONG) & 1;
}

/* Set fd's bit if ready; 1 if it did, for the count select returns. */
static int mark(unsigned long *set, int fd, bool ready)
{
	if (ready)
		set[fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
	return ready;
}

/* Every descriptor named in the sets must be open: -EBADF otherwise, as Linux. */
static int check_select_fds(const struct poll_job *job)
{
	for (int fd = 0; fd < job->n; fd++)
		if ((test_fd(job->in, fd) || test_fd(job->out, fd) || test_fd(job->ex, fd)) &&
		    !fd_is_open(fd))
			return -EBADF;
	return 0;
}

static int select_pass(struct poll_job *job, poll_table *pt)
{
	int count = 0;

	memset(job->res_in, 0, 3 * FDS_LONGS(job->n) * sizeof(long));
	for (int fd = 0; fd < job->n; fd++) {
		bool in = test_fd(job->in, fd), out = test_fd(job->out, fd), ex = test_fd(job->ex, fd);
		struct file *f;
		unsigned int mask;

		if (!in && !out && !ex)
			continue;
		f = fget(fd);
		if (!f)
			continue;
		mask = file_poll(f, (in ? POLLIN_SET : 0) | (out ? POLLOUT_SET : 0) |
					   (ex ? POLLEX_SET : 0), pt);
		fput(f);
		count += mark(job->res_in, fd, in && (mask & POLLIN_SET));
		count += mark(job->res_out, fd, out && (mask & POLLOUT_SET));
		count += mark(job->res_ex, fd, ex && (mask & POLLEX_SET));
	}
	return count;
}

/* A NULL set is an empty one; a set that cannot be read is -EFAULT. */
static int get_fd_set(unsigned long *set, const unsigned long __user *uset, unsigned int bytes)
{
	if (!uset) {
		memset(set, 0, bytes);
		return 0;
	}
	return copy_from_user(set, uset, bytes) ? -EFAULT : 0;
}

static int put_fd_set(unsigned long __user *uset, const unsigned long *set, unsigned int bytes)
{
	return uset && copy_to_user(uset, set, bytes) ? -EFAULT : 0;
}

/* n is cut to the table's size; the sets are read and written n bits rounded up to longs. */
static long core_sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
			    unsigned long __user *exp, s64 deadline)
{
	struct poll_job job = { .pass = select_pass };
	unsigned int longs, bytes;
	unsigned long *bits;
	long ret;

	if (n < 0)
		return -EINVAL;
	job.n = min((unsigned int)n, current->files->max_fds);
	longs = FDS_LONGS(job.n);
	bytes = longs * sizeof(long);
	bits = kmalloc(6 * bytes + 1, GFP_KERNEL); /* the three sets asked, the three answered */
	if (!bits)
		return -ENOMEM;
	job.in = bits;
	job.out = bits + longs;
	job.ex = bits + 2 * longs;
	job.res_in = bits + 3 * longs;
	job.res_out = bits + 4 * longs;
	job.res_ex = bits + 5 * longs;
	ret = get_fd_set(job.in, inp, bytes);
	if (!ret)
		ret = get_fd_set(job.out, outp, bytes);
	if (!ret)
		ret = get_fd_set(job.ex, exp, bytes);
	if (!ret)
		ret = check_select_fds(&job);
	if (!ret)
		ret = do_poll(&job, deadline);
	if (ret >= 0 && (put_fd_set(inp, job.res_in, bytes) || put_fd_set(outp, job.res_out, bytes) ||
			 put_fd_set(exp, job.res_ex, bytes)))
		ret = -EFAULT;
	kfree(bits);
	return ret;
}

/* The time left goes back into the timeval; if it cannot, an interrupted call is not restarted. */
long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval_user __user *tvp)
{
	struct timeval_user tv;
	struct timespec64 ts;
	s64 deadline = NO_DEADLINE;
	long ret;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		ts.tv_sec = tv.tv_sec + tv.tv_usec / 1000000;
		ts.tv_nsec = tv.tv_usec % 1000000 * NSEC_PER_USEC;
		deadline = deadline_after(&ts);
	}
	ret = core_sys_select(n, inp, outp, exp, deadline);
	if (tvp && deadline) {
		ts = time_left(deadline);
		tv.tv_sec = ts.tv_sec;
		tv.tv_usec = ts.tv_nsec / NSEC_PER_USEC;
		if (copy_to_user(tvp, &tv, sizeof(tv)) && ret == -ERESTARTNOHAND)
			ret = -EINTR;
	}
	return ret;
}

/* i386's select (82): the five arguments in a block in user memory. */
struct sel_arg_struct {
	unsigned long n;
	unsigned long __user *inp, *outp, *exp;
	struct timeval_user __user *tvp;
};

long sys_old_select(struct sel_arg_struct __user *arg)
{
	struct sel_arg_struct a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	return sys_select(a.n, a.inp, a.outp, a.exp, a.tvp);
}

/* pselect6's sixth argument: where the mask is, and its size. */
struct sigset_argpack {
	const sigset_t __user *p;
	unsigned long size;
};

static long do_pselect(int n, unsigned long __user *inp, unsigned long __user *outp,
		       unsigned long __user *exp, struct timespec64 *ts, void __user *uts,
		       const struct sigset_argpack __user *usig, bool time64)
{
	struct sigset_argpack sig = { NULL, 0 };
	s64 deadline;
	long ret = timeout_deadline(ts, &deadline);

	if (ret)
		return ret;
	if (usig && copy_from_user(&sig, usig, sizeof(sig)))
		return -EFAULT;
	ret = set_user_sigmask(sig.p, sig.size);
	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, deadline);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (ts && deadline) {
		struct timespec64 left = time_left(deadline);
		int err = time64 ? put_timespec64(&left, uts) : put_old_timespec32(&left, uts);

		if (err && ret == -ERESTARTNOHAND)
			ret = -EINTR;
	}
	return ret;
}

long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct old_timespec32 __user *tsp, void __user *sig)
{
	struct timespec64 ts;

	if (tsp && get_old_timespec32(&ts, tsp))
		return -EFAULT;
	return do_pselect(n, inp, outp, exp, tsp ? &ts : NULL, tsp, sig, false);
}

long sys_pselect6_time64(int n, unsigned long __user *inp, unsigned long __user *outp,
			 unsigned long __user *exp, struct __kernel_timespec __user *tsp,
			 void __user *sig)
{
	struct timespec64 ts;

	if (tsp && get_timespec64(&ts, tsp))
		return -EFAULT;
	return do_pselect(n, inp, outp, exp, tsp ? &ts : NULL, tsp, sig, true);
}
