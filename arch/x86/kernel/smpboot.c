/*
 * arch/x86/kernel/smpboot.c: bringing up the application processors (APs).
 *
 * The firmware's list (mp_config) gives each CPU's APIC id; the boot CPU is CPU 0
 * and the others are numbered in list order. prefill_possible_map() fixes the
 * possible and present masks before the per-CPU areas are made (nosmp: CPU 0 only).
 * smp_init() then wakes each AP, up to maxcpus=, as Intel's MultiProcessor
 * Specification (appendix B.4) says: an INIT IPI, 10 ms, and two STARTUP IPIs whose
 * vector is the page of the trampoline below 1 MiB. The AP comes through
 * trampoline.asm to start_secondary() on the stack of an idle task made for it, with
 * thread_info->cpu set, so smp_processor_id() works from its first C line. It loads
 * its own GDT, TSS and IDT, enables its local APIC and timer, becomes its run queue's
 * idle task, says it is online, and enters the scheduler's idle loop: from then on
 * wake-ups and load balancing (kernel/sched.c) give it tasks.
 */
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/irqflags.h>
#include <asm/mpspec.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/realmode.h>
#include <kspace/errno.h>
#include <kspace/gfp.h>
#include <kspace/init.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/slab.h>
#include <kspace/smp.h>
#include <kspace/string.h>

#define BOOT_TIMEOUT_USECS 1000000 /* an AP that has not called in by then is given up */
#define THREAD_ORDER 1             /* 2^1 pages = THREAD_SIZE */

static unsigned int setup_max_cpus = NR_CPUS; /* maxcpus=: how many CPUs to bring up */
static struct task_struct *idle_tasks[NR_CPUS];

/* The trampoline's page directory: the kernel half, plus its first 4 MiB at 0 too. */
static pgd_t trampoline_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE);

static int nosmp_setup(const char *value)
{
	(void)value;
	setup_max_cpus = 0;
	return 0;
}
__setup("nosmp", nosmp_setup);

/* maxcpus=N: bring up N CPUs, the boot CPU included (0: as nosmp). */
static int maxcpus_setup(const char *value)
{
	unsigned int n = 0;

	if (!*value)
		return -EINVAL;
	for (const char *s = value; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		n = n * 10 + (*s - '0');
		if (n > NR_CPUS)
			n = NR_CPUS; /* more than can exist means all of them */
	}
	setup_max_cpus = n;
	return 0;
}
__setup("maxcpus=", maxcpus_setup);

/* The CPUs the firmware listed (at most NR_CPUS), or only the boot CPU. */
void prefill_possible_map(void)
{
	int n = mp_config.nr_cpus < NR_CPUS ? mp_config.nr_cpus : NR_CPUS;

	if (!setup_max_cpus || !cpu_has(X86_FEATURE_APIC) || !mp_config.source)
		n = 1;
	for (int cpu = 0; cpu < n; cpu++) {
		x86_cpu_to_apicid[cpu] = mp_config.cpu_apicid[cpu];
		set_cpu_possible(cpu, true);
		set_cpu_present(cpu, true);
	}
	pr_info("smpboot: Allowing %d CPUs, 0 hotplug CPUs\n", n);
}

/* The first C an AP runs, on its idle task's stack, still on the trampoline's page directory. */
static __noreturn void start_secondary(void)
{
	int cpu = smp_processor_id();

	write_cr3(__pa(swapper_pg_dir));
	cpu_init();
	load_idt();
	fpu__init_cpu();
	smp_store_cpu_info(cpu); /* its cpu_data, from CPUID run here (/proc/cpuinfo) */
	setup_local_APIC();
	setup_secondary_APIC_clock();
	init_idle(current, cpu); /* its run queue is ready before anyone may pick this CPU */
	set_cpu_online(cpu, true); /* the boot CPU waits for this */
	cpu_idle();
}

