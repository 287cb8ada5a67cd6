/*
 * kernel/sys.c: small system calls about the calling process and the system:
 * its ids, its process group, the kernel log (syslog) and memory figures (sysinfo).
 */
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/gfp.h>
#include <kspace/jiffies.h>
#include <kspace/mmzone.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/syscall_defs.h>

long sys_getpid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	return current->parent ? current->parent->pid : 0;
}

long sys_getuid(void)
{
	return current->uid;
}

/* kspace has no groups: every process is in group 0, as root's processes are on Linux. */
long sys_getgid(void)
{
	return 0;
}

/* Only root may become someone else; anyone may "become" who they already are. */
long sys_setuid(unsigned int uid)
{
	if (current->uid != 0 && uid != current->uid)
		return -EPERM;
	current->uid = uid;
	return 0;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

/* setpgid(0, 0) makes the caller a group leader; a parent may move its child too. */
long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p = current, *c;

	if (pgid < 0)
		return -EINVAL;
	if (pid && pid != current->pid) {
		p = NULL;
		list_for_each_entry(c, &current->children, sibling)
			if (c->pid == pid)
				p = c;
		if (!p)
			return -ESRCH;
	}
	p->pgid = pgid ? pgid : p->pid;
	return 0;
}

long sys_getpgrp(void)
{
	return current->pgid;
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
		.totalram = totalram_pages,
		.freeram = nr_free_pages(),
		.totalhigh = totalhigh_pages,
		.freehigh = zone_table[ZONE_HIGHMEM].free_pages,
		.procs = nr_tasks(),
		.mem_unit = PAGE_SIZE,
	};

	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}
