/*
 * In-kernel self-tests, run by the "selftest" boot (kernel/selftest.c). A test is a
 * function returning 0 on success; EXPECT() reports the first failed condition, and
 * SKIP() says why the test cannot run on this machine (no HighMem zone, say).
 * The harness reads the "selftest: PASS name" / "selftest: FAIL name" lines.
 *
 *   SELFTEST(printk_ring_buffer) { ...; EXPECT(x == 1); return 0; }
 */
#ifndef KSPACE_SELFTEST_H
#define KSPACE_SELFTEST_H

#include <kspace/compiler.h>
#include <kspace/printk.h>

struct selftest {
	const char *name;
	int (*fn)(void);
};

/*
 * A crash test deliberately does something fatal ("crash=NAME" on the command line)
 * so the test harness can check the oops or BUG it produces. The function is named
 * crash_NAME, which is the symbol the oops must name.
 */
struct crashtest {
	const char *name;
	void (*fn)(void);
};

#define CRASHTEST(name)                                                               \
	static void crash_##name(void);                                               \
	static const struct crashtest __ct_##name __used __section(".crashtests") = { \
		#name, crash_##name                                                   \
	};                                                                            \
	static __noinline void crash_##name(void)

#define SELFTEST(name)                                                              \
	static int name(void);                                                      \
	static const struct selftest __st_##name __used __section(".selftests") = { \
		#name, name                                                         \
	};                                                                          \
	static int name(void)

#define EXPECT(cond)                                                                       \
	do {                                                                               \
		if (!(cond)) {                                                             \
			printk(KERN_ERR "selftest: %s:%d: expected %s\n", __FILE__, __LINE__, \
			       #cond);                                                     \
			return -1;                                                         \
		}                                                                          \
	} while (0)

#define SELFTEST_SKIPPED 1
#define SKIP(why)                                                          \
	do {                                                               \
		printk(KERN_INFO "selftest: %s: %s\n", __func__, why);     \
		return SELFTEST_SKIPPED;                                   \
	} while (0)

/* Run the tests selected on the command line; returns the number that failed. */
int run_selftests(void);

/* Whether the command line asked for self-tests or a deliberate crash. */
bool selftest_requested(void);
void run_crashtest(void);

#endif
