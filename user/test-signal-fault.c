/*
 * user/test-signal-fault.c: CPU exceptions reach handlers as Linux delivers them. A
 * page fault gives SIGSEGV with si_addr the faulting address (SEGV_MAPERR where
 * nothing is mapped, SEGV_ACCERR on a write to read-only text); a divide error
 * SIGFPE (FPE_INTDIV), ud2 SIGILL (ILL_ILLOPN), both with si_addr the instruction;
 * int3 SIGTRAP; a privileged instruction SIGSEGV from the kernel (SI_KERNEL). siglongjmp leaves the handler and restores the mask. A handler may
 * also edit the saved registers and resume elsewhere. A fault whose signal is
 * blocked or ignored kills; so does a frame that cannot be written (a bad stack).
 */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static sigjmp_buf escape;
static volatile siginfo_t got;
static volatile int got_trapno;

static void catch_and_escape(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	memcpy((void *)&got, si, sizeof(*si));
	got.si_signo = sig;
	got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	siglongjmp(escape, 1);
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static void check_segv_maperr(void)
{
	volatile int *p = (volatile int *)0x1234;
	sigset_t now;

	install(SIGSEGV, catch_and_escape, 0);
	if (!sigsetjmp(escape, 1)) {
		(void)*p;
		check(0, "reading 0x1234 faults");
		return;
	}
	check(got.si_signo == SIGSEGV && got.si_code == SEGV_MAPERR,
	      "reading unmapped 0x1234: SIGSEGV, SEGV_MAPERR (code %d)", got.si_code);
	check(got.si_addr == (void *)0x1234, "si_addr is the faulting address (%p)", got.si_addr);
	check(got_trapno == 14, "the sigcontext's trapno is 14, a page fault (%d)", got_trapno);
	sigprocmask(SIG_BLOCK, NULL, &now);
	check(!sigismember(&now, SIGSEGV), "siglongjmp out of the handler restored the mask");
}

static void check_segv_accerr(void)
{
	volatile unsigned char *text = (volatile unsigned char *)text_page + 100;

	if (!sigsetjmp(escape, 1)) {
		*text = 0;
		check(0, "writing to text faults");
		return;
	}
	check(got.si_code == SEGV_ACCERR && got.si_addr == (void *)text,
	      "writing read-only text: SEGV_ACCERR at that address (code %d, %p)", got.si_code,
	      got.si_addr);
	check(text_page_intact(), "and the text is unchanged");
}

extern char ud2_insn[], div_insn[];

static void check_sigill_sigfpe(void)
{
	install(SIGILL, catch_and_escape, 0);
	install(SIGFPE, catch_and_escape, 0);
	if (!sigsetjmp(escape, 1))
		__asm__ __volatile__("ud2_insn: ud2");
	check(got.si_signo == SIGILL && got.si_code == ILL_ILLOPN && got.si_addr == ud2_insn,
	      "ud2: SIGILL, ILL_ILLOPN, si_addr the instruction (%d, %p)", got.si_code, got.si_addr);
	if (!sigsetjmp(escape, 1))
		__asm__ __volatile__("xorl %%ecx, %%ecx\n\tmovl $1, %%eax\n\tcltd\n"
				     "div_insn: divl %%ecx" ::: "eax", "ecx", "edx");
	check(got.si_signo == SIGFPE && got.si_code == FPE_INTDIV && got.si_addr == div_insn,
	      "divide by zero: SIGFPE, FPE_INTDIV, si_addr the instruction (%d, %p)", got.si_code,
	      got.si_addr);
}

/* A privileged instruction: #GP, which Linux reports as SIGSEGV from the kernel. */
static void check_general_protection(void)
{
	install(SIGSEGV, catch_and_escape, 0);
	if (!sigsetjmp(escape, 1))
		__asm__ __volatile__("cli");
	check(got.si_signo == SIGSEGV && got.si_code == SI_KERNEL && got.si_addr == NULL,
	      "cli in ring 3: SIGSEGV, SI_KERNEL, no address (%d, %p)", got.si_code, got.si_addr);
	check(got_trapno == 13, "the sigcontext's trapno is 13 (%d)", got_trapno);
}

static void check_sigtrap(void)
{
	install(SIGTRAP, catch_and_escape, 0);
	if (!sigsetjmp(escape, 1))
		__asm__ __volatile__("int3");
	check(got.si_signo == SIGTRAP && got.si_code == SI_KERNEL,
	      "int3: SIGTRAP, si_code SI_KERNEL (%d)", got.si_code);
}

/* The handler moves eip past the faulting 2-byte instruction: execution resumes there. */
extern char skip_from[], skip_to[];
static void skip_insn(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig, (void)si;
	if (uc->uc_mcontext.gregs[REG_EIP] == (int)skip_from)
		uc->uc_mcontext.gregs[REG_EIP] = (int)skip_to;
}

static void check_edit_context(void)
{
	int v = 7;

	install(SIGSEGV, skip_insn, 0);
	__asm__ __volatile__("xorl %%eax, %%eax\n"
			     "skip_from: movl (%%eax), %%eax\n"
			     "skip_to: movl $42, %0" : "=r"(v) :: "eax");
	check(v == 42, "a handler that edits uc_mcontext's eip resumes there");
}

static void fault_with_segv_blocked(void)
{
	sigset_t set;

	install(SIGSEGV, catch_and_escape, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGSEGV);
	sigprocmask(SIG_BLOCK, &set, NULL);
	*(volatile int *)0 = 1;
}

static void fault_with_segv_ignored(void)
{
	signal(SIGSEGV, SIG_IGN);
	*(volatile int *)0 = 1;
}

/* Handlers on an "alternate stack" that is not mapped: no frame can be written. */
static void use_bad_altstack(int sig)
{
	stack_t ss = { .ss_sp = heap_edge() + 2 * PAGE_SIZE, .ss_size = 4 * PAGE_SIZE };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = catch_and_escape;
	sa.sa_flags = SA_ONSTACK | SA_SIGINFO;
	sigaltstack(&ss, NULL);
	sigaction(sig, &sa, NULL);
}

/* The SIGSEGV for the failed frame is an ordinary one: SIGSEGV's default kills. */
static void frame_on_bad_stack(void)
{
	signal(SIGSEGV, SIG_DFL);
	use_bad_altstack(SIGUSR1);
	raise(SIGUSR1);
}

/* A SIGSEGV whose own frame fails is fatal even though it has a handler. */
static void segv_frame_on_bad_stack(void)
{
	use_bad_altstack(SIGSEGV);
	*(volatile int *)0 = 1;
}

static void check_fatal(void (*body)(void), const char *what)
{
	int status = run_in_child(body);

	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s: killed by SIGSEGV (%s)", what,
	      describe_status(status));
}

int main(void)
{
	check_segv_maperr();
	check_segv_accerr();
	check_sigill_sigfpe();
	check_sigtrap();
	check_general_protection();
	check_edit_context();
	check_fatal(fault_with_segv_blocked, "a fault while SIGSEGV is blocked");
	check_fatal(fault_with_segv_ignored, "a fault while SIGSEGV is ignored");
	check_fatal(frame_on_bad_stack, "a handler frame on an unmapped stack");
	check_fatal(segv_frame_on_bad_stack, "a SIGSEGV handler frame on an unmapped stack");
	return check_status();
}
