/*
 * user/test-signal-altstack.c: sigaltstack. A handler with SA_ONSTACK runs on the
 * alternate stack (the address of its local variable lies inside it), sees
 * SS_ONSTACK there and may not change the stack (EPERM); its ucontext describes the
 * stack. Flags other than SS_DISABLE/SS_ONSTACK are EINVAL, a stack smaller than
 * MINSIGSTKSZ is ENOMEM, and SS_DISABLE turns it off. Handlers nesting deeper than the
 * alternate stack holds end in SIGSEGV, not in memory below it.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/*
 * Linux's own i386 MINSIGSTKSZ, the bound the kernel checks. glibc's MINSIGSTKSZ (with
 * _GNU_SOURCE, sysconf(_SC_MINSIGSTKSZ)) is its own, larger idea of a usable stack.
 */
#define LINUX_MINSIGSTKSZ 2048

static char altstack[16384];
static volatile unsigned long handler_local;
static volatile int handler_flags, handler_change, uc_flags_seen;
static volatile void *uc_sp_seen;

static void on_alt(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	int local = 0;
	stack_t cur, other = { altstack, 0, sizeof(altstack) };

	(void)sig, (void)si;
	handler_local = (unsigned long)&local;
	sigaltstack(NULL, &cur);
	handler_flags = cur.ss_flags;
	handler_change = sigaltstack(&other, NULL) == 0 ? 0 : errno;
	uc_sp_seen = uc->uc_stack.ss_sp;
	uc_flags_seen = uc->uc_stack.ss_flags;
}

static void recurse(int sig)
{
	raise(sig); /* SA_NODEFER: at once, one frame deeper on the alternate stack */
}

/* Every nested frame goes below the last one on the 8 KiB stack, until none fits. */
static void overflow_altstack(void)
{
	static char small[8192];
	stack_t ss = { small, 0, sizeof(small) };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = recurse;
	sa.sa_flags = SA_ONSTACK | SA_NODEFER;
	sigaltstack(&ss, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR2);
}

int main(void)
{
	int status;

	stack_t ss = { altstack, 0, sizeof(altstack) }, old = { 0, -1, 0 };
	struct sigaction sa;

	check(sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_DISABLE,
	      "no alternate stack at first (flags %d)", old.ss_flags);
	ss.ss_flags = 5;
	check(failed_with(sigaltstack(&ss, NULL), EINVAL), "flags 5: EINVAL");
	ss.ss_flags = 0;
	/* The raw call, since glibc's wrapper and MINSIGSTKSZ are not the kernel's. */
	ss.ss_size = LINUX_MINSIGSTKSZ - 1;
	check(failed_with(syscall(__NR_sigaltstack, &ss, NULL), ENOMEM),
	      "a stack under MINSIGSTKSZ: ENOMEM");
	ss.ss_size = sizeof(altstack);
	check(sigaltstack(&ss, NULL) == 0, "sigaltstack sets a 16 KiB stack");
	check(failed_with(sigaltstack((void *)0xC0000000, NULL), EFAULT), "kernel address: EFAULT");
	sigaltstack(NULL, &old);
	check(old.ss_sp == altstack && old.ss_size == sizeof(altstack) && old.ss_flags == 0,
	      "and reads it back, not in use");

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_alt;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	check(handler_local > (unsigned long)altstack &&
		      handler_local < (unsigned long)altstack + sizeof(altstack),
	      "the SA_ONSTACK handler runs on it (%#lx)", handler_local);
	check(handler_flags == SS_ONSTACK, "sigaltstack says SS_ONSTACK inside (%d)", handler_flags);
	check(handler_change == EPERM, "changing it while on it: EPERM (%d)", handler_change);
	check(uc_sp_seen == altstack && uc_flags_seen == 0,
	      "the ucontext's uc_stack describes it (%p, %d)", uc_sp_seen, uc_flags_seen);

	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	check(!(handler_local > (unsigned long)altstack &&
		handler_local < (unsigned long)altstack + sizeof(altstack)),
	      "without SA_ONSTACK the handler runs on the normal stack");
	ss.ss_flags = SS_DISABLE;
	check(sigaltstack(&ss, &old) == 0 && sigaltstack(NULL, &old) == 0 &&
		      old.ss_flags == SS_DISABLE,
	      "SS_DISABLE turns it off");
	status = run_in_child(overflow_altstack);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "nesting past the bottom of the alternate stack: SIGSEGV (%s)",
	      describe_status(status));
	return check_status();
}
