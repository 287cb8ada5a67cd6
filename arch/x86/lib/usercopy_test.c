/*
 * arch/x86/lib/usercopy_test.c: the user-access helpers, after Linux's usercopy
 * KUnit cases. The test task borrows a small user address space: one mapped page at
 * USER_PAGE with nothing mapped after it, so copies can run off its end.
 */
#include <asm/fpu.h>
#include <asm/uaccess.h>
#include <kspace/mman.h>
#include <kspace/sched.h>
#include <kspace/selftest.h>
#include <kspace/string.h>

#define USER_PAGE 0x20000000UL
#define USER_END (USER_PAGE + PAGE_SIZE) /* unmapped from here */
#define KERNEL_ADDR ((void *)0xC0100000)

/* Run body in the borrowed address space, and always give it back. */
static int with_test_mm(int (*body)(void))
{
	struct mm_struct *mm = mm_borrow(USER_PAGE, USER_END);
	int ret;

	if (!mm)
		return -1;
	ret = body();
	mm_return(mm);
	return ret;
}

static int usercopy_round_trip_and_residue_body(void)
{
	char out[32], in[32];
	char __user *u = (char __user *)USER_PAGE;

	for (int i = 0; i < 32; i++)
		out[i] = (char)(i + 1);
	EXPECT(copy_to_user(u + 100, out, 32) == 0);
	EXPECT(copy_from_user(in, u + 100, 32) == 0 && !memcmp(in, out, 32));
	/* 5 bytes left before the unmapped page: exactly 27 not copied, and zero-filled. */
	memset(in, 0x55, sizeof(in));
	EXPECT(copy_from_user(in, (char __user *)USER_END - 5, 32) == 27);
	EXPECT(in[4] != 0 || in[0] == 0); /* the mapped bytes were copied */
	for (int i = 5; i < 32; i++)
		EXPECT(in[i] == 0);
	EXPECT(copy_to_user((char __user *)USER_END - 3, out, 32) == 29);
	EXPECT(clear_user((char __user *)USER_END - 7, 16) == 9);
	return 0;
}

SELFTEST(usercopy_round_trip_and_residue)
{
	return with_test_mm(usercopy_round_trip_and_residue_body);
}

/*
 * A copy large enough for the XMM path that runs into the unmapped page: the count of
 * bytes not copied is exact, the mapped part arrives, and the XMM registers (the
 * user's, in a real system call) hold what they held before.
 */
static int usercopy_large_runs_off_the_end_body(void)
{
	static const u32 mark[4] = { 0x01234567, 0x89abcdef, 0xdeadbeef, 0x5a5a5a5a };
	static char out[3000], in[3000];
	const unsigned long n = sizeof(out), mapped = 1000;
	u32 xmm0[4];

	for (unsigned long i = 0; i < n; i++)
		out[i] = (char)(i * 7);
	if (fpu_has_sse)
		__asm__ __volatile__("movups %0, %%xmm0" : : "m"(mark));
	EXPECT(copy_to_user((char __user *)USER_END - mapped, out, n) == n - mapped);
	memset(in, 0x55, n);
	EXPECT(copy_from_user(in, (char __user *)USER_END - mapped, n) == n - mapped);
	EXPECT(!memcmp(in, out, mapped) && in[mapped] == 0 && in[n - 1] == 0);
	EXPECT(copy_to_user((char __user *)USER_PAGE, out, 2048) == 0);
	EXPECT(copy_from_user(in, (char __user *)USER_PAGE, 2048) == 0 && !memcmp(in, out, 2048));
	if (fpu_has_sse) {
		__asm__ __volatile__("movups %%xmm0, %0" : "=m"(xmm0));
		EXPECT(!memcmp(xmm0, mark, sizeof(mark)));
	}
	return 0;
}

SELFTEST(usercopy_large_runs_off_the_end)
{
	return with_test_mm(usercopy_large_runs_off_the_end_body);
}

