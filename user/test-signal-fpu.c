/*
 * user/test-signal-fpu.c: floating point survives signals and task switches. A
 * handler that changes the x87 control word and fills the register stack leaves the
 * interrupted code's control word, registers and SSE MXCSR as they were; the handler
 * itself starts with the FPU in its initial state (control word 0x37f, as Linux
 * gives it). Two processes computing with different rounding modes at the same time
 * each get their own results: the FPU is saved on every switch. The frame's
 * _fpstate reports the interrupted control word, its fnsave-style header says what
 * the fxsave image after it says, in Linux's form, and what a handler writes there is
 * what the interrupted code gets back: the x87 part from the header, the SSE part
 * (MXCSR) from the fxsave image.
 */
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define FCW_DEFAULT 0x037f
#define FCW_ROUND_DOWN 0x077f
#define FCW_ROUND_UP 0x0b7f

static volatile unsigned short handler_fcw;
static volatile unsigned long frame_cw;
static volatile unsigned long frame_tag;
static volatile int handled;

static unsigned short get_fcw(void)
{
	unsigned short cw;

	__asm__ __volatile__("fnstcw %0" : "=m"(cw));
	return cw;
}

static void set_fcw(unsigned short cw)
{
	__asm__ __volatile__("fldcw %0" ::"m"(cw));
}

/* The handler scribbles over everything the FPU has. */
static void fpu_scribbler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	volatile double x = 3.0;

	(void)sig, (void)si;
	handler_fcw = get_fcw();
	frame_cw = uc->uc_mcontext.fpregs ? uc->uc_mcontext.fpregs->cw & 0xffff : 0;
	frame_tag = uc->uc_mcontext.fpregs ? uc->uc_mcontext.fpregs->tag & 0xffff : 0;
	set_fcw(FCW_ROUND_UP);
	for (int i = 0; i < 6; i++)
		__asm__ __volatile__("fldpi");
	x = x / 7.0;
	(void)x;
	handled++;
}

/* Push values on the x87 stack, take a signal, then read them back in place. */
static void check_handler_keeps_state(void)
{
	struct sigaction sa;
	double a = 0, b = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fpu_scribbler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	set_fcw(FCW_ROUND_DOWN);
	__asm__ __volatile__("fld1\n\tfldl2e" ::: "memory");
	raise(SIGUSR1);
	__asm__ __volatile__("fstpl %0\n\tfstpl %1" : "=m"(a), "=m"(b));
	check(handled == 1, "the handler ran");
	check(get_fcw() == FCW_ROUND_DOWN, "the interrupted control word survives (%#x)", get_fcw());
	check(a > 1.44 && a < 1.45 && b == 1.0, "the x87 stack survives (%f, %f)", a, b);
	check(handler_fcw == FCW_DEFAULT, "the handler starts with the initial FPU (cw %#x)",
	      handler_fcw);
	check(frame_cw == FCW_ROUND_DOWN, "the frame's _fpstate holds the interrupted cw (%#lx)",
	      frame_cw);
	/* Two pushes: physical registers 7 and 6 hold normal numbers (tag 0), the rest empty. */
	check(frame_tag == 0x0fff, "the frame's tag word marks two valid registers (%#lx)",
	      frame_tag);
	set_fcw(FCW_DEFAULT);
}

static unsigned int get_mxcsr(void)
{
	unsigned int mxcsr;

	__asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr));
	return mxcsr;
}

#define MXCSR_DEFAULT 0x1f80
#define MXCSR_ROUND_ZERO 0x7f80
#define FXSAVE_OFFSET 112 /* the fxsave image follows the 112-byte header */

/* The frame's FPU state as the handler found it: the header, then the fxsave image. */
static unsigned char frame_fpu[FXSAVE_OFFSET + 512];

static void fpu_copier(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig, (void)si;
	if (uc->uc_mcontext.fpregs)
		memcpy(frame_fpu, uc->uc_mcontext.fpregs, sizeof(frame_fpu));
	handled++;
}

static unsigned int word_at(const unsigned char *p, int offset)
{
	unsigned int w;

	memcpy(&w, p + offset, sizeof(w));
	return w;
}

/*
 * The fnsave-style header says what the fxsave image says, in Linux's form: control
 * and status words in 32-bit words whose upper halves are 0xffff, the full tag word,
 * the registers packed to 10 bytes, the status word again after them and magic 0.
 * Not the instruction and operand pointers: QEMU's fxsave, fnsave and xsave do not
 * agree on them, so Linux under QEMU shows no consistent ones either.
 */
