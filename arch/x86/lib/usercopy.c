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
 * current task's user state, so the copy saves them first and puts them back after
 * (fxsave/fxrstor, in the same asm statement). It must not fault: a fault may sleep,
 * and the next task would run with the kernel's values in its registers. So every
 * user page of the range is touched first, each touch in the exception table; if one
 * fails, the plain copy does the work and counts exactly what it could not copy. With
 * one CPU, a kernel that is not preempted and no page reclaim, touched pages stay
 * present until the copy ends.
 */
#include <asm/fpu.h>
#include <asm/uaccess.h>
#include <kspace/kernel.h>
#include <kspace/lockdep.h>
#include <kspace/string.h>

#define SSE_COPY_MIN 1024 /* below this, saving the FPU state costs more than it saves */

/* One access of insn to the user byte at p; bad becomes 1 if it faults. */
#define touch_user_byte(insn, bad, p, clobbers...)			\
	__asm__ __volatile__("0:	" insn "\n"				\
			     "1:\n"						\
			     ".pushsection .fixup, \"ax\"\n"			\
			     "2:	movl $1, %0\n"				\
			     "	jmp 1b\n"					\
			     ".popsection\n"					\
			     _ASM_EXTABLE(0b, 2b)				\
			     : "+r"(bad) : "r"(p) : "memory", ##clobbers)

/* Touch each user page of [addr, addr + n), inside the range: all present (writable if write)? */
static bool prefault(unsigned long addr, unsigned long n, bool write)
{
	unsigned long page = addr & PAGE_MASK, last = (addr + n - 1) & PAGE_MASK;
	int bad = 0;

	for (;;) {
		if (write)
			touch_user_byte("orb $0, (%1)", bad, max(page, addr)); /* changes nothing */
		else
			touch_user_byte("movb (%1), %%al", bad, max(page, addr), "eax");
		if (bad || page == last)
			return !bad;
		page += PAGE_SIZE;
	}
}

/* n / 128 steps of 128 bytes through XMM0-7, the registers saved around them. */
static void sse_copy(void *to, const void *from, unsigned long n)
{
	static u8 saved[512] __attribute__((aligned(16)));
	unsigned long steps = n / 128, d0, d1;

	__asm__ __volatile__("fxsave %[saved]\n"
			     "1:	movups 0(%%esi), %%xmm0\n"
			     "	movups 16(%%esi), %%xmm1\n"
			     "	movups 32(%%esi), %%xmm2\n"
			     "	movups 48(%%esi), %%xmm3\n"
			     "	movups 64(%%esi), %%xmm4\n"
			     "	movups 80(%%esi), %%xmm5\n"
			     "	movups 96(%%esi), %%xmm6\n"
			     "	movups 112(%%esi), %%xmm7\n"
			     "	movups %%xmm0, 0(%%edi)\n"
			     "	movups %%xmm1, 16(%%edi)\n"
			     "	movups %%xmm2, 32(%%edi)\n"
			     "	movups %%xmm3, 48(%%edi)\n"
			     "	movups %%xmm4, 64(%%edi)\n"
			     "	movups %%xmm5, 80(%%edi)\n"
			     "	movups %%xmm6, 96(%%edi)\n"
			     "	movups %%xmm7, 112(%%edi)\n"
			     "	addl $128, %%esi\n"
			     "	addl $128, %%edi\n"
			     "	decl %%ecx\n"
			     "	jnz 1b\n"
			     "fxrstor %[saved]\n"
			     : "+c"(steps), "=&D"(d0), "=&S"(d1), [saved] "+m"(saved)
			     : "1"(to), "2"(from)
			     : "memory");
}

/*
 * The large-copy path: the user side touched, the 128-byte steps, the tail by the plain
 * copy (which cannot fault now); for n >= SSE_COPY_MIN. Returns false, having done
 * nothing, without SSE or when a page is missing.
 */
static bool copy_user_sse(void *to, const void *from, unsigned long n, const void __user *user,
			  bool user_is_dest)
{
	unsigned long bulk = n & ~127UL;

	if (!fpu_has_sse || !prefault((unsigned long)user, n, user_is_dest))
		return false;
	sse_copy(to, from, bulk);
	if (n > bulk)
		memcpy((char *)to + bulk, (const char *)from + bulk, n - bulk);
	return true;
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
		left = n >= SSE_COPY_MIN && copy_user_sse(to, (const void *)from, n, from, false) ? 0
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
	if (n >= SSE_COPY_MIN && copy_user_sse((void *)to, from, n, to, true))
		return 0;
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
