/* tests/fuzz/setup_bench_kernel.c: kernel/bench.c, with "bench" reset. */
#include "../../kernel/bench.c"
#include "setup_kernel.h"

void fuzz_bench_reset(void)
{
	bench_enabled = false;
}
