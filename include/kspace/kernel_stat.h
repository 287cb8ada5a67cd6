/*
 * System-wide counters behind /proc/stat and /proc/loadavg (Linux's kernel_stat.h and
 * loadavg): where the CPU's ticks went, interrupts per line, context switches, forks,
 * and the load averages.
 */
#ifndef KSPACE_KERNEL_STAT_H
#define KSPACE_KERNEL_STAT_H

#include <kspace/types.h>
#include <asm/irq.h>
#include <kspace/percpu.h>

/* Ticks, counted by account_process_tick (kernel/resource.c) on each CPU for itself. */
struct kernel_cpustat {
	u64 user, system, idle;
};

DECLARE_PER_CPU(struct kernel_cpustat, kernel_cpustat);
#define kcpustat_cpu(cpu) per_cpu(kernel_cpustat, (cpu))
extern u64 kstat_irqs[NR_IRQS];      /* interrupts taken per line (do_IRQ) */
extern unsigned long total_forks;   /* tasks do_fork started since boot */
extern int last_fork_pid;           /* the pid do_fork gave last (/proc/loadavg) */

/*
 * Load averages (kernel/loadavg.c), as Linux keeps them: fixed point with FSHIFT bits
 * of fraction, over 1, 5 and 15 minutes, of the tasks running or in uninterruptible
 * sleep, sampled every LOAD_FREQ ticks.
 */
#define FSHIFT 11
#define FIXED_1 (1 << FSHIFT)
#define LOAD_INT(x) ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

extern unsigned long avenrun[3];
void calc_global_load(void); /* each tick */

#endif
