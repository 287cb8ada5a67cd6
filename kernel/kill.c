/*
 * kernel/kill.c: kill, tkill, tgkill and rt_(tg)sigqueueinfo: who may signal whom,
 * and which tasks a pid names. The rules and the order of the checks are Linux 6.1's, so that a probe
 * with signal 0 answers as it does there: a missing target is -ESRCH before a bad
 * signal number is -EINVAL, and a zombie not yet reaped still exists.
 *
 * kill() and sigqueue() signal a process (any of its threads may take it; a thread's
 * id names its process); tkill, tgkill and rt_tgsigqueueinfo signal one thread.
 *
 * Permission (Linux's kill_ok_by_cred): a process may always signal itself; else root,
 * or the sender's real or effective uid equal to the target's real or saved one;
 * SIGCONT also reaches any process of the sender's own session, so a shell can
 * continue a job whose uid changed.
 *
 * The target is looked up and signalled under tasklist_lock, so that it cannot be
 * reaped and freed on another CPU in between. A task signalling itself (raise, abort)
 * needs neither: it is running, so it cannot be freed.
 */
#include <kspace/errno.h>
#include <kspace/kernel.h>
#include <kspace/signal.h>
#include <kspace/syscall_defs.h>

static int check_kill_permission(int sig, const struct task_struct *p)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (p->tgid == current->tgid || kill_ok_by_cred(p) || (sig == SIGCONT && p->sid == current->sid))
		return 0;
	return -EPERM;
}

/* Checked, then sent; signal 0 only checks. */
static int group_send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	int err = check_kill_permission(sig, p);

	if (err || !sig)
		return err;
	return send_signal(sig, info, p);
}

/* A process kill(0), kill(-pgrp) and kill(-1) reach: once, through its leader. */
static bool is_process(const struct task_struct *p)
{
	if (!thread_group_leader(p))
		return false;
	return p->mm || (p->state == TASK_ZOMBIE && p->signal->live);
}

/* Every member of group pgrp: 0 if one got it, else the last error (-ESRCH if none). */
static int __kill_pgrp_info(int sig, struct kernel_siginfo *info, pid_t pgrp)
{
	struct task_struct *p;
	int ret = -ESRCH;
	bool success = false;

	list_for_each_entry(p, &task_list, tasks) {
		if (p->pgid != pgrp || !is_process(p))
			continue;
		ret = group_send_sig_info(sig, info, p);
		success |= !ret;
	}
	return success ? 0 : ret;
}

/* kill(-1): everyone but init and the caller; -EPERM only if nobody could be signalled. */
static int kill_all(int sig, struct kernel_siginfo *info)
{
	struct task_struct *p;
	int ret = 0, count = 0;

	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid <= 1 || p->tgid == current->tgid || !is_process(p))
			continue;
		int err = group_send_sig_info(sig, info, p);
		count++;
		if (err != -EPERM)
			ret = err;
	}
	return count ? ret : -ESRCH;
}

/* What kill(pid) names: a process, a process group, or everyone; tasklist_lock held. */
static int kill_something_info(int sig, struct kernel_siginfo *info, int pid)
{
	struct task_struct *p;

	if (pid > 0) {
		p = find_task_by_pid(pid);
		return p ? group_send_sig_info(sig, info, p) : -ESRCH;
	}
	if (pid == -1)
		return kill_all(sig, info);
	return __kill_pgrp_info(sig, info, pid ? -pid : current->pgid);
}

long sys_kill(int pid, int sig)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_USER };
	unsigned long flags;
	int ret;

	if (pid == INT_MIN) /* -pid would overflow */
		return -ESRCH;
	info.kill.pid = current->tgid;
	info.kill.uid = current->cred.uid;
	if (pid == current->pid) /* what find_task_by_pid would return, without the lock */
		return group_send_sig_info(sig, &info, current);
	spin_lock_irqsave(&tasklist_lock, flags);
	ret = kill_something_info(sig, &info, pid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/*
 * sigqueue(): a siginfo from the caller, with its value. Only a process signalling
 * itself may claim a kernel or kill() origin (si_code >= 0, or SI_TKILL), as Linux
 * rules, so nobody can forge the pid and uid that kill() vouches for.
 */
static long do_rt_sigqueueinfo(pid_t tgid, pid_t pid, int sig, const void __user *uinfo)
{
	struct kernel_siginfo info;
	struct task_struct *p;
	unsigned long flags;
	int err;

	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	info.si_signo = sig;
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) && pid != current->pid)
		return -EPERM;
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	err = !p || (tgid > 0 && p->tgid != tgid) ? -ESRCH : check_kill_permission(sig, p);
	if (!err && sig)
		err = tgid > 0 ? send_signal_thread(sig, &info, p) : send_signal(sig, &info, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

long sys_rt_sigqueueinfo(pid_t pid, int sig, const void __user *uinfo)
{
	return do_rt_sigqueueinfo(0, pid, sig, uinfo);
}

long sys_rt_tgsigqueueinfo(pid_t tgid, pid_t pid, int sig, const void __user *uinfo)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_rt_sigqueueinfo(tgid, pid, sig, uinfo);
}

/* The checks, then the sending, for one thread p (NULL: none has the pid). */
static int tkill_checked(pid_t tgid, int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	int err = !p || (tgid > 0 && p->tgid != tgid) ? -ESRCH : check_kill_permission(sig, p);

	return err || !sig ? err : send_signal_thread(sig, info, p);
}

/* One thread, which tgid (if given) must name the process of. */
static long do_tkill(pid_t tgid, pid_t pid, int sig)
{
	struct kernel_siginfo info = { .si_signo = sig, .si_code = SI_TKILL };
	unsigned long flags;
	int err;

	info.kill.pid = current->tgid;
	info.kill.uid = current->cred.uid;
	if (pid == current->pid) /* raise(): as in sys_kill, no lookup */
		return tkill_checked(tgid, sig, &info, current);
	spin_lock_irqsave(&tasklist_lock, flags);
	err = tkill_checked(tgid, sig, &info, find_task_by_pid(pid));
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

long sys_tkill(pid_t pid, int sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_tkill(0, pid, sig);
}

long sys_tgkill(pid_t tgid, pid_t pid, int sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}
