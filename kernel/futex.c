/*
 * kernel/futex.c: futexes (WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP, WAIT_BITSET,
 * WAKE_BITSET) and the robust-list calls.
 *
 * A waiter sleeps on a futex_q in a hash bucket chosen by its key: the word it waits on.
 * A private futex (FUTEX_PRIVATE_FLAG, or any word in private memory) is keyed by
 * (mm, address), so the threads sharing an mm meet there; a shared one in a MAP_SHARED
 * region by (the region's file or shared pages, offset), so that processes mapping the
 * same pages meet whatever address each maps them at. Each bucket has a spinlock.
 *
 * No wake-up is lost: a waiter queues itself first and reads the word after, so a
 * waker that changed the word before the read is seen in the value, and one after it
 * finds the waiter queued. Timeouts: relative for FUTEX_WAIT, absolute for
 * FUTEX_WAIT_BITSET (CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME).
 * WAKE_OP's read-modify-write of the second word is not atomic against another CPU:
 * tasks run on one CPU, and the kernel is not preempted between the read and the write.
 * The robust list is recorded for get_robust_list; nothing walks it at exit.
 */
#include <asm/uaccess.h>
#include <kspace/cred.h>
#include <kspace/errno.h>
#include <kspace/futex.h>
#include <kspace/list.h>
#include <kspace/mm_types.h>
#include <kspace/mman.h>
#include <kspace/mmap_lock.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/spinlock.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>
#include <uapi/linux/futex.h>

#define FUTEX_HASH_BITS 6
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAKE_BITSET 10
#define FUTEX_BITSET_MATCH_ANY 0xffffffff

/* What a futex is: an object and an offset in it (an mm and an address, for private ones). */
struct futex_key {
	const void *object;
	unsigned long offset;
};

struct futex_q {
	struct list_head list; /* on its bucket's chain while queued */
	struct task_struct *task;
	struct futex_key key;
	u32 bitset;            /* WAKE_BITSET wakes it if the bitsets share a bit */
	bool woken;            /* a waker took it off the queue */
};

struct futex_hash_bucket {
	spinlock_t lock;
	struct list_head chain;
};

static struct futex_hash_bucket futex_queues[1 << FUTEX_HASH_BITS];

static struct futex_hash_bucket *hash_futex(const struct futex_key *key)
{
	unsigned long h = (unsigned long)key->object / 64 + key->offset / 4;
	struct futex_hash_bucket *hb = &futex_queues[(h ^ (h >> FUTEX_HASH_BITS)) &
						    ((1 << FUTEX_HASH_BITS) - 1)];

	if (!hb->chain.next) { /* first use: the table is zero-filled .bss */
		spin_lock_init(&hb->lock);
		INIT_LIST_HEAD(&hb->chain);
	}
	return hb;
}

static bool match_futex(const struct futex_key *a, const struct futex_key *b)
{
	return a->object == b->object && a->offset == b->offset;
}

/*
 * Linux's get_futex_key: a 4-byte aligned word of mapped user memory (-EINVAL,
 * -EFAULT). A shared futex in a MAP_SHARED region is keyed by what backs the region.
 */
static int get_futex_key(unsigned long uaddr, bool shared, struct futex_key *key)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	u32 __user *word = (u32 __user *)uaddr;
	u32 val;

	if (uaddr % sizeof(u32))
		return -EINVAL;
	if (!access_ok((void __user *)uaddr, sizeof(u32)))
		return -EFAULT;
	*key = (struct futex_key){ .object = mm, .offset = uaddr };
	if (!shared)
		return 0;
	if (get_user(val, word)) /* the page must be there: Linux faults it in */
		return -EFAULT;
	(void)val;
	mmap_write_lock(mm); /* after get_user: its fault takes the lock too */
	vma = find_vma(mm, uaddr);
	if (vma && vma->vm_start <= uaddr && (vma->vm_flags & VM_SHARED)) {
		key->object = vma->vm_file ? (const void *)vma->vm_file : vma->vm_private_data;
		key->offset = uaddr - vma->vm_start + vma->vm_pgoff * PAGE_SIZE;
	}
	mmap_write_unlock(mm);
	return 0;
}