static void check_frame_header(void)
{
	const unsigned char *fx = frame_fpu + FXSAVE_OFFSET;
	unsigned int cwd, swd;
	struct sigaction sa;
	double x = 2.5;
	int regs_match = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fpu_copier;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	handled = 0;
	__asm__ __volatile__("fldl %0\n\tfldz\n\tfldpi" ::"m"(x) : "memory");
	raise(SIGUSR1);
	__asm__ __volatile__("fstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)" ::: "memory");
	cwd = fx[0] | fx[1] << 8, swd = fx[2] | fx[3] << 8;
	for (int i = 0; i < 8; i++)
		regs_match &= !memcmp(frame_fpu + 28 + 10 * i, fx + 32 + 16 * i, 10);
	check(handled == 1, "the copying handler ran");
	check(word_at(frame_fpu, 0) == (0xffff0000 | cwd) &&
		      word_at(frame_fpu, 4) == (0xffff0000 | swd),
	      "header cw and sw are the image's, upper halves 0xffff (%#x %#x)",
	      word_at(frame_fpu, 0), word_at(frame_fpu, 4));
	/* physical registers 7 and 5 valid, 6 zero, the rest empty */
	check(word_at(frame_fpu, 8) == 0xffff13ff, "header tag word: valid, zero, valid (%#x)",
	      word_at(frame_fpu, 8));
	check(regs_match, "the header's eight registers are the image's");
	check(word_at(frame_fpu, 108) == swd, "status is the status word, magic 0 (%#x)",
	      word_at(frame_fpu, 108));
}

/* The handler edits the frame: round up in the header, toward zero in MXCSR. */
static void frame_editor(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	char *fp = (char *)uc->uc_mcontext.fpregs;

	(void)sig, (void)si;
	uc->uc_mcontext.fpregs->cw = 0xffff0000 | FCW_ROUND_UP;
	*(unsigned int *)(fp + FXSAVE_OFFSET + 24) = MXCSR_ROUND_ZERO;
	handled++;
}

static void check_handler_edits_state(void)
{
	struct sigaction sa;
	unsigned short cw;
	unsigned int mxcsr;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = frame_editor;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	handled = 0;
	raise(SIGUSR2);
	cw = get_fcw();
	mxcsr = get_mxcsr();
	set_fcw(FCW_DEFAULT);
	__asm__ __volatile__("ldmxcsr %0" ::"m"((unsigned int){ MXCSR_DEFAULT }));
	check(handled == 1, "the frame-editing handler ran");
	check(cw == FCW_ROUND_UP, "the control word the handler wrote in the frame is loaded (%#x)",
	      cw);
	check(mxcsr == MXCSR_ROUND_ZERO, "and so is the MXCSR it wrote in the fxsave image (%#x)",
	      mxcsr);
}

/* A sum whose last bits depend on the rounding mode. */
static double rounded_sum(unsigned short cw, int n)
{
	volatile double s = 0;

	set_fcw(cw);
	for (int i = 1; i <= n; i++) {
		s += 1.0 / i;
		if (i % 2000 == 0)
			sched_yield();
	}
	set_fcw(FCW_DEFAULT);
	return s;
}

static void check_two_processes(void)
{
	double down = rounded_sum(FCW_ROUND_DOWN, 20000), up = rounded_sum(FCW_ROUND_UP, 20000);
	int differ = down != up;
	pid_t pid = fork();
	double mine;
	int status;

	if (pid == 0)
		_exit(rounded_sum(FCW_ROUND_UP, 20000) == up ? 0 : 1);
	mine = rounded_sum(FCW_ROUND_DOWN, 20000);
	waitpid(pid, &status, 0);
	check(differ, "the two rounding modes give different sums");
	check(mine == down, "a process keeps its rounding mode while another runs");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "and so does the other (%s)",
	      describe_status(status));
}

/* Busy floating point while a periodic timer interrupts it many times. */
static void tick(int sig)
{
	volatile double z = 1e300;

	(void)sig;
	set_fcw(FCW_ROUND_UP);
	z = z * z;
	(void)z;
	handled++;
}

static void check_under_timer(void)
{
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } }, off = { { 0, 0 }, { 0, 0 } };
	double want = rounded_sum(FCW_ROUND_DOWN, 200000), got;

	handled = 0;
	signal(SIGALRM, tick);
	setitimer(ITIMER_REAL, &it, NULL);
	got = rounded_sum(FCW_ROUND_DOWN, 200000);
	while (handled < 3)
		pause();
	setitimer(ITIMER_REAL, &off, NULL);
	check(got == want, "a computation interrupted by %d handlers gives the same result",
	      handled);
}

int main(void)
{
	check_handler_keeps_state();
	check_frame_header();
	check_handler_edits_state();
	check_two_processes();
	check_under_timer();
	return check_status();
}
