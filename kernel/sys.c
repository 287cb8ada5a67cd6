/*
 * kernel/sys.c: small system calls about the calling process and the system:
 * its pid, its process group and session, its umask, its name (prctl), the kernel log (syslog)
 * and memory figures (sysinfo).
 */
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/gfp.h>
#include <kspace/jiffies.h>
#include <kspace/kernel_stat.h>
#include <kspace/mmzone.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

/* The process's id: its thread group's (gettid, in kernel/fork.c, is the thread's). */
long sys_getpid(void)
{
	return current->tgid;
}

long sys_getppid(void)
{
	struct task_struct *parent = current->group_leader->parent;

	return parent ? parent->tgid : 0;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

/*
 * setpgid, with Linux's checks: the target is the caller or a child in its session
 * that has not exec'd yet (-EACCES after exec); a session leader cannot move; the
 * group joined must exist in the caller's session, unless it is the target's own.
 * Under tasklist_lock: the tasks looked at and changed stay.
 */
static long do_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p, *g, *t;

	p = find_task_by_pid(pid);
	if (!p)
		return -ESRCH;
	if (!thread_group_leader(p))
		return -EINVAL; /* a process is named by its pid, not a thread's */
	if (p->parent == current->group_leader) {
		if (p->sid != current->sid)
			return -EPERM;
		if (!(p->flags & PF_FORKNOEXEC))
			return -EACCES;
	} else if (p != current->group_leader) {
		return -ESRCH;
	}
	if (p->sid == p->pid)
		return -EPERM;
	if (pgid != pid) {
		list_for_each_entry(g, &task_list, tasks)
			if (g->pgid == pgid && g->sid == current->sid)
				break;
		if (&g->tasks == &task_list)
			return -EPERM;
	}
	for_each_thread(p, t) /* the group is the process's: every thread's */
		t->pgid = pgid;
	p->pgid = pgid;
	return 0;
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	unsigned long flags;
	long ret;

	pid = pid ? pid : current->tgid;
	pgid = pgid ? pgid : pid;
	if (pgid < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	ret = do_setpgid(pid, pgid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

/* Process pid's (0: the caller's) group or session id, or -ESRCH. */
static long task_id(pid_t pid, bool session)
{
	struct task_struct *p;
	unsigned long flags;
	long id = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = pid ? find_task_by_pid(pid) : current;
	if (p)
		id = session ? p->sid : p->pgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return id;
}

long sys_getpgid(pid_t pid)
{
	return task_id(pid, false);
}

long sys_getsid(pid_t pid)
{
	return task_id(pid, true);
}

/* A new session and group led by the caller; not for a group leader (its group would split). */
long sys_setsid(void)
{
	pid_t session = current->tgid;
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->pgid == session) {
			session = -EPERM;
			goto out;
		}
	for_each_thread(current, p) { /* the session is the process's: every thread's */
		p->sid = p->pgid = session;
		p->tty = NULL; /* a new session starts without a terminal */
	}
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return session;
}

long sys_umask(int mask)
{
	unsigned int old = current->fs->umask;

	current->fs->umask = mask & 0777;
	return old;
}

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10

/* syslog(2), what dmesg reads: the whole log, or its size. */
long sys_syslog(int type, char __user *buf, int len)
{
	static char copy[LOG_BUF_LEN];
	size_t n;

	if (type == SYSLOG_ACTION_SIZE_BUFFER)
		return LOG_BUF_LEN;
	if (type != SYSLOG_ACTION_READ_ALL)
		return -EINVAL;
	if (len < 0)
		return -EINVAL;
	n = log_buf_read(copy, min((size_t)len, sizeof(copy)));
	return copy_to_user(buf, copy, n) ? -EFAULT : (long)n;
}

/* struct sysinfo as Linux/i386 lays it out: 64 bytes. */
struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[8];
};

long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo si = {
		.uptime = jiffies / HZ,
		/* SI_LOAD_SHIFT (16) bits of fraction, where avenrun has FSHIFT */
		.loads = { avenrun[0] << (16 - FSHIFT), avenrun[1] << (16 - FSHIFT),
			   avenrun[2] << (16 - FSHIFT) },
		.totalram = totalram_pages,
		.freeram = nr_free_pages(),
		.totalhigh = totalhigh_pages,
		.freehigh = zone_table[ZONE_HIGHMEM].free_pages,
		.procs = nr_tasks(),
		.mem_unit = PAGE_SIZE,
	};

	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/*
 * prctl: the task's name (comm, what ps and top show), which busybox sets when it runs
 * an applet without an exec. The name is cut at TASK_COMM_LEN - 1 bytes, as Linux. The
 * other options kspace does not have answer -EINVAL, Linux's answer to an unknown one.
 */
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	char comm[TASK_COMM_LEN] = { 0 };

	(void)arg3, (void)arg4, (void)arg5;
	switch (option) {
	case PR_SET_NAME:
		if (strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm) - 1) < 0)
			return -EFAULT;
		memcpy(current->comm, comm, sizeof(comm));
		return 0;
	case PR_GET_NAME:
		memcpy(comm, current->comm, sizeof(comm));
		return copy_to_user((char __user *)arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}