/* Take q off its queue and wake its task; the bucket's lock held. */
static void wake_futex(struct futex_q *q)
{
	list_del_init(&q->list);
	q->woken = true;
	wake_up_process(q->task);
}

/* Wake up to nr_wake waiters on key whose bitset meets bitset; how many woke. */
static int wake_key(const struct futex_key *key, int nr_wake, u32 bitset)
{
	struct futex_hash_bucket *hb = hash_futex(key);
	struct futex_q *q, *n;
	unsigned long flags;
	int woken = 0;

	spin_lock_irqsave(&hb->lock, flags);
	list_for_each_entry_safe(q, n, &hb->chain, list) {
		if (woken >= nr_wake)
			break;
		if (match_futex(&q->key, key) && (q->bitset & bitset)) {
			wake_futex(q);
			woken++;
		}
	}
	spin_unlock_irqrestore(&hb->lock, flags);
	return woken;
}

/* CLONE_CHILD_CLEARTID's wake at a thread's exit: a shared FUTEX_WAKE of one waiter. */
int futex_wake(struct mm_struct *mm, unsigned long uaddr, int nr_wake)
{
	struct futex_key key;

	if (mm != current->mm || get_futex_key(uaddr, true, &key))
		return 0;
	return wake_key(&key, nr_wake, FUTEX_BITSET_MATCH_ANY);
}

static long futex_wake_cmd(unsigned long uaddr, bool shared, int nr_wake, u32 bitset)
{
	struct futex_key key;
	int err;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, shared, &key);
	if (err)
		return err;
	return nr_wake > 0 ? wake_key(&key, nr_wake, bitset) : 0;
}

/*
 * Take q off its queue unless a waker did; whether it was still queued. A requeue may
 * move q to another bucket until its lock is held, so the bucket is checked again.
 */
static bool unqueue(struct futex_q *q)
{
	for (;;) {
		struct futex_hash_bucket *hb = hash_futex(&q->key);
		unsigned long flags;
		bool queued;

		spin_lock_irqsave(&hb->lock, flags);
		if (hb != hash_futex(&q->key)) {
			spin_unlock_irqrestore(&hb->lock, flags);
			continue;
		}
		queued = !q->woken;
		if (queued)
			list_del_init(&q->list);
		spin_unlock_irqrestore(&hb->lock, flags);
		return queued;
	}
}

/*
 * Sleep on uaddr while it holds val, until woken, the deadline (ktime ns on clock;
 * 0: none) or a signal: 0, -EAGAIN, -ETIMEDOUT, -EINTR, -EFAULT, -EINVAL.
 */
static long futex_wait(unsigned long uaddr, bool shared, u32 val, u32 bitset, s64 deadline,
		       bool realtime)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	struct futex_hash_bucket *hb;
	unsigned long flags;
	long err;
	u32 uval;

	if (!bitset)
		return -EINVAL;
	err = get_futex_key(uaddr, shared, &q.key);
	if (err)
		return err;
	hb = hash_futex(&q.key);
	spin_lock_irqsave(&hb->lock, flags);
	list_add_tail(&q.list, &hb->chain);
	spin_unlock_irqrestore(&hb->lock, flags);
	if (get_user(uval, (u32 __user *)uaddr))
		err = -EFAULT;
	else if (uval != val)
		err = -EAGAIN;
	while (!err) {
		long ticks = MAX_SCHEDULE_TIMEOUT;

		set_current_state(TASK_INTERRUPTIBLE);
		if (q.woken)
			break;
		if (deadline)
			ticks = nsecs_to_sleep_ticks(deadline - (s64)(realtime ? ktime_get_real_ns()
									 : ktime_get_ns()));
		if (!ticks)
			err = -ETIMEDOUT;
		else if (signal_pending(current))
			err = -EINTR;
		else
			schedule_timeout(ticks);
	}
	set_current_state(TASK_RUNNING);
	return unqueue(&q) || err == -EAGAIN || err == -EFAULT ? err : 0;
}
/* Both buckets' locks, the lower address first so that two requeues cannot deadlock. */
static void double_lock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b)
{
	if (a > b) {
		struct futex_hash_bucket *t = a;

		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	if (a != b)
		spin_lock_nested(&b->lock, 1); /* one class, taken twice in address order */
}

static void double_unlock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
}