static int usercopy_rejects_kernel_and_wrapping_body(void)
{
	char buf[32]; /* a rejected copy still zero-fills all n bytes */
	u32 v = 123;

	memset(buf, 0x55, sizeof(buf));
	EXPECT(copy_from_user(buf, KERNEL_ADDR, 16) == 16 && buf[0] == 0 && buf[15] == 0);
	EXPECT(copy_to_user(KERNEL_ADDR, buf, 16) == 16);
	EXPECT(clear_user(KERNEL_ADDR, 16) == 16);
	EXPECT(get_user(v, (u32 __user *)KERNEL_ADDR) == -EFAULT && v == 0);
	EXPECT(put_user(v, (u32 __user *)KERNEL_ADDR) == -EFAULT);
	EXPECT(strncpy_from_user(buf, KERNEL_ADDR, 16) == -EFAULT);
	EXPECT(strnlen_user(KERNEL_ADDR, 16) == 0);
	/* The last user bytes: 0xBFFFFFFF with 2 bytes reaches TASK_SIZE. */
	EXPECT(!access_ok((void __user *)0xBFFFFFFF, 2) && access_ok((void __user *)0xBFFFFFFF, 1));
	EXPECT(copy_from_user(buf, (void __user *)0xFFFFFFF0, 32) == 32); /* wraps */
	EXPECT(!access_ok((void __user *)0x10, 0xFFFFFFF8));
	/* Zero-length copies succeed whatever the pointer. */
	EXPECT(copy_from_user(buf, (void __user *)0xFFFFFFFF, 0) == 0);
	EXPECT(copy_to_user(NULL, buf, 0) == 0);
	return 0;
}

SELFTEST(usercopy_rejects_kernel_and_wrapping)
{
	return with_test_mm(usercopy_rejects_kernel_and_wrapping_body);
}

static int usercopy_get_put_user_sizes_body(void)
{
	u8 b = 0;
	u16 w = 0;
	u32 l = 0;

	EXPECT(put_user((u32)0x11223344, (u32 __user *)(USER_PAGE + 1)) == 0); /* unaligned */
	EXPECT(get_user(l, (u32 __user *)(USER_PAGE + 1)) == 0 && l == 0x11223344);
	EXPECT(get_user(w, (u16 __user *)(USER_PAGE + 2)) == 0 && w == 0x2233);
	EXPECT(get_user(b, (u8 __user *)(USER_PAGE + 4)) == 0 && b == 0x11);
	EXPECT(put_user((u8)0x7f, (u8 __user *)(USER_END - 1)) == 0);
	l = 99;
	EXPECT(get_user(l, (u32 __user *)(USER_END - 2)) == -EFAULT && l == 0); /* straddles */
	EXPECT(put_user((u16)1, (u16 __user *)(USER_END - 1)) == -EFAULT);
	return 0;
}

SELFTEST(usercopy_get_put_user_sizes)
{
	return with_test_mm(usercopy_get_put_user_sizes_body);
}

static int usercopy_strings_body(void)
{
	char __user *u = (char __user *)USER_PAGE;
	char buf[16];

	EXPECT(copy_to_user(u, "kspace", 7) == 0);
	EXPECT(strncpy_from_user(buf, u, 16) == 6 && !strcmp(buf, "kspace"));
	EXPECT(strncpy_from_user(buf, u, 3) == 3);  /* no NUL within count: count */
	EXPECT(strncpy_from_user(buf, u, 0) == 0);
	EXPECT(strnlen_user(u, 16) == 7);           /* with the NUL */
	EXPECT(strnlen_user(u, 3) == 4);            /* longer than n: more than n */
	/* An unterminated string running into the unmapped page faults. */
	EXPECT(copy_to_user((char __user *)USER_END - 4, "abcd", 4) == 0);
	EXPECT(strncpy_from_user(buf, (char __user *)USER_END - 4, 16) == -EFAULT);
	EXPECT(strnlen_user((char __user *)USER_END - 4, 16) == 0);
	return 0;
}

SELFTEST(usercopy_strings)
{
	return with_test_mm(usercopy_strings_body);
}
