/*
 * tests/fuzz/arch/asm/thread_info.h: the kernel's asm/thread_info.h for the setup
 * harness, whose kernel sources run on a 64-bit host: the i386 "movl %esp" that finds
 * the current thread cannot be assembled there, so current_thread_info() is only
 * declared: no handler calls it, and the code that does is dropped at link.
 */
#ifndef FUZZ_ASM_THREAD_INFO_H
#define FUZZ_ASM_THREAD_INFO_H

#define current_thread_info current_thread_info_i386
#include_next <asm/thread_info.h>
#undef current_thread_info

struct thread_info *current_thread_info(void);

#endif
