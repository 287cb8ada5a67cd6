/*
 * user/test-brk-args.c: brk with addresses it must refuse. The raw system call always
 * returns the break it ends with, so a refusal shows as the old break coming back.
 * NULL asks for the break; (char *)-1, 0xC0000000, 0xBFFFFFFF (all in or against the
 * stack and the kernel's half) and the program's text (below the heap's start) are
 * refused, and the heap keeps its contents through every refusal.
 */
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

static unsigned long sys_brk(unsigned long addr)
{
	return syscall(__NR_brk, addr);
}

static bool all_are(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

static void check_refused(unsigned long addr, unsigned long cur, const char *what)
{
	unsigned long got = sys_brk(addr);

	check(got == cur, "brk(%s) is refused: the break stays %#lx (got %#lx)", what, cur, got);
}

int main(void)
{
	unsigned long start = sys_brk(0);
	unsigned long cur = sys_brk(start + 2 * PAGE_SIZE);
	unsigned char *heap = (unsigned char *)start;

	check(cur == start + 2 * PAGE_SIZE, "the heap grows by two pages (break %#lx)", cur);
	memset(heap, 0x5a, 2 * PAGE_SIZE);
	check(sys_brk((unsigned long)NULL) == cur, "brk(NULL) gives the break");
	check_refused((unsigned long)-1, cur, "(char *)-1");
	check_refused(TASK_SIZE, cur, "0xC0000000");
	check_refused(TASK_SIZE - 1, cur, "0xBFFFFFFF");
	check_refused((unsigned long)text_page, cur, "the program's text");
	check(all_are(heap, 2 * PAGE_SIZE, 0x5a), "the heap kept its contents");
	check(sys_brk(start) == start, "the heap shrinks back to its start");
	return check_status();
}
