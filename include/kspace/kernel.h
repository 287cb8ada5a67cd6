/* Arithmetic helpers, panic() and the power-off entry points every subsystem may call. */
#ifndef KSPACE_KERNEL_H
#define KSPACE_KERNEL_H

#include <kspace/compiler.h>
#include <kspace/types.h>

#ifndef INT_MAX /* host unit tests have <limits.h> */
#define INT_MAX ((int)(~0U >> 1))
#define INT_MIN (-INT_MAX - 1)
#define LONG_MAX ((long)(~0UL >> 1))
#endif
#define S64_MAX ((s64)(~0ULL >> 1))

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

#define ALIGN(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))

#define KB(x) ((x) << 10)
#define MB(x) ((x) << 20)

__noreturn __printf(1, 2) void panic(const char *fmt, ...);

/* Set once panic() has started; consoles then stop taking locks and tests stop. */
extern int oops_in_progress;

/*
 * Power off with an exit status (0..255, as init's), or EXIT_PANIC for a kernel death.
 * Under QEMU with isa-debug-exit this ends QEMU (see arch/x86/kernel/reboot.c).
 */
#define EXIT_PANIC (-1)
__noreturn void machine_power_off(int status);

#endif
