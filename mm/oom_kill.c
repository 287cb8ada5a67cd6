/*
 * mm/oom_kill.c: what a page fault does when no free page is left, as Linux's
 * out_of_memory(): the user process holding the most pages (mm->rss; init and
 * kernel threads never) gets SIGKILL, and its memory comes back when it exits. The
 * faulting task, if it is not the one chosen, lets it run and then retries its fault.
 *
 * Before this the task that happened to fault was killed, most often not the one that
 * had taken the memory: sysfuzz found it when a child's MAP_POPULATE of most of RAM got
 * its parent killed at the parent's next copy-on-write fault.
 *
 * A victim exits on its own CPU while others go on faulting. Its mm leaves the task
 * before the pages are freed, so until exit_oom_victim() it is counted in oom_victims,
 * and every out_of_memory() meanwhile just waits: choosing again then would find the
 * faulting task itself the biggest and kill it too (seen at -smp 4 in test-oom).
 */
#include <kspace/mm.h>
#include <kspace/mm_types.h>
#include <kspace/oom.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/signal.h>

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

static int oom_victims; /* killed tasks whose memory has not come back yet */

/* The task list may change on other CPUs: called with tasklist_lock held. */
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
	struct task_struct *victim;
	unsigned long flags;
	bool wait = true;

	if (current->memdie)
		return false; /* dying already: its own fault must not wait for itself */
	if (__atomic_load_n(&oom_victims, __ATOMIC_ACQUIRE))
		return true;
	spin_lock_irqsave(&tasklist_lock, flags);
	victim = select_bad_process();
	if (!victim || victim == current) {
		wait = false;
	} else if (!victim->memdie) {
		printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, "
				"anon-rss:%lukB, faulting: %s[%d]\n", victim->pid, victim->comm,
		       K(victim->mm->total_vm), K(victim->mm->rss), current->comm, current->pid);
		victim->memdie = true;
		__atomic_add_fetch(&oom_victims, 1, __ATOMIC_RELEASE);
		send_sig(SIGKILL, victim);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return wait;
}

/*
 * A victim is chosen, under tasklist_lock, only while it still has an mm, and exit_mm
 * drops the mm under the same lock: so when this runs, the mark is already set or
 * never will be.
 */
void exit_oom_victim(struct task_struct *tsk)
{
	if (!tsk->memdie)
		return;
	tsk->memdie = false;
	__atomic_sub_fetch(&oom_victims, 1, __ATOMIC_RELEASE);
}
