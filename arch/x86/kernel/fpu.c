/*
 * arch/x86/kernel/fpu.c: the FPU registers of each task (see asm/fpu.h), and their
 * form in a signal frame. With FXSR the frame's struct _fpstate holds both forms, as
 * Linux writes it: the 112-byte fnsave-style header (environment, the eight 80-bit
 * registers, status, magic 0x0000), then the fxsave image at byte 112, 16-byte
 * aligned. Without FXSR only the header, magic 0xffff. On sigreturn, as in Linux,
 * the header's environment and registers win over the fxsave image's copies, and
 * MXCSR bits the CPU does not support are cleared, since fxrstor would fault on them
 * in the kernel.
 */
#include <asm/fpu.h>
#include <uapi/asm/sigcontext.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/string.h>

#define FSAVE_SIZE 112  /* the header of struct _fpstate */
#define FXSAVE_SIZE 512
/* What fxrstor reads in 32-bit mode: the header, ST(0..7), XMM0..7; the rest is reserved. */
#define FXSAVE_USED_SIZE 288
#define MXCSR_DEFAULT 0x1f80 /* every SIMD exception masked, round to nearest */
#define FCW_DEFAULT 0x037f   /* the same for the x87: what fninit sets */

/* The fxsave image's fields that the conversions use. */
struct fxregs_state {
	u16 cwd, swd;
	u8 twd, reserved;
	u16 fop;
	u32 fip, fcs, foo, fos;
	u32 mxcsr, mxcsr_mask;
	struct {
		struct _fpreg reg;
		u16 padding[3];
	} st[8]; /* ST(0)..ST(7), 10 bytes used each */
	u8 rest[FXSAVE_SIZE - 160];
}; /* every field at its natural alignment: no padding, and no byte-wise copies */
_Static_assert(sizeof(struct fxregs_state) == FXSAVE_SIZE, "fxsave image layout");

/* The fnsave image, as the frame's header (and fnsave) lays it out. */
struct fregs_state {
	u32 cwd, swd, twd, fip, fcs, foo, fos;
	struct _fpreg st[8];
};
_Static_assert(sizeof(struct fregs_state) == 108, "fnsave image layout");

DEFINE_STATIC_KEY_FALSE(fpu_fnsave);
bool fpu_has_sse;
static union fpu_state init_fpstate; /* fpu_reset's image: static, so 16-byte aligned */
static u32 mxcsr_feature_mask = 0xffbf; /* without DAZ, unless the CPU says otherwise */

/* This CPU's control bits; every CPU sets its own (an AP from start_secondary). */
void fpu__init_cpu(void)
{
	write_cr0((read_cr0() & ~(X86_CR0_EM | X86_CR0_TS)) | X86_CR0_MP | X86_CR0_NE);
	if (fpu_use_fxsr())
		write_cr4(read_cr4() | X86_CR4_OSFXSR |
			  (cpu_has(X86_FEATURE_SSE) ? X86_CR4_OSXMMEXCPT : 0));
	__asm__ __volatile__("fninit");
}

void fpu__init(void)
{
	static union fpu_state probe;

	if (!cpu_has(X86_FEATURE_FXSR))
		static_branch_enable(&fpu_fnsave);
	fpu_has_sse = fpu_use_fxsr() && cpu_has(X86_FEATURE_SSE);
	fpu__init_cpu();
	if (fpu_use_fxsr()) {
		__asm__ __volatile__("fxsave %0" : "=m"(probe));
		if (((struct fxregs_state *)&probe)->mxcsr_mask)
			mxcsr_feature_mask = ((struct fxregs_state *)&probe)->mxcsr_mask;
	}
	__asm__ __volatile__("fninit");
	fpu_init_state(&init_fpstate);
	pr_info("FPU: %s, saved on every task switch\n",
		fpu_use_fxsr() ? "fxsave/fxrstor, SSE enabled (CR4.OSFXSR)" : "fnsave/frstor");
}

void fpu_init_state(union fpu_state *fpu)
{
	memset(fpu, 0, sizeof(*fpu));
	if (fpu_use_fxsr()) {
		struct fxregs_state *fx = (struct fxregs_state *)fpu->fxsave;

		fx->cwd = FCW_DEFAULT;
		fx->mxcsr = MXCSR_DEFAULT;
	} else {
		struct fregs_state *f = (struct fregs_state *)fpu->fsave;

		f->cwd = 0xffff0000 | FCW_DEFAULT;
		f->swd = 0xffff0000;
		f->twd = 0xffffffff; /* every register empty */
		f->fos = 0xffff0000;
	}
}

/* fnsave, unlike fxsave, also reinitialises the FPU: reload to leave it as it was. */
void fpu_reset(void)
{
	fpu_restore(&init_fpstate);
}

unsigned long fpu_sigframe_size(void)
{
	return fpu_use_fxsr() ? FSAVE_SIZE + FXSAVE_SIZE : FSAVE_SIZE;
}

/* fxsave straight into the frame: one instruction instead of a 512-byte copy. */
static bool fxsave_user(void __user *image)
{
	__asm__ goto("1:	fxsave %0\n" _ASM_EXTABLE(1b, %l[fault])
		     : : "m"(*(struct fxregs_state __user *)image) : "memory" : fault);
	return true;
fault:
	return false;
}

/*
 * fxrstor straight from the frame. It fails on a page that is not there, on an image
 * not 16-byte aligned (#GP) and on MXCSR bits the CPU lacks (#GP): the caller then
 * takes the careful way, a copy it can check.
 */
