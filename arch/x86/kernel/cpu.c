/*
 * arch/x86/kernel/cpu.c: what each CPU is and can do. boot_cpu_data is the boot CPU's,
 * read first and used for feature checks (cpu_has); cpu_data(cpu) is each CPU's own,
 * filled by smp_store_cpu_info() on that CPU, and shown in /proc/cpuinfo. A 486 may
 * lack CPUID entirely; the kernel then assumes no PSE, PGE or TSC and uses none of them.
 */
#include <asm/processor.h>
#include <asm/tsc.h>
#include <kspace/printk.h>
#include <kspace/proc_fs.h>
#include <kspace/seq_buf.h>
#include <kspace/string.h>

#define X86_EFLAGS_AC (1u << 18) /* writable from the 486 on */
#define X86_EFLAGS_ID (1u << 21) /* writable when CPUID exists */

struct cpuinfo_x86 boot_cpu_data;

static bool eflags_bit_toggles(u32 bit)
{
	u32 before, after;

	__asm__ __volatile__("pushfl\n\t"
			     "pushfl\n\t"
			     "popl %0\n\t"
			     "movl %0, %1\n\t"
			     "xorl %2, %1\n\t"
			     "pushl %1\n\t"
			     "popfl\n\t"
			     "pushfl\n\t"
			     "popl %1\n\t"
			     "popfl"
			     : "=&r"(before), "=&r"(after)
			     : "ir"(bit));
	return (before ^ after) & bit;
}

/* The brand string of CPUID 0x80000002..4, or "unknown" as Linux says without one. */
static void read_model_id(struct cpuinfo_x86 *c)
{
	u32 max, regs[12];

	strlcpy(c->model_id, "unknown", sizeof(c->model_id));
	if (!c->has_cpuid)
		return;
	cpuid(0x80000000, &max, &regs[0], &regs[1], &regs[2]);
	if (max < 0x80000004 || max > 0x8000ffff) /* CPUs without the leaves echo garbage */
		return;
	for (u32 i = 0; i < 3; i++)
		cpuid(0x80000002 + i, &regs[4 * i], &regs[4 * i + 1], &regs[4 * i + 2], &regs[4 * i + 3]);
	memcpy(c->model_id, regs, 48);
	c->model_id[48] = '\0';
}

static int count_order(u32 n) /* log2 rounded up: the APIC-id bits n things take */
{
	int order = 0;

	while ((1u << order) < n)
		order++;
	return order;
}

/*
 * Linux's detect_ht() for CPUs without leaf 0xb: the initial APIC id is package bits,
 * then core bits, then thread bits; leaf 1 gives the logical CPUs per package (with HT)
 * and Intel's leaf 4 the cores per package.
 */
static void detect_topology(struct cpuinfo_x86 *c, u32 ebx)
{
	u32 a, b, cx, d;
	int threads;

	c->x86_max_cores = 1;
	c->x86_siblings = 1;
	if (c->cpuid_level >= 4 && !strcmp(c->vendor, "GenuineIntel")) {
		cpuid(4, &a, &b, &cx, &d);
		if (a & 0x1f)
			c->x86_max_cores = (a >> 26) + 1;
	}
	if (c->features & (1u << X86_FEATURE_HT) && ((ebx >> 16) & 0xff) > 1)
		c->x86_siblings = (ebx >> 16) & 0xff;
	if (c->x86_max_cores > c->x86_siblings)
		c->x86_max_cores = c->x86_siblings;
	threads = c->x86_siblings / c->x86_max_cores;
	c->phys_proc_id = c->initial_apicid >> count_order(c->x86_siblings);
	c->cpu_core_id = (c->initial_apicid >> count_order(threads)) &
			 ((1u << count_order(c->x86_max_cores)) - 1);
}

/* Fill c from CPUID on the CPU running this. */
static void identify_cpu(struct cpuinfo_x86 *c)
{
	u32 a, b, d, cx;

	memset(c, 0, sizeof(*c));
	c->cpuid_level = -1;
	c->x86_max_cores = c->x86_siblings = 1;
	c->has_cpuid = eflags_bit_toggles(X86_EFLAGS_ID);
	if (!c->has_cpuid) {
		c->family = eflags_bit_toggles(X86_EFLAGS_AC) ? 4 : 3;
		strlcpy(c->vendor, "unknown", sizeof(c->vendor));
		strlcpy(c->model_id, "unknown", sizeof(c->model_id));
		return;
	}
	cpuid(0, &a, &b, &cx, &d);
	c->cpuid_level = a;
	memcpy(c->vendor, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &cx, 4);
	c->vendor[12] = '\0';
	read_model_id(c);
	if (c->cpuid_level < 1) { /* CPUID without leaf 1: nothing known beyond the vendor */
		c->family = 4;
		return;
	}
	cpuid(1, &a, &b, &cx, &d);
	c->family = (a >> 8) & 0xf;
	c->model = (a >> 4) & 0xf;
	c->stepping = a & 0xf;
	c->features = d;
	c->initial_apicid = c->apicid = b >> 24;
	detect_topology(c, b);
}

