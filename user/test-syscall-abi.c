/*
 * user/test-syscall-abi.c: the int 0x80 contract itself. A system call returns its
 * result in eax and leaves every other register as it was (ebx, ecx, edx, esi, edi,
 * ebp, esp, eflags' arithmetic flags aside); an unknown number, however large,
 * returns -ENOSYS.
 */
#include "check.h"

#define ENOSYS 38

struct regs {
	unsigned long eax, ebx, ecx, edx, esi, edi, ebp;
};

/* Load known values into every register, trap, and store what came back. */
static void trap_with(unsigned long nr, struct regs *out)
{
	__asm__ __volatile__("pushl %%ebp\n\t"
			     "pushl %%ebx\n\t"
			     "pushl %[out]\n\t"
			     "movl $0x11111111, %%ebx\n\t"
			     "movl $0x22222222, %%ecx\n\t"
			     "movl $0x33333333, %%edx\n\t"
			     "movl $0x44444444, %%esi\n\t"
			     "movl $0x55555555, %%edi\n\t"
			     "movl $0x66666666, %%ebp\n\t"
			     "int $0x80\n\t"
			     "xchgl %%ebp, (%%esp)\n\t" /* ebp: out; the stack slot: the returned ebp */
			     "movl %%eax, 0(%%ebp)\n\t"
			     "movl %%ebx, 4(%%ebp)\n\t"
			     "movl %%ecx, 8(%%ebp)\n\t"
			     "movl %%edx, 12(%%ebp)\n\t"
			     "movl %%esi, 16(%%ebp)\n\t"
			     "movl %%edi, 20(%%ebp)\n\t"
			     "popl %%eax\n\t"
			     "movl %%eax, 24(%%ebp)\n\t"
			     "popl %%ebx\n\t"
			     "popl %%ebp"
			     : "+a"(nr)
			     : [out] "r"(out)
			     : "ecx", "edx", "esi", "edi", "memory", "cc");
}

static int preserved(const struct regs *r)
{
	return r->ebx == 0x11111111 && r->ecx == 0x22222222 && r->edx == 0x33333333 &&
	       r->esi == 0x44444444 && r->edi == 0x55555555 && r->ebp == 0x66666666;
}

int main(void)
{
	static const unsigned long bad[] = { 1000, 0x7fffffff, 0x80000000, 0xffffffff };
	struct regs r;

	trap_with(20, &r); /* getpid */
	check((long)r.eax > 0, "getpid through int $0x80 returns a pid (%ld)", (long)r.eax);
	check(preserved(&r), "every register but eax is preserved across a system call");
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		trap_with(bad[i], &r);
		check((long)r.eax == -ENOSYS, "system call number %#lx returns -ENOSYS (%ld)", bad[i],
		      (long)r.eax);
		check(preserved(&r), "and preserves the other registers");
	}
	return check_status();
}
