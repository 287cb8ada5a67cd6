/*
 * kernel/sys.c: small system calls about the calling process, and write() to the
 * console (standard output and standard error, until there are open files).
 */
#include <asm/uaccess.h>
#include <kspace/errno.h>
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

/*
 * Copy through a small kernel buffer, chunk by chunk. A chunk whose copy faults is
 * not printed at all: the call returns what was written before it, or -EFAULT.
 */
long sys_write(unsigned int fd, const char __user *buf, unsigned long count)
{
	char chunk[256];
	unsigned long done = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	while (done < count) {
		unsigned long n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);

		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		console_output(chunk, n);
		done += n;
	}
	return done;
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