void cpu_detect(void)
{
	identify_cpu(&boot_cpu_data);
}

DEFINE_PER_CPU(struct cpuinfo_x86, cpu_info);

void smp_store_cpu_info(int cpu)
{
	struct cpuinfo_x86 *c = &per_cpu(cpu_info, cpu);

	identify_cpu(c);
	c->cpu_index = cpu;
}

static const char *const feature_names[32] = { /* CPUID.1:EDX, as Linux names them */
	"fpu",  "vme",  "de",   "pse",    "tsc",  "msr",  "pae",  "mce",   "cx8",  "apic", NULL,
	"sep",  "mtrr", "pge",  "mca",    "cmov", "pat",  "pse36", "pn",   "clflush", NULL, "dts",
	"acpi", "mmx",  "fxsr", "sse",    "sse2", "ss",   "ht",   "tm",    "ia64", "pbe",
};

void print_cpu_info(void)
{
	const struct cpuinfo_x86 *c = &boot_cpu_data;

	if (!c->has_cpuid) {
		pr_info("CPU: no CPUID instruction (an early %s86)\n", c->family == 4 ? "4" : "3");
	} else {
		pr_info("CPU: %s family %d model %d stepping %d\n", c->vendor, c->family, c->model,
			c->stepping);
		pr_info("CPU: flags:");
		for (int i = 0; i < 32; i++)
			if (cpu_has(i) && feature_names[i])
				pr_cont(" %s", feature_names[i]);
		pr_cont("\n");
	}
	pr_info("CPU: CPUID %s, PSE %s, PGE %s, TSC %s\n", c->has_cpuid ? "yes" : "no",
		cpu_has(X86_FEATURE_PSE) ? "yes" : "no", cpu_has(X86_FEATURE_PGE) ? "yes" : "no",
		cpu_has(X86_FEATURE_TSC) ? "yes" : "no");
}

/* Online CPUs in c's package, and distinct cores among them: siblings and cpu cores. */
static void package_counts(const struct cpuinfo_x86 *c, int *siblings, int *cores)
{
	u32 core_seen = 0;
	int cpu;

	*siblings = *cores = 0;
	for_each_online_cpu(cpu) {
		const struct cpuinfo_x86 *o = &cpu_data(cpu);

		if (o->phys_proc_id != c->phys_proc_id)
			continue;
		(*siblings)++;
		if (o->cpu_core_id < 32 && !(core_seen & (1u << o->cpu_core_id))) {
			core_seen |= 1u << o->cpu_core_id;
			(*cores)++;
		}
	}
}

static void cpuinfo_render_one(struct seq_buf *s, const struct cpuinfo_x86 *c)
{
	bool fpu = c->features & (1u << X86_FEATURE_FPU);
	int siblings, cores;

	package_counts(c, &siblings, &cores);
	seq_buf_printf(s, "processor\t: %d\nvendor_id\t: %s\ncpu family\t: %d\nmodel\t\t: %d\n",
		       c->cpu_index, c->vendor, c->family, c->model);
	seq_buf_printf(s, "model name\t: %s\nstepping\t: %d\n", c->model_id, c->stepping);
	if (tsc_khz)
		seq_buf_printf(s, "cpu MHz\t\t: %u.%03u\n", tsc_khz / 1000, tsc_khz % 1000);
	seq_buf_printf(s, "physical id\t: %d\nsiblings\t: %d\ncore id\t\t: %d\ncpu cores\t: %d\n",
		       c->phys_proc_id, siblings, c->cpu_core_id, cores);
	seq_buf_printf(s, "apicid\t\t: %u\ninitial apicid\t: %u\n", c->apicid, c->initial_apicid);
	seq_buf_printf(s, "fdiv_bug\t: no\nf00f_bug\t: no\ncoma_bug\t: no\n");
	seq_buf_printf(s, "fpu\t\t: %s\nfpu_exception\t: %s\ncpuid level\t: %d\nwp\t\t: yes\nflags\t\t:",
		       fpu ? "yes" : "no", fpu ? "yes" : "no", c->cpuid_level);
	for (int i = 0; i < 32; i++)
		if (c->features & (1u << i) && feature_names[i])
			seq_buf_printf(s, " %s", feature_names[i]);
	seq_buf_printf(s, "\n");
	if (tsc_khz) /* loops_per_jiffy is the TSC's ticks per jiffy */
		seq_buf_printf(s, "bogomips\t: %u.%02u\n", tsc_khz / 500, (tsc_khz / 5) % 100);
	seq_buf_printf(s, "\n");
}

/* /proc/cpuinfo: every online CPU, in Linux's layout (arch/x86/kernel/cpu/proc.c). */
void cpuinfo_render(struct seq_buf *s)
{
	int cpu;

	for_each_online_cpu(cpu)
		cpuinfo_render_one(s, &cpu_data(cpu));
}