/*
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (pthread_cond_broadcast's old way): wake
 * nr_wake waiters of uaddr, move up to nr_requeue more to uaddr2. CMP_REQUEUE first
 * checks that *uaddr still holds cmpval (-EAGAIN). Returns woken + moved.
 */
static long futex_requeue(unsigned long uaddr, unsigned long uaddr2, bool shared, int nr_wake,
			  int nr_requeue, const u32 *cmpval)
{
	struct futex_key key1, key2;
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_q *q, *n;
	unsigned long flags;
	long err, done = 0;
	u32 uval = 0;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = get_futex_key(uaddr, shared, &key1);
	if (!err)
		err = get_futex_key(uaddr2, shared, &key2);
	if (err)
		return err;
	if (cmpval && get_user(uval, (u32 __user *)uaddr))
		return -EFAULT;
	hb1 = hash_futex(&key1);
	hb2 = hash_futex(&key2);
	flags = local_irq_save();
	double_lock_hb(hb1, hb2);
	if (cmpval && uval != *cmpval) {
		err = -EAGAIN;
		goto out;
	}
	list_for_each_entry_safe(q, n, &hb1->chain, list) {
		if (!match_futex(&q->key, &key1))
			continue;
		if (done < nr_wake) {
			wake_futex(q);
		} else if (done < nr_wake + nr_requeue) {
			q->key = key2;
			if (hb1 != hb2)
				list_move_tail(&q->list, &hb2->chain);
		} else {
			break;
		}
		done++;
	}
	err = done;
out:
	double_unlock_hb(hb1, hb2);
	local_irq_restore(flags);
	return err;
}

#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_ANDN 3
#define FUTEX_OP_XOR 4
#define FUTEX_OP_OPARG_SHIFT 8

static int sign_extend12(u32 v)
{
	return (int)(v << 20) >> 20;
}

/*
 * WAKE_OP's operation on *uaddr: the old value in *oldval; then the comparison's
 * result (0 or 1), or -ENOSYS for an unknown operation or comparison, -EFAULT.
 */
