/*
 * In-kernel benchmarks (kernel/bench.c), run by the "bench" boot. A benchmark runs
 * its operation a number of times and returns that number (0: it cannot run on this
 * machine, e.g. without HighMem); the runner prints the
 * cycle-counter ticks per operation. Under QEMU -icount shift=0 a tick is one guest
 * instruction, so the figures are exact and repeatable.
 *
 *   BENCH(page_alloc_order0) { for (...) { ... } return n; }
 */
#ifndef KSPACE_BENCH_H
#define KSPACE_BENCH_H

#include <kspace/compiler.h>
#include <kspace/types.h>

struct benchmark {
	const char *name;
	unsigned long (*fn)(void);
};

#define BENCH(name)                                                                  \
	static unsigned long bench_##name(void);                                    \
	static const struct benchmark __bench_##name __used __section(".benches") = { \
		#name, bench_##name                                                 \
	};                                                                           \
	static unsigned long bench_##name(void)

bool bench_requested(void);
void run_benchmarks(void);

#endif
