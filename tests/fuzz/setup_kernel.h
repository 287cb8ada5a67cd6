/*
 * tests/fuzz/setup_kernel.h: what the setup harness reads and resets in the kernel
 * sources it links (tests/fuzz/setup_*_kernel.c each include one of them, as
 * params_kernel.c does): the settings their __setup handlers keep in static
 * variables, back to their boot-time values between inputs.
 */
#ifndef FUZZ_SETUP_KERNEL_H
#define FUZZ_SETUP_KERNEL_H

/* kernel/printk.c: the console= names, as many as were taken. */
void fuzz_printk_reset(void);
int fuzz_wanted_consoles(const char (**names)[16]);

/* kernel/selftest.c: the selftest= prefix and the crash= name; NULL when not given. */
void fuzz_selftest_reset(void);
const char *fuzz_selftest_filter(void);
const char *fuzz_crash_kind(void);
bool fuzz_crashtest_exists(const char *name);

/* kernel/main.c: the program init= names. */
void fuzz_main_reset(void);
const char *fuzz_init_filename(void);

/* kernel/fault_inject.c: fail_task= and the PRNG's state. */
void fuzz_fault_inject_reset(void);
const char *fuzz_fail_comm(void);
unsigned int fuzz_prng_state(void);

/* kernel/bench.c */
void fuzz_bench_reset(void);

#endif
