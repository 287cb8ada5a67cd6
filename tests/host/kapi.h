/*
 * tests/host/kapi.h: the kernel API as host tests see it. The kernel's libc-named
 * functions are declared under their k names (kernel_names.h); after this header the
 * plain names are the C library's again. Also declares the host stand-ins (stubs.c).
 */
#ifndef HOST_KAPI_H
#define HOST_KAPI_H

#include <setjmp.h>

#include "kernel_names.h"

#undef __always_inline /* glibc's sys/cdefs.h defines one too; the kernel's wins here */

#include <kspace/bug.h>
#include <kspace/errno.h>
#include <kspace/init.h>
#include <kspace/kallsyms.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/seq_buf.h>
#include <kspace/string.h>

#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strstr
#undef strlcpy
#undef vsnprintf
#undef snprintf
#undef scnprintf

/* Everything printk'd since the last printk_clear(), level prefixes included. */
const char *printk_output(void);
void printk_clear(void);

/* Where BUG() and panic() return to when a test expects them; NULL: they fail the test. */
extern jmp_buf *bug_trap;

/*
 * Run stmt, which must end in BUG() or panic() with text in what it printk'd: a check
 * that misuse is caught, and caught for the right reason. The log is cleared first.
 */
#define EXPECT_BUG(stmt, text)                                                        \
	do {                                                                          \
		jmp_buf trap_;                                                        \
		printk_clear();                                                       \
		bug_trap = &trap_;                                                    \
		if (!setjmp(trap_)) {                                                 \
			stmt;                                                         \
			bug_trap = NULL;                                              \
			EXPECT_MSG(0, "%s returned: no BUG", #stmt);                  \
		}                                                                     \
		EXPECT_MSG(strstr(printk_output(), text), "%s: BUG without \"%s\": %s", \
			   #stmt, text, printk_output());                             \
	} while (0)

#endif
