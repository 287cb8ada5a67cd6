/*
 * arch/x86/lib/usercopy_bench.c: what the user/kernel boundary costs a copy. A 4 KiB
 * copy_from_user against a 4 KiB memcpy: the difference is access_ok and the call,
 * since the copy loop is the same and the exception table costs nothing until a
 * fault happens.
 */
#include <asm/uaccess.h>
#include <kspace/bench.h>
#include <kspace/mman.h>
#include <kspace/string.h>

#define USER_BUF 0x20000000UL
#define SIZE 4096
#define N 200

static char kbuf[SIZE], kbuf2[SIZE];

BENCH(copy_from_user_4k)
{
	struct mm_struct *mm = mm_borrow(USER_BUF, USER_BUF + SIZE);
	int n = 0;

	if (!mm)
		return 0;
	copy_to_user((void __user *)USER_BUF, kbuf2, SIZE); /* fault the page in first */
	BENCH_TIME(for (; n < N; n++) copy_from_user(kbuf, (const void __user *)USER_BUF, SIZE));
	mm_return(mm);
	return n;
}

BENCH(memcpy_4k)
{
	BENCH_TIME(for (int i = 0; i < N; i++) {
		memcpy(kbuf, kbuf2, SIZE);
		barrier(); /* keep every copy */
	});
	return N;
}
