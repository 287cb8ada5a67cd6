/* The TSC's rate, measured at boot (arch/x86/kernel/tsc.c); 0 without a TSC. */
#ifndef ASM_TSC_H
#define ASM_TSC_H

extern unsigned int tsc_khz;

void tsc_init(void);

#endif