/* An idle task of its own: pid 0 like the boot CPU's, never on the task list. */
static struct task_struct *fork_idle(int cpu)
{
	struct task_struct *idle = kzalloc(sizeof(*idle), GFP_KERNEL);
	unsigned long stack = __get_free_pages(GFP_KERNEL, THREAD_ORDER);

	if (!idle || !stack) {
		kfree(idle);
		if (stack)
			free_pages(stack, THREAD_ORDER);
		return NULL;
	}
	idle->state = TASK_RUNNING;
	idle->stack = (struct thread_info *)stack;
	*idle->stack = (struct thread_info){ .task = idle, .cpu = cpu };
	set_task_stack_end_magic(idle->stack);
	idle->cred = init_task.cred;
	idle->cpus_allowed = 1UL << cpu;
	snprintf(idle->comm, sizeof(idle->comm), "swapper/%d", cpu);
	INIT_LIST_HEAD(&idle->run_list);
	INIT_LIST_HEAD(&idle->tasks);
	idle->thread.esp0 = stack + THREAD_SIZE;
	return idle;
}

/* INIT, then STARTUP twice (the second for CPUs that missed the first), then wait. */
static int wakeup_secondary_cpu(int cpu)
{
	u8 apicid = x86_cpu_to_apicid[cpu];

	apic_send_init(apicid, true);
	udelay(10000);
	apic_send_init(apicid, false);
	for (int i = 0; i < 2 && !cpu_online(cpu); i++) {
		apic_send_startup(apicid, TRAMPOLINE_BASE >> PAGE_SHIFT);
		udelay(300);
	}
	for (int waited = 0; !cpu_online(cpu); waited += 100) {
		if (waited >= BOOT_TIMEOUT_USECS)
			return -EIO;
		udelay(100);
	}
	return 0;
}

static int do_boot_cpu(int cpu)
{
	struct trampoline_header *hdr = __va(TRAMPOLINE_BASE + (trampoline_header - trampoline_start));
	struct task_struct *idle = idle_tasks[cpu] ? idle_tasks[cpu] : fork_idle(cpu);

	if (!idle)
		return -ENOMEM;
	idle_tasks[cpu] = idle;
	hdr->cr3 = __pa(trampoline_pg_dir);
	hdr->cr4 = cpu_has(X86_FEATURE_PSE) || cpu_has(X86_FEATURE_PGE) ? read_cr4() : 0;
	hdr->stack = idle->thread.esp0;
	hdr->entry = (u32)start_secondary;
	return wakeup_secondary_cpu(cpu);
}

static void setup_trampoline(void)
{
	memcpy(__va(TRAMPOLINE_BASE), trampoline_start, trampoline_end - trampoline_start);
	memcpy(trampoline_pg_dir, swapper_pg_dir, sizeof(trampoline_pg_dir));
	trampoline_pg_dir[0] = swapper_pg_dir[KERNEL_PGD_INDEX]; /* physical 0-4 MiB at 0 too */
}

void smp_init(void)
{
	char line[64];
	int cpu, len = 0;

	if (num_possible_cpus() > 1 && lapic_in_use) {
		pr_info("smp: Bringing up secondary CPUs ...\n");
		pr_info("x86: Booting SMP configuration:\n");
		setup_trampoline();
		len = snprintf(line, sizeof(line), ".... node  #0, CPUs:    ");
		for_each_present_cpu(cpu) {
			if (cpu == 0 || num_online_cpus() >= (int)setup_max_cpus)
				continue;
			if (do_boot_cpu(cpu))
				pr_err("smpboot: CPU%d (APIC id 0x%x) did not come up\n", cpu,
				       x86_cpu_to_apicid[cpu]);
			else
				len += snprintf(line + len, sizeof(line) - len, "  #%d", cpu);
		}
		if (num_online_cpus() > 1)
			pr_info("%s\n", line);
	}
	pr_info("smp: Brought up 1 node, %d CPU%s\n", num_online_cpus(),
		num_online_cpus() > 1 ? "s" : "");
}
