/*
 * arch/x86/kernel/signal.c: the i386 signal frames, as Linux 6.1 lays them out.
 *
 * To run a handler, the interrupted registers (struct sigcontext), the blocked mask
 * and the FPU state are written below the user's stack pointer (or on the
 * sigaltstack) in a struct sigframe, or with SA_SIGINFO a struct rt_sigframe that
 * adds a siginfo and a ucontext; the registers are then set so that the handler
 * starts with esp at the frame, whose first word is its return address: the
 * program's sa_restorer (glibc always gives one), else the retcode bytes in the
 * frame, which call sigreturn. sigreturn and rt_sigreturn read the frame back.
 *
 * The frame is the program's to change, so nothing it holds is trusted: CS and SS
 * get RPL 3 as Linux forces them; EFLAGS takes only the bits a program may set
 * (FIX_EFLAGS), so IOPL, IF and VM stay the kernel's. The selectors are validated
 * instead of being loaded blindly: CS must be __USER_CS and SS __USER_DS, or the
 * task gets Linux's outcome for an iret that faults, SIGILL (ILL_BADSTK); DS and ES
 * must be null, a user segment or a present ring-3 TLS entry, else they become
 * null, which is what Linux's fault fixup on `pop %ds` yields. So RESTORE_ALL's
 * pops and iret never fault on a value from a frame.
 */
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <uapi/asm/sigcontext.h>
#include <asm/traps.h>
#include <kspace/errno.h>
#include <kspace/signal.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <uapi/asm/unistd_32.h>

#define X86_EFLAGS_CF 0x00000001
#define X86_EFLAGS_PF 0x00000004
#define X86_EFLAGS_AF 0x00000010
#define X86_EFLAGS_ZF 0x00000040
#define X86_EFLAGS_SF 0x00000080
#define X86_EFLAGS_TF 0x00000100
#define X86_EFLAGS_DF 0x00000400
#define X86_EFLAGS_OF 0x00000800
#define X86_EFLAGS_RF 0x00010000
#define X86_EFLAGS_AC 0x00040000
/* The EFLAGS bits sigreturn takes from the frame; the rest stay as they are. */
#define FIX_EFLAGS                                                                       \
	(X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | X86_EFLAGS_SF |  \
	 X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | X86_EFLAGS_CF | X86_EFLAGS_RF)
#define FRAME_ALIGNMENT 16

struct stack_t_user {
	u32 ss_sp;
	int ss_flags;
	u32 ss_size;
};

struct ucontext_user {
	unsigned long uc_flags;
	u32 uc_link;
	struct stack_t_user uc_stack;
	struct sigcontext uc_mcontext;
	u32 uc_sigmask[2];
};

struct sigframe {
	u32 pretcode;
	int sig;
	struct sigcontext sc;
	struct _fpstate fpstate_unused; /* the FPU state lies above retcode; kept for the offsets */
	u32 extramask[1];               /* blocked signals 33..64 */
	char retcode[8];
};

struct rt_sigframe {
	u32 pretcode;
	int sig;
	u32 pinfo;
	u32 puc;
	u8 info[SI_MAX_SIZE];
	struct ucontext_user uc;
	char retcode[8];
};

/* The 8 bytes of code that call sigreturn when a program gives no restorer. */
union retcode {
	u8 bytes[8];
	u32 words[2]; /* written to the frame in two stores */
};
/* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 */
static const union retcode sigreturn_code = { { 0x58, 0xb8, __NR_sigreturn, 0, 0, 0, 0xcd, 0x80 } };
/* movl $__NR_rt_sigreturn, %eax; int $0x80; and a pad byte */
static const union retcode rt_sigreturn_code = { { 0xb8, __NR_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0 } };

#define DESC_PRESENT 0x8000   /* descriptor word b: P */
#define DESC_DPL(b) (((b) >> 13) & 3)
#define DESC_S 0x1000         /* code or data, not a system descriptor */
#define DESC_CODE 0x0800
#define DESC_READABLE 0x0200  /* for code */

/*
 * A data selector a frame may hand back: null, a user segment, or a TLS entry that
 * RESTORE_ALL's `pop %ds` can load: present, ring 3, data or readable code. Anything
 * else would fault inside the kernel.
 */
static bool valid_user_data_selector(u16 sel)
{
	unsigned int idx = sel >> 3;
	u32 b;

	if (sel < 4)
		return true;
	if (sel & SEGMENT_TI_MASK)
		return false;
	if (idx == GDT_ENTRY_DEFAULT_USER_DS || idx == GDT_ENTRY_DEFAULT_USER_CS)
		return true;
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return false;
	b = get_cpu_gdt_table(smp_processor_id())[idx].b;
	return (b & DESC_PRESENT) && DESC_DPL(b) == USER_RPL && (b & DESC_S) &&
	       (!(b & DESC_CODE) || (b & DESC_READABLE));
}

