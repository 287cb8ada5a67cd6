/*
 * The FPU (arch/x86/kernel/fpu.c). Every task has its own x87/SSE registers: the
 * switch saves the outgoing task's into its thread_struct and loads the incoming
 * one's (eagerly: simple, and correct whatever either task does). The kernel itself
 * never uses the FPU, so between switches the registers are the current task's.
 * A signal frame carries them too (struct _fpstate), so a handler that computes in
 * floating point leaves the interrupted code's registers as they were.
 */
#ifndef ASM_FPU_H
#define ASM_FPU_H

#include <asm/processor.h>
#include <asm/uaccess.h>
#include <kspace/jump_label.h>

struct _fpstate;

void fpu__init(void);                      /* CR0/CR4 for the FPU and SSE, at boot */
void fpu__init_cpu(void);                  /* the same control bits on one more CPU */
void fpu_init_state(union fpu_state *fpu); /* the state after fninit, in either format */
extern bool fpu_has_sse;                   /* the XMM registers, for large user copies */

/*
 * fpu_fnsave: the CPU has no fxsave (a 486 or the first Pentiums), so the 387's
 * fnsave/frstor image is used. A static key, set by fpu__init() on the boot CPU:
 * every context switch tests it.
 */
DECLARE_STATIC_KEY_FALSE(fpu_fnsave);

static __always_inline bool fpu_use_fxsr(void)
{
	return !static_branch_unlikely(&fpu_fnsave);
}

/* The live registers into fpu. Inline: every context switch runs it. */
static inline void fpu_save(union fpu_state *fpu)
{
	if (fpu_use_fxsr())
		__asm__ __volatile__("fxsave %0" : "=m"(*fpu));
	else /* fnsave also reinitialises the FPU: load the state back */
		__asm__ __volatile__("fnsave %0\n\tfrstor %0" : "+m"(*fpu));
}

static inline void fpu_restore(const union fpu_state *fpu)
{
	if (fpu_use_fxsr())
		__asm__ __volatile__("fxrstor %0" ::"m"(*fpu));
	else /* frstor waits: a pending unmasked exception would raise #MF here */
		__asm__ __volatile__("fnclex\n\tfrstor %0" ::"m"(*fpu));
}
void fpu_reset(void);                      /* the live registers to the initial state */

/* A task switch: the outgoing task's registers saved, the incoming one's loaded. */
static inline void fpu_switch(union fpu_state *prev, const union fpu_state *next)
{
	if (fpu_use_fxsr()) {
		__asm__ __volatile__("fxsave %0" : "=m"(*prev));
		__asm__ __volatile__("fxrstor %0" ::"m"(*next));
	} else {
		__asm__ __volatile__("fnsave %0" : "=m"(*prev)); /* it leaves no exception pending */
		__asm__ __volatile__("frstor %0" ::"m"(*next));
	}
}

/* Bytes a signal frame reserves for the FPU state, and its alignment. */
unsigned long fpu_sigframe_size(void);
/* The live state into the frame's _fpstate (and fxsave image); 0 or -EFAULT. */
int fpu_save_sigframe(struct _fpstate __user *buf);
/* Load the state a handler left in the frame; NULL means the initial state. */
int fpu_restore_sigframe(const struct _fpstate __user *buf);

#endif
