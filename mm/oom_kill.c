/*
 * mm/oom_kill.c: what a page fault does when no free page is left, as Linux's
 * out_of_memory(): the user process holding the most pages (mm->rss; init and
 * kernel threads never) gets SIGKILL, and its memory comes back when it exits. The
 * faulting task, if it is not the one chosen, lets it run and then retries its fault.
 *
 * Before this the task that happened to fault was killed, most often not the one that
 * had taken the memory: sysfuzz found it when a child's MAP_POPULATE of most of RAM got
 * its parent killed at the parent's next copy-on-write fault.
 */
#include <kspace/mm.h>
#include <kspace/mm_types.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/signal.h>

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

static struct task_struct *select_bad_process(void)
{
	struct task_struct *p, *chosen = NULL;

	list_for_each_entry(p, &task_list, tasks) {
		if (!p->mm || p->pid == 1 || p->state == TASK_ZOMBIE)
			continue;
		if (!chosen || p->mm->rss > chosen->mm->rss)
			chosen = p;
	}
	return chosen;
}

/*
 * Kill the biggest process, once (a second fault finds it already dying). True if the
 * caller should wait for it and retry the fault; false if the caller is the one.
 */
bool out_of_memory(void)
{
	struct task_struct *victim = select_bad_process();

	if (!victim || victim == current)
		return false;
	if (!(victim->pending.signal & sigmask(SIGKILL))) {
		printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, "
				"anon-rss:%lukB, faulting: %s[%d]\n", victim->pid, victim->comm,
		       K(victim->mm->total_vm), K(victim->mm->rss), current->comm, current->pid);
		send_sig(SIGKILL, victim);
	}
	return true;
}
