/*
 * user/test-signal-frame.c: sigreturn takes a frame the program may have forged, and
 * must not let it gain privilege. Each case builds a struct sigcontext by hand, points
 * the stack at it and calls sigreturn (119) in a child; the "resumed" code reports
 * through its exit status. Linux's rules, which kspace follows: EFLAGS keeps only
 * the flags a program may set (no IOPL, no VM), a data selector the program may not
 * use comes back null, and a CS or SS that is not the user's makes the return fail:
 * the process dies of SIGILL, as on Linux when its iret faults. An unreadable frame
 * kills with SIGSEGV. The FPU state the frame points to is loaded wherever it lies
 * (fxrstor itself needs 16-byte alignment), its x87 header winning over the fxsave
 * image, and MXCSR bits the CPU lacks are cleared. The parent is never harmed.
 */
#include <asm/ldt.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define USER_CS 0x73
#define USER_DS 0x7b
#define KERNEL_CS 0x60
#define KERNEL_DS 0x68

/* struct sigcontext, then the unused _fpstate and extramask of struct sigframe. */
struct forged_frame {
	unsigned int gs, fs, es, ds, edi, esi, ebp, esp, ebx, edx, ecx, eax;
	unsigned int trapno, err, eip, cs, eflags, esp_at_signal, ss, fpstate, oldmask, cr2;
	unsigned char fpstate_unused[624];
	unsigned int extramask;
};

/* The code sigreturn "returns" to: each exits with what it found, touching only the stack. */
void exit_with_iopl(void);
void exit_with_ds(void);
void exit_with_gs(void);
void exit_with_fcw(void);
void exit_with_mxcsr(void);
void exit_42(void);
__asm__(".text\n"
	"exit_with_iopl: pushfl\n popl %ebx\n shrl $12, %ebx\n andl $3, %ebx\n"
	" movl $1, %eax\n int $0x80\n"
	"exit_with_ds: movl %ds, %ebx\n andl $0xffff, %ebx\n movl $1, %eax\n int $0x80\n"
	"exit_with_gs: movl %gs, %ebx\n andl $0xffff, %ebx\n movl $1, %eax\n int $0x80\n"
	"exit_with_fcw: subl $4, %esp\n fnstcw (%esp)\n movzbl 1(%esp), %ebx\n" /* cw >> 8 */
	" movl $1, %eax\n int $0x80\n"
	"exit_with_mxcsr: subl $4, %esp\n stmxcsr (%esp)\n movzbl 1(%esp), %ebx\n" /* >> 8 */
	" movl $1, %eax\n int $0x80\n"
	"exit_42: movl $42, %ebx\n movl $1, %eax\n int $0x80\n");

/*
 * A TLS entry (GDT 6 to 8) the program has not set up. Under glibc one of them is
 * glibc's own thread pointer, so ask get_thread_area which are empty rather than
 * assume; only the parent calls it, before any child changes %gs.
 */
static int unused_tls_entry(void)
{
	struct user_desc d;
	int entry;

	for (entry = 6; entry <= 8; entry++) {
		memset(&d, 0, sizeof(d));
		d.entry_number = entry;
		if (syscall(__NR_get_thread_area, &d) == 0 && d.seg_not_present)
			return entry;
	}
	return -1;
}

#define FPSTATE_SIZE 624 /* the 112-byte header, then the 512-byte fxsave image */
#define FCW_ROUND_UP 0x0b7f
#define FCW_ROUND_DOWN 0x077f

/*
 * A struct _fpstate as a handler might leave it: the header says round up, the
 * fxsave image round down (the header must win), MXCSR as given.
 */
static void forge_fpstate(unsigned char *fp, unsigned int mxcsr)
{
	unsigned int *header = (unsigned int *)fp, *image = (unsigned int *)(fp + 112);

	memset(fp, 0, FPSTATE_SIZE);
	header[0] = 0xffff0000 | FCW_ROUND_UP;
	header[1] = 0xffff0000;        /* status word */
	header[2] = 0xffffffff;        /* every register empty */
	header[6] = 0xffff0000;        /* operand selector; magic 0: the fxsave image follows */
	image[0] = FCW_ROUND_DOWN;     /* and an empty status word and tags */
	image[6] = mxcsr;
	image[7] = 0xffff;             /* MXCSR_MASK, which fxrstor ignores */
}

static unsigned char fpbuf[2 * FPSTATE_SIZE] __attribute__((aligned(64)));
static struct forged_frame frame;
static unsigned int stack[256];

static void base_frame(void (*eip)(void))
{
	memset(&frame, 0, sizeof(frame));
	frame.cs = USER_CS;
	frame.ss = frame.ds = frame.es = USER_DS;
	frame.eip = (unsigned int)eip;
	frame.esp = (unsigned int)&stack[200];
	frame.eflags = 0x202;
}

/* sigreturn finds the frame 8 bytes below esp, i.e. the sigcontext at esp. */
static void do_sigreturn(void)
{
	__asm__ __volatile__("movl %0, %%esp\n\t"
			     "movl $119, %%eax\n\t"
			     "int $0x80" ::"r"(&frame.gs)
			     : "memory");
}