static int futex_atomic_op(u32 encoded, unsigned long uaddr)
{
	unsigned int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	int oparg = sign_extend12(encoded >> 12), cmparg = sign_extend12(encoded);
	int oldval, newval;

	if (encoded & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = 1 << (oparg & 31); /* Linux masks a bad shift (and logs it) */
	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if (get_user(oldval, (int __user *)uaddr))
		return -EFAULT;
	switch (op) {
	case FUTEX_OP_SET: newval = oparg; break;
	case FUTEX_OP_ADD: newval = (int)((u32)oldval + (u32)oparg); break;
	case FUTEX_OP_OR: newval = oldval | oparg; break;
	case FUTEX_OP_ANDN: newval = oldval & ~oparg; break;
	default: newval = oldval ^ oparg; break;
	}
	if (put_user(newval, (int __user *)uaddr))
		return -EFAULT;
	switch (cmp) {
	case 0: return oldval == cmparg;
	case 1: return oldval != cmparg;
	case 2: return oldval < cmparg;
	case 3: return oldval >= cmparg;
	case 4: return oldval <= cmparg;
	case 5: return oldval > cmparg;
	default: return -ENOSYS;
	}
}

/* FUTEX_WAKE_OP: change *uaddr2, wake nr_wake on uaddr and, if the test held, nr_wake2 on uaddr2. */
static long futex_wake_op(unsigned long uaddr, unsigned long uaddr2, bool shared, int nr_wake,
			  int nr_wake2, u32 encoded)
{
	struct futex_key key1, key2;
	long err = get_futex_key(uaddr, shared, &key1);
	int op_ret, woken;

	if (!err)
		err = get_futex_key(uaddr2, shared, &key2);
	if (err)
		return err;
	op_ret = futex_atomic_op(encoded, uaddr2);
	if (op_ret < 0)
		return op_ret;
	woken = nr_wake > 0 ? wake_key(&key1, nr_wake, FUTEX_BITSET_MATCH_ANY) : 0;
	if (op_ret > 0 && nr_wake2 > 0)
		woken += wake_key(&key2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
	return woken;
}

/*
 * timeout: the relative time for FUTEX_WAIT, the absolute one for FUTEX_WAIT_BITSET,
 * or NULL; val2 is the timeout argument read as a number (REQUEUE, WAKE_OP).
 */
static long do_futex(u32 __user *uaddr, int op, u32 val, const struct timespec64 *timeout,
		     u32 val2, u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool shared = !(op & FUTEX_PRIVATE_FLAG), realtime = op & FUTEX_CLOCK_REALTIME;
	unsigned long addr = (unsigned long)uaddr, addr2 = (unsigned long)uaddr2;
	s64 deadline = 0;

	if (realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
	    cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	if (timeout) {
		deadline = timespec64_to_ns(timeout);
		if (cmd == FUTEX_WAIT)
			deadline += ktime_get_ns();
		if (deadline <= 0)
			deadline = 1; /* already past: 0 would mean no deadline */
	}
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(addr, shared, val, FUTEX_BITSET_MATCH_ANY, deadline, false);
	case FUTEX_WAIT_BITSET:
		return futex_wait(addr, shared, val, val3, deadline, realtime);
	case FUTEX_WAKE:
		return futex_wake_cmd(addr, shared, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake_cmd(addr, shared, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(addr, addr2, shared, (int)val, (int)val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(addr, addr2, shared, (int)val, (int)val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(addr, addr2, shared, (int)val, (int)val2, val3);
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
long sys_futex(u32 __user *uaddr, int op, u32 val, const struct old_timespec32 __user *utime,
	       u32 __user *uaddr2, u32 val3)
{
	struct timespec64 ts;
	bool timed = utime && futex_cmd_has_timeout(op & FUTEX_CMD_MASK);

	if (timed && get_old_timespec32(&ts, utime))
		return -EFAULT;
	if (timed && !timespec64_valid(&ts))
		return -EINVAL;
	return do_futex(uaddr, op, val, timed ? &ts : NULL, (u32)(unsigned long)utime, uaddr2, val3);
}

long sys_futex_time64(u32 __user *uaddr, int op, u32 val,
		      const struct __kernel_timespec __user *utime, u32 __user *uaddr2, u32 val3)
{
	struct timespec64 ts;
	bool timed = utime && futex_cmd_has_timeout(op & FUTEX_CMD_MASK);

	if (timed && get_timespec64(&ts, utime))
		return -EFAULT;
	if (timed && !timespec64_valid(&ts))
		return -EINVAL;
	return do_futex(uaddr, op, val, timed ? &ts : NULL, (u32)(unsigned long)utime, uaddr2, val3);
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
	struct task_struct *p = find_get_task(pid);
	unsigned long head;
	bool may;

	if (!p)
		return -ESRCH;
	may = ptrace_may_access(p);
	head = (unsigned long)p->robust_list;
	put_task_struct(p);
	if (!may)
		return -EPERM;
	if (put_user(ROBUST_LIST_HEAD_SIZE, len_ptr))
		return -EFAULT;
	return put_user(head, (unsigned long __user *)head_ptr) ? -EFAULT : 0;
}
