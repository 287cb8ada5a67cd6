/* get_cycles(): a cycle counter for measurements; the TSC, or 0 where there is none. */
#ifndef ASM_TIMEX_H
#define ASM_TIMEX_H

#include <asm/processor.h>

typedef u64 cycles_t;

static inline bool has_cycle_counter(void) { return cpu_has(X86_FEATURE_TSC); }
static inline cycles_t get_cycles(void) { return has_cycle_counter() ? rdtsc() : 0; }

#endif
