/*
 * kernel/resource.c: resource limits (getrlimit, setrlimit, prlimit64) and resource
 * usage (getrusage, times, the tick accounting behind them), with Linux's checks and
 * layouts. Where kspace has the mechanism a limit is enforced: RLIMIT_NOFILE at fd
 * allocation (kernel/fs/file.c), RLIMIT_NPROC at fork, RLIMIT_STACK, RLIMIT_AS and
 * RLIMIT_DATA when a region grows (mm/mmap.c, may_expand_vm). The others are kept and
 * reported only. CPU time is counted in ticks: the task running when the timer fires is
 * charged the whole tick, to its user or its system time.
 */
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/jiffies.h>
#include <kspace/kernel_stat.h>
#include <kspace/resource.h>
#include <kspace/sched.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1 /* a task is a process: the same as RUSAGE_SELF */

#define OLD_RLIM_MAX 0x7fffffffUL /* the old getrlimit shows larger limits as this */

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};

/* struct rusage on i386: two timevals and fourteen longs, 72 bytes. */
struct rusage {
	struct { long tv_sec, tv_usec; } ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime; /* clock_t: ticks of USER_HZ = HZ */
};

/* Linux's INIT_RLIMITS; NOFILE cannot pass kspace's fd table, NR_OPEN entries. */
void init_rlimits(struct rlimit *rlim, unsigned long max_threads)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		rlim[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	rlim[RLIMIT_STACK].rlim_cur = 8UL << 20;
	rlim[RLIMIT_CORE].rlim_cur = 0;
	rlim[RLIMIT_NPROC] = (struct rlimit){ max_threads / 2, max_threads / 2 };
	rlim[RLIMIT_NOFILE] = (struct rlimit){ NR_OPEN < 1024 ? NR_OPEN : 1024,
					       NR_OPEN < 4096 ? NR_OPEN : 4096 };
	rlim[RLIMIT_MEMLOCK] = (struct rlimit){ 8UL << 20, 8UL << 20 };
	rlim[RLIMIT_SIGPENDING] = (struct rlimit){ max_threads / 2, max_threads / 2 };
	rlim[RLIMIT_MSGQUEUE] = (struct rlimit){ 819200, 819200 };
	rlim[RLIMIT_NICE] = rlim[RLIMIT_RTPRIO] = (struct rlimit){ 0, 0 };
}

unsigned long rlimit(unsigned int resource)
{
	return current->rlim[resource].rlim_cur;
}

DEFINE_PER_CPU(struct kernel_cpustat, kernel_cpustat);

void account_process_tick(struct task_struct *p, int user_tick)
{
	struct kernel_cpustat *stat = this_cpu_ptr(&kernel_cpustat); /* the tick has interrupts off */

	if (is_idle_task(p)) { /* the idle task's time is idle time */
		stat->idle++;
		return;
	}
	if (user_tick)
		p->utime++, stat->user++;
	else
		p->stime++, stat->system++;
}

void account_reaped_child(struct task_struct *child)
{
	current->cutime += child->utime + child->cutime;
	current->cstime += child->stime + child->cstime;
}

/*
 * Read the limit into *old and/or set it to *new, with Linux's checks: the soft limit
 * may not pass the hard one, NOFILE may not pass the fd table, and only root raises a
 * hard limit.
 */
static long do_prlimit(struct task_struct *tsk, unsigned int resource, const struct rlimit *new,
		       struct rlimit *old)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN)
		return -EPERM;
	rlim = &tsk->rlim[resource];
	if (new && new->rlim_max > rlim->rlim_max && !capable())
		return -EPERM;
	if (old)
		*old = *rlim;
	if (new)
		*rlim = *new;
	return 0;
}

long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit r;
	long err = do_prlimit(current, resource, NULL, &r);

	if (!err && copy_to_user(rlim, &r, sizeof(r)))
		err = -EFAULT;
	return err;
}

/* The first getrlimit (76), whose callers thought limits were signed. */
long sys_old_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit r;
	long err = do_prlimit(current, resource, NULL, &r);

	if (err)
		return err;
	r.rlim_cur = r.rlim_cur > OLD_RLIM_MAX ? OLD_RLIM_MAX : r.rlim_cur;
	r.rlim_max = r.rlim_max > OLD_RLIM_MAX ? OLD_RLIM_MAX : r.rlim_max;
	return copy_to_user(rlim, &r, sizeof(r)) ? -EFAULT : 0;
}

long sys_setrlimit(unsigned int resource, const struct rlimit __user *rlim)
{
	struct rlimit r;

	if (copy_from_user(&r, rlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(current, resource, &r, NULL);
}

/* 64-bit limits at or above RLIM_INFINITY (32 bits) mean infinity, both ways. */
static unsigned long rlim64_to_rlim(u64 v)
{
	return v >= RLIM_INFINITY ? RLIM_INFINITY : (unsigned long)v;
}

static u64 rlim_to_rlim64(unsigned long v)
{
	return v == RLIM_INFINITY ? RLIM64_INFINITY : v;
}

long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim)
{
	struct rlimit64 n64, o64;
	struct rlimit n, o;
	struct task_struct *tsk;
	long err;

	if (new_rlim) {
		if (copy_from_user(&n64, new_rlim, sizeof(n64)))
			return -EFAULT;
		n = (struct rlimit){ rlim64_to_rlim(n64.rlim_cur), rlim64_to_rlim(n64.rlim_max) };
	}
	tsk = find_get_task(pid);
	if (!tsk)
		return -ESRCH;
	if (!ptrace_may_access(tsk)) /* Linux's prlimit rule: the same real-id match */
		err = -EPERM;
	else
		err = do_prlimit(tsk, resource, new_rlim ? &n : NULL, old_rlim ? &o : NULL);
	put_task_struct(tsk);
	if (err || !old_rlim)
		return err;
	o64 = (struct rlimit64){ rlim_to_rlim64(o.rlim_cur), rlim_to_rlim64(o.rlim_max) };
	return copy_to_user(old_rlim, &o64, sizeof(o64)) ? -EFAULT : 0;
}

static void ticks_to_timeval(unsigned long ticks, long *sec, long *usec)
{
	*sec = ticks / HZ;
	*usec = ticks % HZ * (1000000 / HZ);
}

/* Times only: kspace counts no faults, blocks or switches (Linux's other fields). */
static int put_rusage(unsigned long utime, unsigned long stime, void __user *ru)
{
	struct rusage r = { 0 };

	ticks_to_timeval(utime, &r.ru_utime.tv_sec, &r.ru_utime.tv_usec);
	ticks_to_timeval(stime, &r.ru_stime.tv_sec, &r.ru_stime.tv_usec);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* wait4's rusage: the reaped child's times and those of its own reaped children. */
int put_child_rusage(const struct task_struct *child, void __user *ru)
{
	return put_rusage(child->utime + child->cutime, child->stime + child->cstime, ru);
}

long sys_getrusage(int who, void __user *ru)
{
	if (who == RUSAGE_SELF || who == RUSAGE_THREAD)
		return put_rusage(current->utime, current->stime, ru);
	if (who == RUSAGE_CHILDREN)
		return put_rusage(current->cutime, current->cstime, ru);
	return -EINVAL;
}

/* Clock ticks since boot, which may look like an error number after 497 days, as on Linux. */
long sys_times(struct tms __user *tbuf)
{
	struct tms t = { current->utime, current->stime, current->cutime, current->cstime };

	if (tbuf && copy_to_user(tbuf, &t, sizeof(t)))
		return -EFAULT;
	return jiffies;
}
