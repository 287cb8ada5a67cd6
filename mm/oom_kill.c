/*
 * mm/oom_kill.c: what a page fault does when no free page is left, as Linux's
 * out_of_memory(): the user process holding the most pages (mm->rss; init and
 * kernel threads never) gets SIGKILL, and its memory comes back when it exits. The
 * faulting task, if it is not the one chosen, lets it run and then retries its fault;
 * until the victim's memory is back (its mm's last mmput), nobody else is chosen, and
 * a fault whose allocation failed before a victim's memory came back retries too.
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

/*
 * Victims whose memory has not come back yet. While there is one, nobody else is
 * killed: on another CPU, a victim may be freeing its pages at this very moment, and
 * a fault that found none free would otherwise pick the next process, or itself.
 */
static atomic_t oom_victims = ATOMIC_INIT(0);
static atomic_t oom_victims_reaped = ATOMIC_INIT(0); /* and those whose memory is back */

unsigned int oom_reaped(void)
{
	return atomic_read(&oom_victims_reaped);
}

/*
 * The biggest user process; tasklist_lock held. Among equals the youngest wins, as on
 * Linux: a child shares its parent's pages and so its size, and a fork bomb's parent
 * must outlive the children it is about to kill.
 */
static struct task_struct *select_bad_process(void)
{
	struct task_struct *p, *chosen = NULL;
	unsigned long chosen_rss = 0;

	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid == 1 || p->state == TASK_ZOMBIE)
			continue;
		task_lock(p); /* its mm may be on its way out on another CPU */
		if (p->mm && (!chosen || p->mm->rss >= chosen_rss)) {
			chosen = p;
			chosen_rss = p->mm->rss;
		}
		task_unlock(p);
	}
	return chosen;
}

/* SIGKILL for victim, counted until its mm is gone (unless it has let it go already). */
static void oom_kill(struct task_struct *victim)
{
	struct mm_struct *mm;

	task_lock(victim);
	mm = victim->mm;
	if (mm && !mm->oom_victim) {
		mm->oom_victim = true;
		atomic_inc(&oom_victims);
		printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, "
				"anon-rss:%lukB, faulting: %s[%d]\n", victim->pid, victim->comm,
		       K(mm->total_vm), K(mm->rss), current->comm, current->pid);
	}
	task_unlock(victim);
	if (mm)
		send_sig(SIGKILL, victim);
}

/*
 * Kill the biggest process, once, and wait while a victim's memory is still coming
 * back. True if the caller should wait and retry the fault; false if the caller is
 * the one to die. reaped: oom_reaped() from before the caller's allocation failed.
 */
bool out_of_memory(unsigned int reaped)
{
	struct task_struct *victim;
	unsigned long flags;
	bool wait = true;

	if (sigkill_pending(current) || (current->mm && current->mm->oom_victim))
		return false; /* a victim itself: it must not wait for its own end */
	if (atomic_read(&oom_victims) || oom_reaped() != reaped)
		return true; /* memory is coming back, or came back since the allocation failed */
	spin_lock_irqsave(&tasklist_lock, flags); /* the victim cannot be freed meanwhile */
	victim = select_bad_process();
	if (!victim || victim == current)
		wait = false;
	else
		oom_kill(victim);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return wait;
}

void exit_oom_victim(void)
{
	atomic_inc(&oom_victims_reaped); /* first: whoever sees no victim sees this */
	atomic_dec(&oom_victims);
}