static bool fxrstor_user(const void __user *image)
{
	__asm__ goto("1:	fxrstor %0\n" _ASM_EXTABLE(1b, %l[fault])
		     : : "m"(*(const struct fxregs_state __user *)image) : : fault);
	return true;
fault:
	return false;
}

/*
 * frstor straight from the frame's header. It is a waiting instruction: an unmasked
 * exception the handler left pending would raise #MF here, in the kernel, so fnclex
 * first; the header brings its own status word.
 */
static bool frstor_user(const struct fregs_state __user *env)
{
	__asm__ goto("fnclex\n"
		     "1:	frstor %0\n" _ASM_EXTABLE(1b, %l[fault])
		     : : "m"(*env) : : fault);
	return true;
fault:
	return false;
}

/* fnsave straight into the frame's header; it also reinitialises the x87. */
static bool fnsave_user(struct fregs_state __user *env)
{
	__asm__ goto("1:	fnsave %0\n" _ASM_EXTABLE(1b, %l[fault])
		     : : "m"(*env) : "memory" : fault);
	return true;
fault:
	return false;
}

/* The reserved upper half of a header word: 0xffff, as Linux writes it. */
static int set_upper_half(unsigned int __user *word)
{
	unsigned int w;

	unsafe_get_user(w, word, fault);
	unsafe_put_user(w | 0xffff0000, word, fault);
	return 0;
fault:
	return -EFAULT;
}

/*
 * The header's instruction and operand pointers as Linux's has them: from the fxsave
 * image, the opcode above the code selector. Real CPUs store the same in fnsave's,
 * but QEMU's fnsave reports the last x87 instruction even if the kernel ran it.
 */
static int pointers_from_image(struct _fpstate __user *buf)
{
	const struct fxregs_state __user *fx = (const void __user *)&buf->_fxsr_env;
	u32 fip, fcs, foo, fos;
	u16 fop;

	unsafe_get_user(fop, &fx->fop, fault);
	unsafe_get_user(fip, &fx->fip, fault);
	unsafe_get_user(fcs, &fx->fcs, fault);
	unsafe_get_user(foo, &fx->foo, fault);
	unsafe_get_user(fos, &fx->fos, fault);
	unsafe_put_user(fip, &buf->ipoff, fault);
	unsafe_put_user((fcs & 0xffff) | (u32)fop << 16, &buf->cssel, fault);
	unsafe_put_user(foo, &buf->dataoff, fault);
	unsafe_put_user(fos, &buf->datasel, fault);
	return 0;
fault:
	return -EFAULT;
}

/*
 * The FPU state straight into the frame (checked by the caller with access_ok): the
 * fxsave image first, its software-available bytes (464..511, which fxsave does not
 * write) zeroed; then the header, which fnsave writes in the very layout the frame
 * wants (environment, full tag word, the registers packed to 10 bytes). Linux
 * converts its fxsave image into the same bytes (convert_from_fxsr); fnsave does it
 * in one instruction. It reinitialises the x87, so it comes last: the caller resets
 * the FPU for the handler anyway. The reserved upper halves of the control, status
 * and tag words get 0xffff, as Linux writes them, whatever this CPU stored there.
 */
int fpu_save_sigframe(struct _fpstate __user *buf)
{
	u16 swd;

	if (fpu_use_fxsr()) {
		if (!fxsave_user(&buf->_fxsr_env))
			return -EFAULT;
		for (int i = 0; i < 12; i++)
			unsafe_put_user(0, &buf->padding2[i], fault);
	}
	if (!fnsave_user((struct fregs_state __user *)buf))
		return -EFAULT;
	if ((fpu_use_fxsr() && pointers_from_image(buf)) || set_upper_half(&buf->cw) ||
	    set_upper_half(&buf->sw) || set_upper_half(&buf->tag))
		return -EFAULT;
	unsafe_get_user(swd, &buf->sw, fault);
	unsafe_put_user(swd, &buf->status, fault);
	unsafe_put_user(fpu_use_fxsr() ? X86_FXSR_MAGIC : X86_FPSTATE_FSAVE_ONLY, &buf->magic, fault);
	return 0;
fault:
	return -EFAULT;
}

/*
 * The fxsave image a frame holds, loaded through a checked copy: MXCSR bits the CPU
 * does not support are cleared, as Linux does, since fxrstor would fault on them.
 */
static int fxrstor_checked(const void __user *image)
{
	union fpu_state *state = &current->thread.fpu;

	if (copy_from_user(state->fxsave, image, FXSAVE_USED_SIZE))
		return -EFAULT;
	((struct fxregs_state *)state->fxsave)->mxcsr &= mxcsr_feature_mask;
	fpu_restore(state);
	return 0;
}

/*
 * As in Linux, the header's environment and registers win over the fxsave image's
 * copies: the image is loaded first (XMM, MXCSR), the header over it (frstor). A
 * frame that cannot be read leaves the initial state, not a mixture.
 */
int fpu_restore_sigframe(const struct _fpstate __user *buf)
{
	const void __user *image = &buf->_fxsr_env;
	u32 mxcsr;

	if (!buf) {
		fpu_reset();
		return 0;
	}
	if (!access_ok(buf, fpu_sigframe_size()))
		goto fault;
	if (fpu_use_fxsr()) {
		unsafe_get_user(mxcsr, &buf->mxcsr, fault);
		if (((mxcsr & ~mxcsr_feature_mask) || !fxrstor_user(image)) &&
		    fxrstor_checked(image))
			goto fault;
	}
	if (frstor_user((const struct fregs_state __user *)buf))
		return 0;
fault:
	fpu_reset();
	return -EFAULT;
}