/* The values a frame nearly always holds, null and __USER_DS, are decided inline. */
static inline u16 user_data_selector(u16 sel)
{
	if (sel < 4 || sel == __USER_DS)
		return sel;
	return valid_user_data_selector(sel) ? sel : 0;
}

/*
 * The interrupted registers into the frame's struct sigcontext, a store per field
 * (the caller has checked the frame with access_ok). Selectors are written as 32-bit
 * words, so the padding above each is zero whatever the upper half of a pushed
 * segment register held.
 */
/* A selector and the padding above it, as one word. */
static inline u32 __user *sc_word(u16 __user *sel)
{
	return (u32 __user *)(void __user *)sel;
}

static int setup_sigcontext(struct sigcontext __user *sc, struct _fpstate __user *fpstate,
			    const struct pt_regs *regs, unsigned long mask)
{
	const struct thread_struct *thread = &current->thread;
	unsigned int gs, fs;

	savesegment(gs, gs);
	savesegment(fs, fs);
	unsafe_put_user(gs & 0xffff, sc_word(&sc->gs), fault);
	unsafe_put_user(fs & 0xffff, sc_word(&sc->fs), fault);
	unsafe_put_user(regs->xes & 0xffff, sc_word(&sc->es), fault);
	unsafe_put_user(regs->xds & 0xffff, sc_word(&sc->ds), fault);
	unsafe_put_user(regs->edi, &sc->edi, fault);
	unsafe_put_user(regs->esi, &sc->esi, fault);
	unsafe_put_user(regs->ebp, &sc->ebp, fault);
	unsafe_put_user(regs->esp, &sc->esp, fault);
	unsafe_put_user(regs->ebx, &sc->ebx, fault);
	unsafe_put_user(regs->edx, &sc->edx, fault);
	unsafe_put_user(regs->ecx, &sc->ecx, fault);
	unsafe_put_user(regs->eax, &sc->eax, fault);
	unsafe_put_user(thread->trap_nr, &sc->trapno, fault);
	unsafe_put_user(thread->error_code, &sc->err, fault);
	unsafe_put_user(regs->eip, &sc->eip, fault);
	unsafe_put_user(regs->xcs & 0xffff, sc_word(&sc->cs), fault);
	unsafe_put_user(regs->eflags, &sc->eflags, fault);
	unsafe_put_user(regs->esp, &sc->esp_at_signal, fault);
	unsafe_put_user(regs->xss & 0xffff, sc_word(&sc->ss), fault);
	unsafe_put_user(fpstate, &sc->fpstate, fault);
	unsafe_put_user(mask, &sc->oldmask, fault);
	unsafe_put_user(thread->cr2, &sc->cr2, fault);
	return 0;
fault:
	return -EFAULT;
}

/*
 * Where the frame goes: below the FPU state, itself 64-byte aligned below the stack
 * pointer (or the sigaltstack's top), with esp + 4 a multiple of 16 at the handler's
 * entry, as after a call. An address that always faults (-1) when the frame would
 * overflow the alternate stack, so the task dies of SIGSEGV instead of scribbling
 * below it.
 */
static void __user *get_sigframe(const struct ksignal *ksig, const struct pt_regs *regs,
				 unsigned long frame_size, struct _fpstate __user **fpstate)
{
	unsigned long sp = sigsp(regs->esp, ksig);
	bool altstack = sp != (unsigned long)regs->esp || on_sig_stack(regs->esp);

	sp = (sp - fpu_sigframe_size()) & ~63UL;
	if (fpu_use_fxsr())
		sp -= 112; /* the fnsave-style header sits before the 64-aligned fxsave image */
	*fpstate = (struct _fpstate __user *)sp;
	sp -= frame_size;
	sp = ((sp + 4) & ~(FRAME_ALIGNMENT - 1UL)) - 4;
	if (altstack && !__on_sig_stack(sp))
		return (void __user *)-1L;
	return (void __user *)sp;
}

/* The registers that start the handler: eax = sig; edx, ecx for regparm handlers. */
static void start_handler(struct pt_regs *regs, const struct ksignal *ksig, void __user *frame,
			  unsigned long edx, unsigned long ecx)
{
	regs->esp = (unsigned long)frame;
	regs->eip = (unsigned long)ksig->ka.sa_handler;
	regs->eax = ksig->sig;
	regs->edx = edx;
	regs->ecx = ecx;
	regs->xds = regs->xes = regs->xss = __USER_DS;
	regs->xcs = __USER_CS;
	regs->eflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
}

