/*
 * arch/x86/lib/usercopy.c: copy_from_user and friends (see asm/uaccess.h).
 *
 * Each user access is one labelled instruction with an _ASM_EXTABLE entry; its
 * fixup, in the .fixup section, computes what was not done and jumps back to the
 * end. The copies use rep movsl then rep movsb, as memcpy does, so a user copy
 * costs what a kernel copy costs. If the word copy faults, the fixup finishes
 * byte by byte, so the count of bytes not copied is exact to the byte.
 *
 * A large copy (file data moves a page at a time) goes 128 bytes per step through the
 * eight XMM registers instead: a quarter of rep movsl's steps. Those registers hold the
 * current task's user state, so the copy saves them first, on its own kernel stack,
 * and puts them back after. A fault inside may sleep, and another thread may have
 * unmapped the page on another CPU: every XMM access is in the exception table too.
 * While the task sleeps, the scheduler saves and restores the registers' kernel
 * values with the rest of its FPU state, so the copy resumes as it was; if the fault
 * cannot be mended, the user state comes back from the stack and the plain copy
 * finishes the rest, counting exactly what it could not copy.
 */
#include <asm/fpu.h>
#include <asm/uaccess.h>
#include <kspace/kernel.h>
#include <kspace/lockdep.h>
#include <kspace/string.h>

#define SSE_COPY_MIN 1024 /* below this, saving the FPU state costs more than it saves */

static unsigned long __copy_user(void *to, const void *from, unsigned long n);

/* One 16-byte move of step: XMMn from the source, or XMMn to the destination. */
#define SSE_LOAD(n) "10" #n ":	movups " #n "*16(%%esi), %%xmm" #n "\n"
#define SSE_STORE(n) "20" #n ":	movups %%xmm" #n ", " #n "*16(%%edi)\n"
#define SSE_EXTABLE(n) _ASM_EXTABLE(10##n##b, 3b) _ASM_EXTABLE(20##n##b, 3b)

/*
 * n / 128 steps of 128 bytes through XMM0-7, the registers saved around them; returns
 * the bytes of those steps not copied (a fault the page fault handler could not mend:
 * the step it hit and those after it).
 */
static unsigned long sse_copy(void *to, const void *from, unsigned long n)
{
	u8 saved[512] __attribute__((aligned(16)));
	unsigned long steps = n / 128, d0, d1;

	__asm__ __volatile__("fxsave %[saved]\n"
			     "1:\n"
			     SSE_LOAD(0) SSE_LOAD(1) SSE_LOAD(2) SSE_LOAD(3)
			     SSE_LOAD(4) SSE_LOAD(5) SSE_LOAD(6) SSE_LOAD(7)
			     SSE_STORE(0) SSE_STORE(1) SSE_STORE(2) SSE_STORE(3)
			     SSE_STORE(4) SSE_STORE(5) SSE_STORE(6) SSE_STORE(7)
			     "	addl $128, %%esi\n"
			     "	addl $128, %%edi\n"
			     "	decl %%ecx\n"
			     "	jnz 1b\n"
			     "2:	fxrstor %[saved]\n"
			     ".pushsection .fixup, \"ax\"\n"
			     "3:	jmp 2b\n" /* ecx: the steps not done */
			     ".popsection\n"
			     SSE_EXTABLE(0) SSE_EXTABLE(1) SSE_EXTABLE(2) SSE_EXTABLE(3)
			     SSE_EXTABLE(4) SSE_EXTABLE(5) SSE_EXTABLE(6) SSE_EXTABLE(7)
			     : "+c"(steps), "=&D"(d0), "=&S"(d1), [saved] "=m"(saved)
			     : "1"(to), "2"(from)
			     : "memory");
	return steps * 128;
}

/*
 * The large-copy path, for n >= SSE_COPY_MIN: the 128-byte steps, then the rest by
 * the plain copy, which also retries what a fault stopped and counts it exactly.
 * Returns the bytes not copied.
 */
static unsigned long copy_user_sse(void *to, const void *from, unsigned long n)
{
	unsigned long bulk = n & ~127UL, done = bulk - sse_copy(to, from, bulk);

	return __copy_user((char *)to + done, (const char *)from + done, n - done);
}

