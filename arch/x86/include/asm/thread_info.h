/* The kernel stack: THREAD_SIZE bytes, aligned to THREAD_SIZE so esp finds its base. */
#ifndef ASM_THREAD_INFO_H
#define ASM_THREAD_INFO_H

#define THREAD_SIZE 8192

#ifndef __ASSEMBLER__
/* The boot CPU's stack, set up by head.asm; later the idle task's. */
extern unsigned char init_thread_union[THREAD_SIZE];
#endif

#endif