static int run(void)
{
	return run_in_child(do_sigreturn);
}

static void check_exit(int status, int code, const char *what)
{
	check(WIFEXITED(status) && WEXITSTATUS(status) == code, "%s (%s)", what,
	      describe_status(status));
}

static void check_killed(int status, int sig, const char *what)
{
	check(WIFSIGNALED(status) && WTERMSIG(status) == sig, "%s (%s)", what,
	      describe_status(status));
}

static void check_fpstates(void)
{
	unsigned char *page;

	base_frame(exit_with_fcw);
	forge_fpstate(fpbuf, 0x7f80);
	frame.fpstate = (unsigned int)fpbuf;
	check_exit(run(), FCW_ROUND_UP >> 8, "the FPU header's control word is loaded, not the image's");
	base_frame(exit_with_mxcsr);
	frame.fpstate = (unsigned int)fpbuf;
	check_exit(run(), 0x7f, "the fxsave image's MXCSR is loaded");
	base_frame(exit_with_fcw);
	forge_fpstate(fpbuf + 8, 0x7f80);
	frame.fpstate = (unsigned int)(fpbuf + 8);
	check_exit(run(), FCW_ROUND_UP >> 8, "an FPU state not 16-byte aligned is loaded too");
	base_frame(exit_with_mxcsr);
	frame.fpstate = (unsigned int)(fpbuf + 8);
	check_exit(run(), 0x7f, "with its MXCSR");
	base_frame(exit_with_mxcsr);
	forge_fpstate(fpbuf, 0x80007f80);
	frame.fpstate = (unsigned int)fpbuf;
	check_exit(run(), 0x7f, "an MXCSR bit the CPU lacks is cleared, the rest loaded");

	base_frame(exit_42);
	frame.fpstate = 0x1000;
	check_killed(run(), SIGSEGV, "an FPU state pointer to nothing: SIGSEGV");
	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(page != MAP_FAILED && munmap(page + 4096, 4096) == 0, "a page with nothing after it");
	forge_fpstate(fpbuf, 0x1f80);
	memcpy(page + 4096 - 200, fpbuf, 200);
	base_frame(exit_42);
	frame.fpstate = (unsigned int)(page + 4096 - 200);
	check_killed(run(), SIGSEGV, "an FPU state whose fxsave image runs off the page: SIGSEGV");
}

int main(void)
{
	int tls = unused_tls_entry();

	check(tls >= 0, "get_thread_area finds a TLS entry not set up (%d)", tls);
	base_frame(exit_42);
	check_exit(run(), 42, "an honest frame resumes at its eip");

	base_frame(exit_with_iopl);
	frame.eflags = 0x3202 | (1 << 17); /* IOPL 3 and VM */
	check_exit(run(), 0, "IOPL 3 and VM in the frame's EFLAGS are dropped");

	base_frame(exit_with_ds);
	check_exit(run(), USER_DS, "the user data segment comes back as DS");
	base_frame(exit_with_ds);
	frame.ds = KERNEL_DS;
	check_exit(run(), 0, "the kernel's data segment as DS comes back null");
	base_frame(exit_with_ds);
	frame.ds = KERNEL_DS | 3;
	check_exit(run(), 0, "the kernel's data segment with RPL 3 too");
	base_frame(exit_with_ds);
	frame.ds = 0xfff8 | 3;
	check_exit(run(), 0, "a selector past the GDT too");
	base_frame(exit_with_ds);
	frame.ds = 0x7 | 8;
	check_exit(run(), 0, "an LDT selector too");

	base_frame(exit_with_ds);
	frame.ds = tls * 8 + 3;
	check_exit(run(), 0, "an unused TLS entry (never set up) comes back null");

	base_frame(exit_with_gs);
	frame.gs = tls * 8 + 3;
	check_exit(run(), 0, "an unused TLS entry as GS comes back null");
	base_frame(exit_with_gs);
	frame.gs = USER_DS;
	check_exit(run(), USER_DS, "GS is loaded from the frame");
	base_frame(exit_with_gs);
	frame.gs = KERNEL_DS;
	check_exit(run(), 0, "a kernel GS comes back null");

	base_frame(exit_42);
	frame.cs = KERNEL_CS;
	check_killed(run(), SIGILL, "the kernel's code segment as CS: SIGILL");
	base_frame(exit_42);
	frame.cs = USER_DS;
	check_killed(run(), SIGILL, "a data segment as CS: SIGILL");
	base_frame(exit_42);
	frame.ss = KERNEL_DS;
	check_killed(run(), SIGILL, "the kernel's data segment as SS: SIGILL");

	base_frame(exit_42);
	frame.fpstate = 0xC0000000;
	check_killed(run(), SIGSEGV, "an FPU state pointer into the kernel: SIGSEGV");
	check_fpstates();
	check(1, "the parent survived every forged frame");
	return check_status();
}
