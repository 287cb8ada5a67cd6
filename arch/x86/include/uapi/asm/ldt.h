/*
 * arch/x86/include/uapi/asm/ldt.h: struct user_desc, the segment descriptor as a
 * program describes it to set_thread_area (and modify_ldt): a base, a limit and the
 * few attribute bits a user may choose. The kernel turns it into the 8-byte format
 * the CPU reads from the GDT (arch/x86/kernel/tls.c).
 */
#ifndef _UAPI_ASM_X86_LDT_H
#define _UAPI_ASM_X86_LDT_H

struct user_desc {
	unsigned int entry_number; /* GDT index, or -1: "pick a free TLS entry and tell me" */
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit : 1;
	unsigned int contents : 2;       /* 0 data, 1 expand-down data, 2 code */
	unsigned int read_exec_only : 1;
	unsigned int limit_in_pages : 1; /* the limit counts 4 KiB pages, not bytes */
	unsigned int seg_not_present : 1;
	unsigned int useable : 1;        /* the AVL bit: the CPU ignores it */
};

#endif
