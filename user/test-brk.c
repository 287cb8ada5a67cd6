/*
 * user/test-brk.c: the program break, through the raw brk system call (whose result is
 * always the break it ends with). brk(0) reads the break; moving it is byte-exact in
 * both directions; new heap memory is zero and writable across page boundaries; pages
 * wholly above a lowered break are unmapped, so touching them faults; and a break
 * below the heap's start is refused, leaving the old one.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PAGE_ALIGN(a) (((a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

static unsigned long sys_brk(unsigned long addr)
{
	return syscall(__NR_brk, addr);
}

/* Whether [from, to) reads as zero. */
static bool is_zero(unsigned long from, unsigned long to)
{
	for (volatile unsigned char *p = (unsigned char *)from; p < (unsigned char *)to; p++)
		if (*p)
			return false;
	return true;
}

/* Write a pattern over [from, to) and read it back. */
static bool is_writable(unsigned long from, unsigned long to)
{
	volatile unsigned char *p;

	for (p = (unsigned char *)from; p < (unsigned char *)to; p++)
		*p = (unsigned char)(unsigned long)p;
	for (p = (unsigned char *)from; p < (unsigned char *)to; p++)
		if (*p != (unsigned char)(unsigned long)p)
			return false;
	return true;
}

static unsigned long fault_addr; /* set before run_in_child(touch) */
static int data_word = 1;         /* in .data: below the heap on any kernel */

static void touch(void)
{
	*(volatile unsigned char *)fault_addr = 1;
}

static void check_faults(unsigned long addr, const char *what)
{
	int status;

	fault_addr = addr;
	status = run_in_child(touch);
	check(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "touching %#lx (%s) faults with SIGSEGV (child %s)", addr, what,
	      describe_status(status));
}

/* brk(addr) must end with the break at want. */
static void check_brk(unsigned long addr, unsigned long want, const char *what)
{
	unsigned long got = sys_brk(addr);

	check(got == want, "brk(%#lx): %s (break %#lx)", addr, what, got);
}

int main(void)
{
	unsigned long start = sys_brk(0);
	unsigned long top = start + 3 * PAGE_SIZE + 123, low = start + 1;

	check(start != 0, "brk(0) gives the current break (%#lx)", start);
	check_brk(0, start, "asking again gives the same");

	check_brk(top, top, "growing by 3 pages and 123 bytes is exact");
	check_brk(0, top, "asking reports the new break");
	check(is_zero(start, top), "the new memory reads as zero");
	check(is_writable(start, top), "the new memory is writable across page boundaries");
	check_brk(top + 1, top + 1, "growing by one byte is exact");

	check_brk(low, low, "shrinking is exact");
	check_faults(PAGE_ALIGN(low), "the first page above the lowered break");
	check_faults(top - 1, "the old top of the heap");

	/* Below the program's own data, so below the heap's start whatever libc did first. */
	check_brk((unsigned long)&data_word, low,
		  "a break below the heap's start is refused, the old one kept");
	check_brk(0, low, "asking still reports the old break");

	check_brk(top, top, "growing again is exact");
	check(is_zero(PAGE_ALIGN(low), top), "the pages given back and regained read as zero");
	check_brk(start, start, "shrinking back to the start");
	return check_status();
}
