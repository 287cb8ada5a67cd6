/*
 * arch/x86/include/uapi/asm/sigcontext.h: what a signal frame holds on Linux/i386: the
 * interrupted registers (struct sigcontext) and the FPU state (struct _fpstate), laid
 * out exactly as Linux lays them out, because programs read and write them.
 */
#ifndef _UAPI_ASM_X86_SIGCONTEXT_H
#define _UAPI_ASM_X86_SIGCONTEXT_H

#define X86_FXSR_MAGIC 0x0000 /* _fpstate.magic: the FXSR area below is valid */
#define X86_FPSTATE_FSAVE_ONLY 0xffff /* _fpstate.magic: only the fnsave part is */

struct _fpreg {
	unsigned short significand[4];
	unsigned short exponent;
};

struct _fpxreg {
	unsigned short significand[4];
	unsigned short exponent;
	unsigned short padding[3];
};

struct _xmmreg {
	unsigned int element[4];
};

/* The fnsave image (112 bytes), then the fxsave image from _fxsr_env on (512 bytes). */
struct _fpstate {
	unsigned int cw, sw, tag, ipoff, cssel, dataoff, datasel;
	struct _fpreg _st[8];
	unsigned short status; /* the status word at the time of the signal */
	unsigned short magic;
	unsigned int _fxsr_env[6];
	unsigned int mxcsr;
	unsigned int reserved;
	struct _fpxreg _fxsr_st[8];
	struct _xmmreg _xmm[8];
	unsigned int padding1[44];
	unsigned int padding2[12]; /* the fxsave image's software-available bytes */
};

struct sigcontext {
	unsigned short gs, __gsh;
	unsigned short fs, __fsh;
	unsigned short es, __esh;
	unsigned short ds, __dsh;
	unsigned long edi, esi, ebp, esp, ebx, edx, ecx, eax;
	unsigned long trapno, err, eip;
	unsigned short cs, __csh;
	unsigned long eflags, esp_at_signal;
	unsigned short ss, __ssh;
	struct _fpstate *fpstate; /* NULL: the FPU was not in use */
	unsigned long oldmask;    /* the first word of the blocked mask to restore */
	unsigned long cr2;
};

#endif