/* The handler starts with a clean FPU, as on Linux; the interrupted one is in the frame. */
static int write_fpu_state(struct _fpstate __user *fpstate)
{
	if (!access_ok(fpstate, fpu_sigframe_size()) || fpu_save_sigframe(fpstate))
		return -EFAULT;
	fpu_reset();
	return 0;
}

/* Where the handler returns: the program's restorer (glibc always gives one), else retcode. */
static u32 frame_pretcode(const struct ksignal *ksig, char __user *retcode)
{
	return ksig->ka.sa_flags & SA_RESTORER ? (u32)ksig->ka.sa_restorer : (u32)retcode;
}

static int setup_frame(struct ksignal *ksig, sigset_t set, struct pt_regs *regs)
{
	struct _fpstate __user *fpstate;
	struct sigframe __user *frame = get_sigframe(ksig, regs, sizeof(*frame), &fpstate);

	if (!access_ok(frame, sizeof(*frame)))
		return -EFAULT;
	unsafe_put_user(frame_pretcode(ksig, frame->retcode), &frame->pretcode, fault);
	unsafe_put_user(ksig->sig, &frame->sig, fault);
	unsafe_put_user(set >> 32, &frame->extramask[0], fault); /* blocked signals 33..64 */
	unsafe_put_user(sigreturn_code.words[0], (u32 __user *)frame->retcode, fault);
	unsafe_put_user(sigreturn_code.words[1], (u32 __user *)frame->retcode + 1, fault);
	if (setup_sigcontext(&frame->sc, fpstate, regs, (u32)set) || write_fpu_state(fpstate))
		return -EFAULT;
	start_handler(regs, ksig, frame, 0, 0);
	return 0;
fault:
	return -EFAULT;
}

/* Out of line, so gdb can stop here with the arguments (docs/walkthrough-signal.md). */
static __noinline int setup_rt_frame(struct ksignal *ksig, sigset_t set, struct pt_regs *regs)
{
	struct _fpstate __user *fpstate;
	struct rt_sigframe __user *frame = get_sigframe(ksig, regs, sizeof(*frame), &fpstate);
	struct ucontext_user __user *uc = &frame->uc;

	if (!access_ok(frame, sizeof(*frame)))
		return -EFAULT;
	unsafe_put_user(frame_pretcode(ksig, frame->retcode), &frame->pretcode, fault);
	unsafe_put_user(ksig->sig, &frame->sig, fault);
	unsafe_put_user((u32)frame->info, &frame->pinfo, fault);
	unsafe_put_user((u32)uc, &frame->puc, fault);
	unsafe_put_user(0, &uc->uc_flags, fault);
	unsafe_put_user(0, &uc->uc_link, fault);
	/* the alternate stack as it was, raw, as Linux saves it */
	unsafe_put_user(current->sas_ss_sp, &uc->uc_stack.ss_sp, fault);
	unsafe_put_user(current->sas_ss_flags, &uc->uc_stack.ss_flags, fault);
	unsafe_put_user(current->sas_ss_size, &uc->uc_stack.ss_size, fault);
	unsafe_put_user((u32)set, &uc->uc_sigmask[0], fault);
	unsafe_put_user(set >> 32, &uc->uc_sigmask[1], fault);
	unsafe_put_user(rt_sigreturn_code.words[0], (u32 __user *)frame->retcode, fault);
	unsafe_put_user(rt_sigreturn_code.words[1], (u32 __user *)frame->retcode + 1, fault);
	sas_ss_autodisarm();
	if (copy_siginfo_to_user(frame->info, &ksig->info) ||
	    setup_sigcontext(&uc->uc_mcontext, fpstate, regs, (u32)set) || write_fpu_state(fpstate))
		return -EFAULT;
	start_handler(regs, ksig, frame, (u32)frame->info, (u32)uc);
	return 0;
fault:
	return -EFAULT;
}

/*
 * Load a sigcontext, already copied in, into regs, checked as the top comment says.
 * Returns -EFAULT if the FPU state cannot be read, -EINVAL if CS or SS cannot be
 * returned to.
 */
