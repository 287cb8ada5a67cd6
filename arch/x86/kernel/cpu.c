/*
 * arch/x86/kernel/cpu.c: what the boot CPU is and can do. A 486 may lack CPUID
 * entirely; the kernel then assumes no PSE, PGE or TSC and uses none of them.
 */
#include <asm/processor.h>
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

void cpu_detect(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	u32 max_leaf, a, b, d, cx;

	c->has_cpuid = eflags_bit_toggles(X86_EFLAGS_ID);
	if (!c->has_cpuid) {
		c->family = eflags_bit_toggles(X86_EFLAGS_AC) ? 4 : 3;
		strlcpy(c->vendor, "unknown", sizeof(c->vendor));
		return;
	}
	cpuid(0, &max_leaf, &b, &cx, &d);
	memcpy(c->vendor, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &cx, 4);
	c->vendor[12] = '\0';
	if (max_leaf < 1) { /* CPUID without leaf 1: nothing known beyond the vendor */
		c->family = 4;
		return;
	}
	cpuid(1, &a, &b, &cx, &d);
	c->family = (a >> 8) & 0xf;
	c->model = (a >> 4) & 0xf;
	c->stepping = a & 0xf;
	c->features = d;
}

static const char *const feature_names[32] = {
	[X86_FEATURE_FPU] = "fpu", [X86_FEATURE_VME] = "vme",   [X86_FEATURE_DE] = "de",
	[X86_FEATURE_PSE] = "pse", [X86_FEATURE_TSC] = "tsc",   [X86_FEATURE_MSR] = "msr",
	[X86_FEATURE_PAE] = "pae", [X86_FEATURE_CX8] = "cx8",   [X86_FEATURE_APIC] = "apic",
	[X86_FEATURE_SEP] = "sep", [X86_FEATURE_PGE] = "pge",   [X86_FEATURE_CMOV] = "cmov",
	[X86_FEATURE_PAT] = "pat", [X86_FEATURE_MMX] = "mmx",   [X86_FEATURE_FXSR] = "fxsr",
	[X86_FEATURE_SSE] = "sse", [X86_FEATURE_SSE2] = "sse2",
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

/* The brand string of CPUID 0x80000002..4, or "unknown" as Linux says without one. */
static void model_name(char name[49])
{
	u32 max, regs[12];

	strlcpy(name, "unknown", 49);
	if (!boot_cpu_data.has_cpuid)
		return;
	cpuid(0x80000000, &max, &regs[0], &regs[1], &regs[2]);
	if (max < 0x80000004)
		return;
	for (u32 i = 0; i < 3; i++)
		cpuid(0x80000002 + i, &regs[4 * i], &regs[4 * i + 1], &regs[4 * i + 2], &regs[4 * i + 3]);
	memcpy(name, regs, 48);
	name[48] = '\0';
}

/* /proc/cpuinfo for the one CPU, in Linux's layout (arch/x86/kernel/cpu/proc.c). */
void cpuinfo_render(struct seq_buf *s)
{
	const struct cpuinfo_x86 *c = &boot_cpu_data;
	char name[49];
	u32 level = 0, b, cx, d;

	model_name(name);
	if (c->has_cpuid)
		cpuid(0, &level, &b, &cx, &d);
	seq_buf_printf(s, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %d\nmodel\t\t: %d\n",
		       c->vendor, c->family, c->model);
	seq_buf_printf(s, "model name\t: %s\nstepping\t: %d\n", name, c->stepping);
	seq_buf_printf(s, "fpu\t\t: %s\nfpu_exception\t: %s\ncpuid level\t: %d\nwp\t\t: yes\nflags\t\t:",
		       cpu_has(X86_FEATURE_FPU) ? "yes" : "no", cpu_has(X86_FEATURE_FPU) ? "yes" : "no",
		       c->has_cpuid ? (int)level : -1);
	for (int i = 0; i < 32; i++)
		if (cpu_has(i) && feature_names[i])
			seq_buf_printf(s, " %s", feature_names[i]);
	seq_buf_printf(s, "\n\n");
}
