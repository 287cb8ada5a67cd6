/*
 * Reaching user memory from the kernel (arch/x86/lib/usercopy.c).
 *
 * A user pointer is checked with access_ok(): the whole range must lie below
 * TASK_SIZE (PAGE_OFFSET) without wrapping around. The copy itself may still fault,
 * on a page that is not mapped or not writable. Each instruction that can fault
 * that way has an entry in the exception table (__ex_table): the page-fault handler
 * finds the faulting address there and resumes at its fixup, which makes the
 * function report failure instead of oopsing. No flag says "in a user copy": the
 * address of the faulting instruction is the whole story.
 */
#ifndef ASM_UACCESS_H
#define ASM_UACCESS_H

#include <asm/asm.h>
#include <asm/memlayout.h>
#include <kspace/errno.h>
#include <kspace/types.h>

#define __user /* marks a user-space pointer for the reader (also in kspace/compiler.h) */

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	return size <= TASK_SIZE && (unsigned long)addr <= TASK_SIZE - size;
}

/* Both return the number of bytes NOT copied; copy_from_user zero-fills those. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);

/* Copy a string of at most count bytes: its length, count if unterminated, or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long count);
/* Length including the NUL; more than n if longer; 0 on a fault. */
long strnlen_user(const char __user *s, long n);

int __get_user_1(u32 *val, const void __user *p);
int __get_user_2(u32 *val, const void __user *p);
int __get_user_4(u32 *val, const void __user *p);
int __put_user_1(u32 val, void __user *p);
int __put_user_2(u32 val, void __user *p);
int __put_user_4(u32 val, void __user *p);

/* get_user(x, ptr): 0 or -EFAULT; on failure x is zeroed. For 1-, 2- and 4-byte types. */
#define get_user(x, ptr)                                                             \
	({                                                                           \
		u32 __gu_val = 0;                                                    \
		int __gu_err = -EFAULT;                                              \
		if (access_ok(ptr, sizeof(*(ptr))))                                  \
			__gu_err = sizeof(*(ptr)) == 1   ? __get_user_1(&__gu_val, ptr) \
				   : sizeof(*(ptr)) == 2 ? __get_user_2(&__gu_val, ptr) \
							 : __get_user_4(&__gu_val, ptr); \
		(x) = (__typeof__(*(ptr)))__gu_val;                                  \
		__gu_err;                                                            \
	})

#define put_user(x, ptr)                                                                  \
	({                                                                                \
		_Static_assert(sizeof(*(ptr)) <= 4, "put_user: 1, 2 or 4 bytes");        \
		u32 __pu_val = (u32)(x);                                                  \
		!access_ok(ptr, sizeof(*(ptr))) ? -EFAULT                                 \
		: sizeof(*(ptr)) == 1		? __put_user_1(__pu_val, ptr)                \
		: sizeof(*(ptr)) == 2		? __put_user_2(__pu_val, ptr)                \
						: __put_user_4(__pu_val, ptr);               \
	})

/*
 * Single accesses without a range check, for code that has checked a whole block with
 * access_ok first (a signal frame), as Linux's unsafe_put_user/unsafe_get_user: one
 * mov each, whose exception-table entry jumps to the caller's label. A frame of many
 * fields then costs a store per field instead of a fill and a copy.
 */
/* An unqualified integer type of x's size (1, 2 or 4 bytes): what the mov moves. */
#define __uaccess_int(x)                                                                 \
	__typeof__(__builtin_choose_expr(sizeof(x) == 1, (u8)0,                          \
					 __builtin_choose_expr(sizeof(x) == 2, (u16)0, (u32)0)))

#define unsafe_put_user(x, ptr, label)                                                 \
	do {                                                                           \
		__uaccess_int(*(ptr)) __pu_val = (__uaccess_int(*(ptr)))(x);                                     \
		__asm__ goto("1:	mov %0, %1\n" _ASM_EXTABLE(1b, %l2)              \
			     : : "q"(__pu_val), "m"(*(ptr)) : : label);                 \
	} while (0)

#define unsafe_get_user(x, ptr, label)                                                 \
	do {                                                                           \
		__uaccess_int(*(ptr)) __gu_val;                                           \
		__asm__ goto("1:	mov %1, %0\n" _ASM_EXTABLE(1b, %l2)              \
			     : "=q"(__gu_val) : "m"(*(ptr)) : : label);                 \
		(x) = (__typeof__(*(ptr)))__gu_val;                                                       \
	} while (0)

#endif