static unsigned long __copy_user(void *to, const void *from, unsigned long n)
{
	unsigned long d0, d1;

	__asm__ __volatile__("0:	rep movsl\n"
			     "	movl %[rest], %%ecx\n"
			     "1:	rep movsb\n"
			     "2:\n"
			     ".pushsection .fixup, \"ax\"\n"
			     "3:	leal (%[rest], %%ecx, 4), %%ecx\n" /* bytes left */
			     "	jmp 1b\n"                           /* retry them one by one */
			     "4:	jmp 2b\n"                           /* ecx: bytes not copied */
			     ".popsection\n"
			     _ASM_EXTABLE(0b, 3b)
			     _ASM_EXTABLE(1b, 4b)
			     : "=&c"(n), "=&D"(d0), "=&S"(d1)
			     : "0"(n / 4), [rest] "r"(n & 3), "1"(to), "2"(from)
			     : "memory");
	return n;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	might_sleep(); /* a fault on the user page may have to wait for it (Linux's might_fault) */
	if (access_ok(from, n))
		left = n >= SSE_COPY_MIN && fpu_has_sse ? copy_user_sse(to, (const void *)from, n)
		       : __copy_user(to, (const void *)from, n);
	if (left) /* never leave stale kernel data in the caller's buffer */
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	might_sleep();
	if (!access_ok(to, n))
		return n;
	if (n >= SSE_COPY_MIN && fpu_has_sse)
		return copy_user_sse((void *)to, from, n);
	return __copy_user((void *)to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	unsigned long d0;

	if (!access_ok(to, n))
		return n;
	__asm__ __volatile__("0:	rep stosb\n"
			     "1:\n"
			     ".pushsection .fixup, \"ax\"\n"
			     "2:	jmp 1b\n" /* ecx: bytes not cleared */
			     ".popsection\n"
			     _ASM_EXTABLE(0b, 2b)
			     : "+c"(n), "=&D"(d0)
			     : "a"(0), "1"(to)
			     : "memory");
	return n;
}

/* Bytes before the NUL within count (count if none), or -EFAULT. */
static long __strncpy_from_user(char *dst, const char __user *src, long count)
{
	long res = count, d0, d1;

	__asm__ __volatile__("	testl %0, %0\n"
			     "	jz 2f\n"
			     "0:	lodsb\n"
			     "	stosb\n"
			     "	testb %%al, %%al\n"
			     "	jz 1f\n"
			     "	decl %0\n"
			     "	jnz 0b\n"
			     "1:	subl %0, %3\n"
			     "	movl %3, %0\n"
			     "2:\n"
			     ".pushsection .fixup, \"ax\"\n"
			     "3:	movl %5, %0\n"
			     "	jmp 2b\n"
			     ".popsection\n"
			     _ASM_EXTABLE(0b, 3b)
			     : "+c"(res), "=&S"(d0), "=&D"(d1), "+r"(count)
			     : "1"(src), "i"(-EFAULT), "2"(dst)
			     : "eax", "memory");
	return res;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	if (count <= 0)
		return count < 0 ? -EFAULT : 0;
	/* Only the part below TASK_SIZE may be read; a string reaching past it faults. */
	if ((unsigned long)src >= TASK_SIZE)
		return -EFAULT;
	if ((unsigned long)count > TASK_SIZE - (unsigned long)src)
		count = TASK_SIZE - (unsigned long)src;
	return __strncpy_from_user(dst, src, count);
}

long strnlen_user(const char __user *s, long n)
{
	for (long i = 0; i < n; i++) {
		u32 c;

		if (!access_ok(s + i, 1) || __get_user_1(&c, s + i))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}

#define DEFINE_GET_USER(size, type, insn, reg)                                         \
	int __get_user_##size(u32 *val, const void __user *p)                          \
	{                                                                              \
		int err = 0;                                                           \
		u32 v = 0;                                                             \
		__asm__ __volatile__("1:	" insn " %2, %" reg "1\n"                   \
				     "2:\n"                                            \
				     ".pushsection .fixup, \"ax\"\n"                   \
				     "3:	movl %3, %0\n"                              \
				     "	jmp 2b\n"                                      \
				     ".popsection\n"                                   \
				     _ASM_EXTABLE(1b, 3b)                              \
				     : "+r"(err), "+q"(v)                              \
				     : "m"(*(const type *)p), "i"(-EFAULT));          \
		*val = err ? 0 : v;                                                    \
		return err;                                                            \
	}

#define DEFINE_PUT_USER(size, type, insn, reg)                                         \
	int __put_user_##size(u32 val, void __user *p)                                 \
	{                                                                              \
		int err = 0;                                                           \
		__asm__ __volatile__("1:	" insn " %" reg "1, %2\n"                   \
				     "2:\n"                                            \
				     ".pushsection .fixup, \"ax\"\n"                   \
				     "3:	movl %3, %0\n"                              \
				     "	jmp 2b\n"                                      \
				     ".popsection\n"                                   \
				     _ASM_EXTABLE(1b, 3b)                              \
				     : "+r"(err)                                       \
				     : "q"(val), "m"(*(type *)p), "i"(-EFAULT)         \
				     : "memory");                                      \
		return err;                                                            \
	}

DEFINE_GET_USER(1, u8, "movb", "b")
DEFINE_GET_USER(2, u16, "movw", "w")
DEFINE_GET_USER(4, u32, "movl", "k")
DEFINE_PUT_USER(1, u8, "movb", "b")
DEFINE_PUT_USER(2, u16, "movw", "w")
DEFINE_PUT_USER(4, u32, "movl", "k")
