/*
 * kernel/fs/proc/proc_array.c: what /proc/<pid>/ tells about one process, in Linux's formats
 * (Linux's fs/proc/array.c and base.c): stat, the one line ps and top parse; status,
 * the same for people; cmdline, its arguments read out of its own memory.
 */
#include <asm/pgtable.h>
#include <kspace/fs.h>
#include <kspace/highmem.h>
#include <kspace/kernel.h>
#include <kspace/mman.h>
#include <kspace/mm.h>
#include <kspace/proc_fs.h>
#include <kspace/resource.h>
#include <kspace/sched.h>
#include <kspace/seq_buf.h>
#include <kspace/signal.h>
#include <kspace/string.h>

#define SIGCHLD 17 /* what the parent is sent at exit: stat's exit_signal */

static const struct {
	long state;
	const char *name; /* its letter first, as stat has it */
} task_states[] = {
	{ TASK_RUNNING, "R (running)" },       { TASK_INTERRUPTIBLE, "S (sleeping)" },
	{ TASK_UNINTERRUPTIBLE, "D (disk sleep)" }, { TASK_STOPPED, "T (stopped)" },
	{ TASK_ZOMBIE, "Z (zombie)" },
};

static const char *task_state(const struct task_struct *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(task_states); i++)
		if (t->state == task_states[i].state)
			return task_states[i].name;
	return "X (dead)";
}

/* The signals t ignores and the ones it catches: stat's and status's SigIgn/SigCgt. */
static void sig_actions(const struct task_struct *t, u64 *ignored, u64 *caught)
{
	*ignored = *caught = 0;
	if (!t->sighand)
		return;
	for (int sig = 1; sig <= _NSIG; sig++) {
		__sighandler_t h = t->sighand->action[sig - 1].sa_handler;

		if (h == SIG_IGN)
			*ignored |= 1ULL << (sig - 1);
		else if (h != SIG_DFL)
			*caught |= 1ULL << (sig - 1);
	}
}

static pid_t ppid_of(const struct task_struct *t)
{
	return t->parent ? t->parent->pid : 0;
}

/*
 * Linux's /proc/<pid>/stat: 52 fields on one line. kspace keeps no fault counts, no
 * terminal per session and no scheduling classes: those are what Linux shows for none
 * (0, -1). Priority is Linux's 20 + nice for a normal task. The signal words are the low 32 bits, as Linux prints them.
 */
void proc_pid_stat(struct seq_buf *s, struct task_struct *t)
{
	static const struct mm_struct no_mm;
	struct mm_struct *task_mm = get_task_mm(t); /* its numbers only: no lock needed */
	const struct mm_struct *mm = task_mm ? task_mm : &no_mm;
	u64 ignored, caught;

	sig_actions(t, &ignored, &caught);
	seq_buf_printf(s, "%d (%s) %c %d %d %d 0 -1 %u 0 0 0 0 %lu %lu %lu %lu %d %d 1 0 %lu %lu %lu",
		       t->pid, t->comm, task_state(t)[0], ppid_of(t), t->pgid, t->sid, t->flags,
		       t->utime, t->stime, t->cutime, t->cstime, 20 + t->nice, t->nice, t->start_time,
		       mm->total_vm << PAGE_SHIFT, mm->rss);
	seq_buf_printf(s, " %lu %lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 %d %d 0 0 0 0 0",
		       t->rlim[RLIMIT_RSS].rlim_cur, mm->start_code, mm->end_code, mm->start_stack,
		       (unsigned long)t->pending.signal, (unsigned long)t->blocked,
		       (unsigned long)ignored, (unsigned long)caught, SIGCHLD,
		       t->stack->cpu); /* field 39: the CPU it runs on, or last ran on */
	seq_buf_printf(s, " %lu %lu %lu %lu %lu %lu %lu %ld\n", mm->start_data, mm->end_data,
		       mm->start_brk, mm->arg_start, mm->arg_end, mm->env_start, mm->env_end,
		       t->state == TASK_ZOMBIE ? t->exit_code : 0);
	if (task_mm)
		mmput(task_mm);
}

/*
 * Another task's address space, walked as its owner may change it on another CPU: a
 * user reference keeps it, its lock keeps its regions and page tables still.
 */
void proc_show_mm(struct seq_buf *s, struct task_struct *t,
		  void (*show)(struct seq_buf *s, struct mm_struct *mm))
{
	struct mm_struct *mm = get_task_mm(t);

	if (!mm)
		return;
	down_read(&mm->mmap_sem);
	show(s, mm);
	up_read(&mm->mmap_sem);
	mmput(mm);
}

