/*
 * setjmp.h: non-local jumps, with glibc's i386 jmp_buf: ebx, esi, edi, ebp, esp and
 * the return address, then whether the signal mask was saved, and the mask.
 * setjmp does not save the mask (glibc's default); sigsetjmp(env, 1) does, and
 * siglongjmp restores it: the way out of a signal handler.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

#include <signal.h>

typedef int __jmp_buf[6];

struct __jmp_buf_tag {
	__jmp_buf __jmpbuf;
	int __mask_was_saved;
	sigset_t __saved_mask;
};

typedef struct __jmp_buf_tag jmp_buf[1];
typedef struct __jmp_buf_tag sigjmp_buf[1];

int setjmp(jmp_buf env);
int _setjmp(struct __jmp_buf_tag env[1]);
int __sigsetjmp(struct __jmp_buf_tag env[1], int savemask);
#define sigsetjmp(env, savemask) __sigsetjmp(env, savemask)
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);
__attribute__((noreturn)) void _longjmp(struct __jmp_buf_tag env[1], int val);
__attribute__((noreturn)) void siglongjmp(sigjmp_buf env, int val);

#endif
