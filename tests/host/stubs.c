/*
 * tests/host/stubs.c: host stand-ins for what the kernel sources under test get from
 * the rest of the kernel: printk, which here appends to a buffer the tests read back,
 * and the linker-made bounds of the __setup table, empty on the host.
 */
#include <stdio.h>

#include "kapi.h"

static char log_text[1 << 16];
static size_t log_len;

int vprintk(const char *fmt, va_list args)
{
	size_t room = sizeof(log_text) - log_len;
	int n = vsnprintf(log_text + log_len, room, fmt, args);

	if (n > 0)
		log_len += (size_t)n < room ? (size_t)n : room - 1;
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

const char *printk_output(void)
{
	return log_text;
}

void printk_clear(void)
{
	log_len = 0;
	log_text[0] = '\0';
}

/* parse_kernel_params() walks [__setup_start, __setup_end): the same address here. */
const struct kernel_param __setup_start[0];
extern const struct kernel_param __setup_end[0] __attribute__((alias("__setup_start")));
