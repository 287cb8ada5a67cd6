/*
 * kernel/futex.c: futexes, FUTEX_WAIT and FUTEX_WAKE, and the robust-list calls.
 *
 * A waiter sleeps on a futex_q in a small hash of queues keyed by (mm, address): the
 * word it waits on. FUTEX_WAIT sleeps only if the word still holds the value the
 * caller saw; since the kernel is not preemptible and the check and the queueing
 * happen with no schedule() between, no FUTEX_WAKE can slip in. Without shared memory
 * (no threads, no MAP_SHARED yet) a futex is only ever shared by one process, so
 * private and shared futexes use the same key; FUTEX_PRIVATE_FLAG is accepted.
 * The robust list is recorded for get_robust_list; nothing walks it at exit, since
 * no other process can hold a lock in this one's memory.
 */
#include <asm/uaccess.h>
#include <kspace/cred.h>
#include <kspace/errno.h>
#include <kspace/futex.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>
#include <uapi/linux/futex.h>

#define FUTEX_HASH_BITS 6

struct futex_q {
	struct futex_q *next;
	struct task_struct *task;
	struct mm_struct *mm;
	unsigned long uaddr;
	bool woken; /* the waker took it off the queue */
};

static struct futex_q *futex_queues[1 << FUTEX_HASH_BITS];

static struct futex_q **hash_futex(struct mm_struct *mm, unsigned long uaddr)
{
	unsigned long h = (unsigned long)mm / 64 + uaddr / 4;

	return &futex_queues[(h ^ (h >> FUTEX_HASH_BITS)) & ((1 << FUTEX_HASH_BITS) - 1)];
}

static void unqueue(struct futex_q *q)
{
	for (struct futex_q **pp = hash_futex(q->mm, q->uaddr); *pp; pp = &(*pp)->next)
		if (*pp == q) {
			*pp = q->next;
			return;
		}
}

/* Linux's get_futex_key checks: a 4-byte aligned word below TASK_SIZE. */
static int check_futex_addr(unsigned long uaddr)
{
	if (uaddr % sizeof(u32))
		return -EINVAL;
	return access_ok((void __user *)uaddr, sizeof(u32)) ? 0 : -EFAULT;
}

int futex_wake(struct mm_struct *mm, unsigned long uaddr, int nr_wake)
{
	struct futex_q **pp = hash_futex(mm, uaddr), *q;
	int woken = 0;

	while ((q = *pp)) {
		if (q->mm != mm || q->uaddr != uaddr) {
			pp = &q->next;
			continue;
		}
		*pp = q->next;
		q->woken = true;
		wake_up_process(q->task);
		if (++woken >= nr_wake)
			break;
	}
	return woken;
}

/* Sleep on uaddr while it holds val: 0 when woken, -EAGAIN, -ETIMEDOUT, -EINTR, -EFAULT. */
static long futex_wait(unsigned long uaddr, u32 val, long ticks)
{
	struct futex_q q = { .task = current, .mm = current->mm, .uaddr = uaddr };
	struct futex_q **head = hash_futex(q.mm, uaddr);
	u32 uval;
	long err = check_futex_addr(uaddr);

	if (err)
		return err;
	if (get_user(uval, (u32 __user *)uaddr))
		return -EFAULT;
	if (uval != val)
		return -EAGAIN;
	q.next = *head;
	*head = &q;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (q.woken)
			break;
		if (!ticks) {
			err = -ETIMEDOUT;
			break;
		}
		if (signal_pending(current)) {
			err = -EINTR;
			break;
		}
		ticks = schedule_timeout(ticks);
	}
	set_current_state(TASK_RUNNING);
	if (!q.woken)
		unqueue(&q);
	return err;
}

static long do_futex(u32 __user *uaddr, int op, u32 val, const struct timespec64 *timeout)
{
	int cmd = op & FUTEX_CMD_MASK;
	long err;

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
	    cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait((unsigned long)uaddr, val,
				  timeout ? nsecs_to_sleep_ticks(timespec64_to_ns(timeout))
					  : MAX_SCHEDULE_TIMEOUT);
	case FUTEX_WAKE:
		err = check_futex_addr((unsigned long)uaddr);
		if (err)
			return err;
		/* A shared futex's key is its page, which must be there: Linux faults it in. */
		if (!(op & FUTEX_PRIVATE_FLAG) && get_user(val, uaddr))
			return -EFAULT;
		return futex_wake(current->mm, (unsigned long)uaddr, (int)val);
	default:
		return -ENOSYS;
	}
}

static bool futex_cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
	       cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* The timeout is read first, as on Linux: a bad one fails before the address is looked at. */
long sys_futex(u32 __user *uaddr, int op, u32 val, const struct old_timespec32 __user *utime)
{
	struct timespec64 ts;
	bool timed = utime && futex_cmd_has_timeout(op & FUTEX_CMD_MASK);

	if (timed && get_old_timespec32(&ts, utime))
		return -EFAULT;
	if (timed && !timespec64_valid(&ts))
		return -EINVAL;
	return do_futex(uaddr, op, val, timed ? &ts : NULL);
}

long sys_futex_time64(u32 __user *uaddr, int op, u32 val, const struct __kernel_timespec __user *utime)
{
	struct timespec64 ts;
	bool timed = utime && futex_cmd_has_timeout(op & FUTEX_CMD_MASK);

	if (timed && get_timespec64(&ts, utime))
		return -EFAULT;
	if (timed && !timespec64_valid(&ts))
		return -EINVAL;
	return do_futex(uaddr, op, val, timed ? &ts : NULL);
}

#define ROBUST_LIST_HEAD_SIZE 12 /* struct robust_list_head on i386 */

long sys_set_robust_list(void __user *head, unsigned long len)
{
	if (len != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

long sys_get_robust_list(int pid, void __user *__user *head_ptr, unsigned long __user *len_ptr)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	if (!p)
		return -ESRCH;
	if (!ptrace_may_access(p))
		return -EPERM;
	if (put_user(ROBUST_LIST_HEAD_SIZE, len_ptr))
		return -EFAULT;
	return put_user((unsigned long)p->robust_list, (unsigned long __user *)head_ptr) ? -EFAULT : 0;
}
