/*
 * tests/fuzz/setup_main_kernel.c: kernel/main.c, with init= read and reset. Only
 * init_setup() is reached: the harness links with --gc-sections, so start_kernel()
 * and what it calls, which the host does not have, are dropped.
 */
#include "../../kernel/main.c"
#include "setup_kernel.h"

void fuzz_main_reset(void)
{
	memset(init_buf, 0, sizeof(init_buf));
	init_filename = "/sbin/init";
}

const char *fuzz_init_filename(void)
{
	return init_filename;
}