/* Pages of the regions whose flags have all of want and none of unwanted. */
static unsigned long vm_pages(const struct mm_struct *mm, unsigned long want, unsigned long unwanted)
{
	unsigned long pages = 0;

	for (const struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		if ((v->vm_flags & want) == want && !(v->vm_flags & unwanted))
			pages += vma_pages(v);
	return pages;
}

#define PAGES_KB(pages) ((pages) << (PAGE_SHIFT - 10))

static void status_mm(struct seq_buf *s, struct mm_struct *mm)
{
	seq_buf_printf(s, "VmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmRSS:\t%8lu kB\n", PAGES_KB(mm->total_vm),
		       0UL, PAGES_KB(mm->rss));
	seq_buf_printf(s, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n",
		       PAGES_KB(vm_pages(mm, VM_WRITE, VM_GROWSDOWN)), PAGES_KB(vm_pages(mm, VM_GROWSDOWN, 0)),
		       (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> 10);
	seq_buf_printf(s, "VmLib:\t%8lu kB\nVmSwap:\t%8lu kB\n", 0UL, 0UL);
}

/* Linux's /proc/<pid>/status, the lines kspace has the facts for, in Linux's order. */
void proc_pid_status(struct seq_buf *s, struct task_struct *t)
{
	const struct cred *c = &t->cred;
	u64 ignored, caught;

	unsigned int umask;

	task_lock(t); /* its fs goes when it exits */
	umask = t->fs ? t->fs->umask : 0022;
	task_unlock(t);
	seq_buf_printf(s, "Name:\t%s\nUmask:\t%04o\nState:\t%s\n", t->comm, umask, task_state(t));
	seq_buf_printf(s, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", t->tgid,
		       t->pid, ppid_of(t));
	seq_buf_printf(s, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", c->uid, c->euid, c->suid,
		       c->fsuid, c->gid, c->egid, c->sgid, c->fsgid);
	seq_buf_printf(s, "FDSize:\t%d\nGroups:\t", t->files ? NR_OPEN : 0);
	for (int i = 0; i < c->ngroups; i++)
		seq_buf_printf(s, "%u ", c->groups[i]);
	seq_buf_printf(s, "\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", t->tgid, t->pid,
		       t->pgid, t->sid);
	proc_show_mm(s, t, status_mm);
	sig_actions(t, &ignored, &caught);
	seq_buf_printf(s, "Threads:\t%d\nSigQ:\t%u/%lu\n", t->signal->live,
		       t->pending.nr_queued + t->signal->shared_pending.nr_queued,
		       t->rlim[RLIMIT_SIGPENDING].rlim_cur);
	seq_buf_printf(s, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n",
		       (unsigned long long)t->pending.signal,
		       (unsigned long long)t->signal->shared_pending.signal,
		       (unsigned long long)t->blocked);
	seq_buf_printf(s, "SigIgn:\t%016llx\nSigCgt:\t%016llx\n", (unsigned long long)ignored,
		       (unsigned long long)caught);
}

/*
 * Bytes [start, end) of mm, page by page through its page tables: the process need
 * not be the caller. A page not present ends the copy early, as Linux's
 * access_remote_vm stops where it cannot fault pages in. kmap_atomic suffices: nothing
 * here sleeps while the page is mapped.
 */
static void copy_from_mm(struct seq_buf *s, struct mm_struct *mm, unsigned long start,
			 unsigned long end)
{
	while (start < end) {
		pte_t *pte = pte_offset(mm, start, false);
		unsigned long n = min(end - start, PAGE_SIZE - (start & ~PAGE_MASK));
		char *page;

		if (!pte || !(*pte & _PAGE_PRESENT))
			return;
		page = kmap_atomic(pfn_to_page(*pte >> PAGE_SHIFT), KM_USER0);
		seq_buf_putmem(s, page + (start & ~PAGE_MASK), n);
		kunmap_atomic(page, KM_USER0);
		start += n;
	}
}

static void cmdline_of(struct seq_buf *s, struct mm_struct *mm)
{
	if (mm->arg_start < mm->arg_end && mm->arg_end <= TASK_SIZE)
		copy_from_mm(s, mm, mm->arg_start, mm->arg_end);
}

/* The arguments as execve placed them, each ended by a NUL; empty for a kernel thread or a zombie. */
void proc_pid_cmdline(struct seq_buf *s, struct task_struct *t)
{
	proc_show_mm(s, t, cmdline_of);
}
