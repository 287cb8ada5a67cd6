/*
 * In-kernel benchmarks (kernel/bench.c), run by the "bench" boot. A benchmark sets
 * up what it needs, times only its loop with BENCH_TIME, and returns how many
 * operations the loop did (0: it cannot run on this machine, e.g. without HighMem);
 * the runner prints cycle-counter ticks per operation. Under QEMU -icount shift=0 a
 * tick is one guest instruction, so the figures are exact and repeatable.
 *
 *   BENCH(page_alloc_order0) { BENCH_TIME(for (...) { ... }); return n; }
 */
#ifndef KSPACE_BENCH_H
#define KSPACE_BENCH_H

#include <kspace/compiler.h>
#include <kspace/types.h>

#include <asm/timex.h>

struct benchmark {
	const char *name;
	unsigned long (*fn)(cycles_t *loop_cycles);
};

#define BENCH(name)                                                                  \
	static unsigned long bench_##name(cycles_t *loop_cycles);                   \
	static const struct benchmark __bench_##name __used __section(".benches") = { \
		#name, bench_##name                                                 \
	};                                                                           \
	static unsigned long bench_##name(cycles_t *loop_cycles)

/* Time the statement (the benchmark's loop) into the runner's counter. */
#define BENCH_TIME(stmt)                                   \
	do {                                               \
		cycles_t __t0 = get_cycles();              \
		stmt;                                      \
		*loop_cycles = get_cycles() - __t0;        \
	} while (0)

bool bench_requested(void);
void run_benchmarks(void);

#endif
