/* tests/fuzz/setup_printk_kernel.c: kernel/printk.c, with its console= settings read and reset. */
#include "../../kernel/printk.c"
#include "setup_kernel.h"

void fuzz_printk_reset(void)
{
	console_loglevel = DEFAULT_CONSOLE_LOGLEVEL;
	memset(wanted_consoles, 0, sizeof(wanted_consoles));
	nr_wanted_consoles = 0;
}

int fuzz_wanted_consoles(const char (**names)[16])
{
	*names = wanted_consoles;
	return nr_wanted_consoles;
}
