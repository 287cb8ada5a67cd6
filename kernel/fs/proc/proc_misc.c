/*
 * kernel/fs/proc/proc_misc.c: the system-wide /proc files that top, uptime and ps read, in
 * Linux's formats (Linux's fs/proc/stat.c, uptime.c, loadavg.c, version.c and
 * cpuinfo.c): stat, uptime, loadavg, version, cpuinfo. Times are in USER_HZ ticks,
 * which is HZ here (100, as on Linux i386).
 */
#include <asm/processor.h>
#include <kspace/jiffies.h>
#include <kspace/kernel_stat.h>
#include <kspace/proc_fs.h>
#include <kspace/sched.h>
#include <kspace/seq_buf.h>
#include <kspace/timer.h>
#include <kspace/utsname.h>

#define NR_SOFTIRQS 10 /* Linux's softirq kinds; kspace raises none */

static unsigned int nr_in_state(long state)
{
	struct task_struct *p;
	unsigned int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		n += p->state == state;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

static void cpustat_line(struct seq_buf *s, const struct kernel_cpustat *st)
{
	seq_buf_printf(s, " %llu 0 %llu %llu 0 0 0 0 0 0\n", st->user, st->system, st->idle);
}

/* Every online CPU's ticks summed. */
static struct kernel_cpustat cpustat_sum(void)
{
	struct kernel_cpustat sum = { 0 };
	int cpu;

	for_each_online_cpu(cpu) {
		sum.user += kcpustat_cpu(cpu).user;
		sum.system += kcpustat_cpu(cpu).system;
		sum.idle += kcpustat_cpu(cpu).idle;
	}
	return sum;
}

/* The sum, then one line per online CPU; then interrupts, switches, forks. */
void proc_stat_show(struct seq_buf *s, struct task_struct *task)
{
	struct kernel_cpustat sum = cpustat_sum();
	u64 irqs = 0;
	int cpu;

	(void)task;
	seq_buf_printf(s, "cpu ");
	cpustat_line(s, &sum);
	for_each_online_cpu(cpu) {
		seq_buf_printf(s, "cpu%d", cpu);
		cpustat_line(s, &kcpustat_cpu(cpu));
	}
	for (int i = 0; i < NR_IRQS; i++)
		irqs += kstat_irqs[i];
	seq_buf_printf(s, "intr %llu", irqs);
	for (int i = 0; i < NR_IRQS; i++)
		seq_buf_printf(s, " %llu", kstat_irqs[i]);
	seq_buf_printf(s, "\nctxt %llu\nbtime %lu\nprocesses %lu\nprocs_running %u\nprocs_blocked %u\n",
		       nr_context_switches(), get_seconds() - jiffies / HZ, total_forks,
		       nr_in_state(TASK_RUNNING), nr_in_state(TASK_UNINTERRUPTIBLE));
	seq_buf_printf(s, "softirq 0");
	for (int i = 0; i < NR_SOFTIRQS; i++)
		seq_buf_printf(s, " 0");
	seq_buf_printf(s, "\n");
}

/* Seconds since boot and seconds the CPU idled, with hundredths. */
void proc_uptime_show(struct seq_buf *s, struct task_struct *task)
{
	unsigned long up = jiffies;
	u64 idle = cpustat_sum().idle; /* all CPUs' idle time, as Linux counts it */

	(void)task;
	seq_buf_printf(s, "%lu.%02lu %llu.%02llu\n", up / HZ, (up % HZ) * 100 / HZ, idle / HZ,
		       (idle % HZ) * 100 / HZ);
}

/* Three averages rounded to hundredths, running/all tasks, the last pid handed out. */
void proc_loadavg_show(struct seq_buf *s, struct task_struct *task)
{
	unsigned long a[3];

	(void)task;
	for (int i = 0; i < 3; i++)
		a[i] = avenrun[i] + FIXED_1 / 200;
	seq_buf_printf(s, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%u %d\n", LOAD_INT(a[0]), LOAD_FRAC(a[0]),
		       LOAD_INT(a[1]), LOAD_FRAC(a[1]), LOAD_INT(a[2]), LOAD_FRAC(a[2]),
		       nr_in_state(TASK_RUNNING), nr_tasks(), last_fork_pid);
}

/* Linux's banner: "<sysname> version <release> (<by>@<host>) (<compiler>) <version>". */
void proc_version_show(struct seq_buf *s, struct task_struct *task)
{
	(void)task;
	seq_buf_printf(s, "%s version %s (kspace@kspace) (gcc " __VERSION__ ") %s\n",
		       system_utsname.sysname, system_utsname.release, system_utsname.version);
}

void proc_cpuinfo_show(struct seq_buf *s, struct task_struct *task)
{
	(void)task;
	cpuinfo_render(s);
}
