/*
 * user/test-ring3.c: ring 3 cannot do ring 0's work. Each privileged or faulting
 * instruction runs in its own child, and the parent checks the signal that killed it:
 * port I/O, cli, sti, hlt and a software interrupt through a gate without DPL 3 raise
 * #GP (SIGSEGV); divide by zero is #DE (SIGFPE), ud2 is #UD (SIGILL), int3 is #BP
 * (SIGTRAP); writing the program's own text and reading the kernel's half of the
 * address space are page faults (SIGSEGV).
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "check.h"

static void do_in(void)
{
	unsigned char v;
	asm volatile("inb $0x80, %0" : "=a"(v));
}

static void do_out(void)
{
	asm volatile("outb %0, $0x80" : : "a"((unsigned char)0));
}

static void do_cli(void)
{
	asm volatile("cli");
}

static void do_sti(void)
{
	asm volatile("sti");
}

static void do_hlt(void)
{
	asm volatile("hlt");
}

static void do_int81(void)
{
	asm volatile("int $0x81");
}

/* In asm: gcc may compute a C division by a variable without dividing. */
static void do_divide_by_zero(void)
{
	asm volatile("xorl %%ecx, %%ecx; movl $1, %%eax; xorl %%edx, %%edx; divl %%ecx"
		     : : : "eax", "ecx", "edx");
}

static void do_ud2(void)
{
	asm volatile("ud2");
}

static void do_int3(void)
{
	asm volatile("int3");
}

static void do_write_text(void)
{
	*(volatile unsigned char *)do_write_text = 0xc3;
}

static void do_read_kernel(void)
{
	(void)*(volatile int *)0xC0000000;
}

static const struct {
	const char *what;
	void (*body)(void);
	int signal;
	const char *signame;
} cases[] = {
	{ "in from a port", do_in, SIGSEGV, "SIGSEGV" },
	{ "out to a port", do_out, SIGSEGV, "SIGSEGV" },
	{ "cli", do_cli, SIGSEGV, "SIGSEGV" },
	{ "sti", do_sti, SIGSEGV, "SIGSEGV" },
	{ "hlt", do_hlt, SIGSEGV, "SIGSEGV" },
	{ "int $0x81 (no DPL 3 gate)", do_int81, SIGSEGV, "SIGSEGV" },
	{ "divide by zero", do_divide_by_zero, SIGFPE, "SIGFPE" },
	{ "ud2", do_ud2, SIGILL, "SIGILL" },
	{ "int3", do_int3, SIGTRAP, "SIGTRAP" },
	{ "write to the program's text", do_write_text, SIGSEGV, "SIGSEGV" },
	{ "read of kernel address 0xC0000000", do_read_kernel, SIGSEGV, "SIGSEGV" },
};

int main(void)
{
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int status = run_in_child(cases[i].body);
		check(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == cases[i].signal,
		      "%s: %s (child %s)", cases[i].what, cases[i].signame,
		      describe_status(status));
	}
	return check_status();
}
