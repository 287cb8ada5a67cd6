/* tests/fuzz/setup_fault_inject_kernel.c: kernel/fault_inject.c, its boot settings read and reset. */
#include "../../kernel/fault_inject.c"
#include "setup_kernel.h"

void fuzz_fault_inject_reset(void)
{
	fail_page_alloc = (struct fault_attr){ .name = "fail_page_alloc", .interval = 1, .times = -1 };
	failslab = (struct fault_attr){ .name = "failslab", .interval = 1, .times = -1 };
	memset(fail_comm, 0, sizeof(fail_comm));
	fail_page_alloc_highmem = false;
	prng_state = 2463534242u;
}

const char *fuzz_fail_comm(void)
{
	return fail_comm;
}

unsigned int fuzz_prng_state(void)
{
	return prng_state;
}
