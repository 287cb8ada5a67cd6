/*
 * tests/fuzz/setup_section.h: force-included (host only) into the kernel sources the
 * setup harness links. The kernel's __setup puts its entries in ".init.setup", which
 * the kernel's linker script bounds; on the host the section gets a C-identifier name
 * instead, so the linker makes __start_fuzz_setup and __stop_fuzz_setup for it, and
 * AddressSanitizer leaves such sections without red zones, as an array must be.
 * retain keeps the entries when the harness's link drops unreferenced sections.
 */
#include <kspace/init.h>

#undef __setup
#define __setup(str, fn)                                                      \
	static const struct kernel_param __setup_##fn __used __attribute__((retain)) \
		__section("fuzz_setup") = { str, fn }

/* The crash tests crash=NAME looks up: the same renaming, and the bounds' names mapped. */
#include <kspace/selftest.h>

#undef CRASHTEST
#define CRASHTEST(name)                                                               \
	static void crash_##name(void);                                               \
	static const struct crashtest __ct_##name __used __attribute__((retain)) __section("fuzz_crashtests") = { \
		#name, crash_##name                                                   \
	};                                                                            \
	static __noinline void crash_##name(void)
#define __crashtests_start __start_fuzz_crashtests
#define __crashtests_end __stop_fuzz_crashtests
