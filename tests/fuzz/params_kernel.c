/*
 * tests/fuzz/params_kernel.c: kernel/params.c itself, compiled as a kernel source,
 * with the two things the harness needs that the file keeps static: its words-for-init
 * buffer emptied between inputs (at boot it is used once), and pass_to_init as the
 * handler of unclaimed words, the way parse_kernel_params() passes it.
 */
#include "../../kernel/params.c"

void fuzz_params_reset(void)
{
	memset(argv_init, 0, sizeof(argv_init));
	memset(envp_init + 3, 0, sizeof(envp_init) - 3 * sizeof(envp_init[0])); /* keep the defaults */
	init_words_len = 0;
}

void fuzz_parse_args(char *cmdline, const struct kernel_param *start, const struct kernel_param *end)
{
	parse_args(cmdline, start, end, pass_to_init);
}
