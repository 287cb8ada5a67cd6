/*
 * kernel/bench.c: the "bench" boot. Each BENCH() runs once to warm up (first-touch
 * costs such as lazily initialised struct pages are not what it measures), then
 * again for real; its BENCH_TIME'd loop is printed as ticks per operation.
 */
#include <asm/timex.h>
#include <kspace/bench.h>
#include <kspace/init.h>
#include <kspace/printk.h>

extern const struct benchmark __benches_start[], __benches_end[];

static bool bench_enabled;

static int bench_setup(const char *value)
{
	(void)value;
	bench_enabled = true;
	return 0;
}
__setup("bench", bench_setup);

bool bench_requested(void)
{
	return bench_enabled;
}

void run_benchmarks(void)
{
	if (!has_cycle_counter()) {
		pr_err("bench: this CPU has no TSC to count with\n");
		return;
	}
	for (const struct benchmark *b = __benches_start; b < __benches_end; b++) {
		cycles_t t = 0;
		unsigned long n;

		b->fn(&t);
		n = b->fn(&t);

		if (!n) {
			printk(KERN_INFO "bench: %-28s not applicable on this machine\n", b->name);
			continue;
		}
		printk(KERN_INFO "bench: %-28s %8llu per op (%lu ops)\n", b->name, t / n, n);
	}
}