static int restore_sigcontext(struct pt_regs *regs, const struct sigcontext *sc)
{
	u16 cs, ss;

	loadsegment(gs, user_data_selector(sc->gs));
	loadsegment(fs, user_data_selector(sc->fs));
	regs->xes = user_data_selector(sc->es);
	regs->xds = user_data_selector(sc->ds);
	regs->edi = sc->edi;
	regs->esi = sc->esi;
	regs->ebp = sc->ebp;
	regs->esp = sc->esp;
	regs->ebx = sc->ebx;
	regs->edx = sc->edx;
	regs->ecx = sc->ecx;
	regs->eax = sc->eax;
	regs->eip = sc->eip;
	regs->eflags = (regs->eflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
	regs->orig_eax = -1; /* not a system call: no restart on the way out */
	cs = sc->cs | USER_RPL;
	ss = sc->ss | USER_RPL;
	if (fpu_restore_sigframe(sc->fpstate))
		return -EFAULT;
	if (cs != __USER_CS || ss != __USER_DS)
		return -EINVAL;
	regs->xcs = cs;
	regs->xss = ss;
	return 0;
}

/* A frame sigreturn cannot use: a frame it cannot read is SIGSEGV, a bad CS or SS SIGILL. */
static long bad_frame(int err)
{
	if (err == -EINVAL)
		force_sig_fault(SIGILL, ILL_BADSTK, NULL);
	else
		force_sig(SIGSEGV);
	return 0;
}

/* The handler returned through retcode or its restorer: popl %eax took sig off. */
long sys_sigreturn(void)
{
	struct pt_regs *regs = current_pt_regs();
	struct sigframe __user *frame = (struct sigframe __user *)(regs->esp - 8);
	struct sigcontext sc;
	u32 mask[2];
	int err = -EFAULT;

	if (!access_ok(frame, sizeof(*frame)))
		goto out;
	/* The mask first, as Linux: it is set even if the rest of the frame is unreadable. */
	unsafe_get_user(mask[0], &frame->sc.oldmask, out);
	unsafe_get_user(mask[1], &frame->extramask[0], out);
	set_current_blocked(mask[0] | (u64)mask[1] << 32);
	if (!copy_from_user(&sc, &frame->sc, sizeof(sc)))
		err = restore_sigcontext(regs, &sc);
out:
	return err ? bad_frame(err) : regs->eax;
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = current_pt_regs();
	struct rt_sigframe __user *frame = (struct rt_sigframe __user *)(regs->esp - 4);
	struct stack_user uss;
	struct sigcontext sc;
	sigset_t set;
	int err = -EFAULT;

	if (!copy_from_user(&set, frame->uc.uc_sigmask, sizeof(set))) {
		set_current_blocked(set);
		if (!copy_from_user(&sc, &frame->uc.uc_mcontext, sizeof(sc)))
			err = restore_sigcontext(regs, &sc);
	}
	if (!err && !copy_from_user(&uss, &frame->uc.uc_stack, sizeof(uss)))
		do_sigaltstack(&uss, NULL, regs->esp); /* as Linux: its errors are ignored */
	return err ? bad_frame(err) : regs->eax;
}

/*
 * A system call a signal interrupted: -ERESTARTSYS restarts only for an SA_RESTART
 * handler, -ERESTARTNOINTR always, -ERESTARTNOHAND and -ERESTART_RESTARTBLOCK never
 * when a handler runs; otherwise the handler sees -EINTR. To restart, eax gets the
 * number back and eip goes back over the 2-byte int $0x80.
 */
static void handle_syscall_restart(struct pt_regs *regs, const struct k_sigaction *ka)
{
	switch (regs->eax) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		regs->eax = -EINTR;
		break;
	case -ERESTARTSYS:
		if (!(ka->sa_flags & SA_RESTART)) {
			regs->eax = -EINTR;
			break;
		}
		/* fall through */
	case -ERESTARTNOINTR:
		regs->eax = regs->orig_eax;
		regs->eip -= 2;
		break;
	}
}

/* No handler ran: every interrupted call restarts, the restart-block kind through restart_syscall. */
static void restart_without_handler(struct pt_regs *regs)
{
	switch (regs->eax) {
	case -ERESTARTNOHAND:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
		regs->eax = regs->orig_eax;
		regs->eip -= 2;
		break;
	case -ERESTART_RESTARTBLOCK:
		regs->eax = __NR_restart_syscall;
		regs->eip -= 2;
		break;
	}
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	sigset_t set = current->restore_sigmask ? current->saved_sigmask : ksig->blocked;
	int failed;

	if (regs->orig_eax >= 0)
		handle_syscall_restart(regs, &ksig->ka);
	failed = ksig->ka.sa_flags & SA_SIGINFO ? setup_rt_frame(ksig, set, regs)
						: setup_frame(ksig, set, regs);
	signal_setup_done(failed, ksig);
}

void do_signal(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	if (regs->orig_eax >= 0)
		restart_without_handler(regs);
	if (current->restore_sigmask) { /* sigsuspend ended without a handler: its mask goes */
		current->restore_sigmask = false;
		set_current_blocked(current->saved_sigmask);
	}
}
