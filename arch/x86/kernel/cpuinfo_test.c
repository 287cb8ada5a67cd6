/*
 * arch/x86/kernel/cpuinfo_test.c: cpu_data and /proc/cpuinfo. Every online CPU has
 * a block with Linux's fields, numbered in order, and the boot CPU's APIC id is the
 * one the firmware tables put first.
 */
#include <asm/mpspec.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <kspace/cpumask.h>
#include <kspace/proc_fs.h>
#include <kspace/selftest.h>
#include <kspace/seq_buf.h>
#include <kspace/string.h>

static const char *const cpuinfo_fields[] = {
	"processor\t: ",   "vendor_id\t: ",   "cpu family\t: ", "model\t\t: ",    "model name\t: ",
	"stepping\t: ",    "physical id\t: ", "siblings\t: ",   "core id\t\t: ",  "cpu cores\t: ",
	"apicid\t\t: ",    "initial apicid\t: ", "fpu\t\t: ",   "cpuid level\t: ", "flags\t\t:",
};

/* How many lines of text start with prefix. */
static int count_lines(const char *text, const char *prefix)
{
	int n = 0;

	for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		n += !strncmp(p, prefix, strlen(prefix));
	return n;
}

SELFTEST(firmware_cpuinfo_every_online_cpu)
{
	static char buf[8192];
	char want[32];
	struct seq_buf s;
	int cpu, i = 0;

	seq_buf_init(&s, buf, sizeof(buf) - 1);
	cpuinfo_render(&s);
	buf[s.len] = '\0';
	for (unsigned int f = 0; f < ARRAY_SIZE(cpuinfo_fields); f++)
		EXPECT(count_lines(buf, cpuinfo_fields[f]) == num_online_cpus());
	/* With a TSC, its measured rate; without one, neither line. */
	EXPECT(count_lines(buf, "cpu MHz\t\t: ") == (tsc_khz ? num_online_cpus() : 0));
	EXPECT(count_lines(buf, "bogomips\t: ") == (tsc_khz ? num_online_cpus() : 0));
	EXPECT(!cpu_has(X86_FEATURE_TSC) || tsc_khz > 1000); /* a TSC slower than 1 MHz: a bad measurement */
	for_each_online_cpu(cpu) {
		snprintf(want, sizeof(want), "processor\t: %d\n", cpu);
		EXPECT(strstr(buf, want));
		EXPECT(cpu_data(cpu).cpu_index == cpu);
		i++;
	}
	EXPECT(i == num_online_cpus());
	return 0;
}

SELFTEST(firmware_cpu_data_boot_cpu)
{
	const struct cpuinfo_x86 *c = &cpu_data(0);

	EXPECT(!strcmp(c->vendor, boot_cpu_data.vendor) && c->family == boot_cpu_data.family);
	EXPECT(c->features == boot_cpu_data.features);
	EXPECT(c->x86_max_cores >= 1 && c->x86_siblings >= c->x86_max_cores);
	if (cpu_has(X86_FEATURE_APIC) && mp_config.source)
		EXPECT(c->apicid == mp_config.cpu_apicid[0]);
	return 0;
}
