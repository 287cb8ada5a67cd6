/*
 * tests/host/stubs.c: host stand-ins for what the kernel sources under test get from
 * the rest of the kernel: printk, which here appends to a buffer the tests read back;
 * BUG() and panic(), which print what the kernel's would and then end the test, or
 * return to the EXPECT_BUG() that expected them; and the linker-made bounds of the
 * __setup table, empty on the host.
 */
#include <stdio.h>

#include "kapi.h"
#include "test.h"

#include <kspace/fault-inject.h>
#include <kspace/stacktrace.h>

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

jmp_buf *bug_trap;

/* The kernel would stop here: unwind to an EXPECT_BUG, or fail the test with the log's end. */
static __noreturn void host_die(void)
{
	jmp_buf *trap = bug_trap;
	size_t len = strlen(log_text);

	if (trap) {
		bug_trap = NULL;
		longjmp(*trap, 1);
	}
	test_fail("kernel", 0, "unexpected BUG or panic: ...%s", log_text + (len > 400 ? len - 400 : 0));
	test_finish();
}

void __bug(const char *file, int line, const char *cond)
{
	printk(KERN_EMERG "kernel BUG at %s:%d!%s%s\n", file, line, cond ? " " : "", cond ? cond : "");
	host_die();
}

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	host_die();
}

/* mm/page_alloc.c asks the fault injector (kernel/fault_inject.c): never on the host. */
struct fault_attr fail_page_alloc;
bool fail_page_alloc_highmem;

bool should_fail(struct fault_attr *attr, unsigned long size)
{
	(void)attr;
	(void)size;
	return false;
}

/* Reports print a call trace in the kernel; the host has none to print. */
void dump_stack(void)
{
}
