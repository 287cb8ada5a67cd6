/*
 * include/uapi/asm-generic/mman-common.h: the memory-mapping constants of the system
 * call ABI (mmap, mprotect, madvise), shared by the kernel (<uapi/asm-generic/...>) and
 * libc (installed as <asm-generic/mman-common.h>). The values are Linux's, as i386
 * uses them (Linux spreads them over asm-generic/mman*.h and linux/mman.h).
 */
#ifndef _UAPI_ASM_GENERIC_MMAN_COMMON_H
#define _UAPI_ASM_GENERIC_MMAN_COMMON_H

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_SEM 0x8            /* accepted; atomics work on all memory here */
#define PROT_GROWSDOWN 0x01000000 /* mprotect: extend the change down to a stack's start */
#define PROT_GROWSUP 0x02000000

/* The mapping type: exactly one of these three. */
#define MAP_TYPE 0x0f
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03 /* MAP_SHARED, but unknown flags are an error */

#define MAP_FIXED 0x10          /* exactly at addr, replacing what is there */
#define MAP_ANONYMOUS 0x20      /* zero-filled memory; fd is ignored */
#define MAP_ANON MAP_ANONYMOUS
#define MAP_GROWSDOWN 0x0100    /* a stack: a fault just below it extends it */
#define MAP_DENYWRITE 0x0800    /* ignored, as by Linux */
#define MAP_EXECUTABLE 0x1000   /* ignored, as by Linux */
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000    /* not counted against the overcommit check */
#define MAP_POPULATE 0x8000     /* fault every page in now */
#define MAP_NONBLOCK 0x10000
#define MAP_STACK 0x20000
#define MAP_HUGETLB 0x40000
#define MAP_SYNC 0x80000
#define MAP_FIXED_NOREPLACE 0x100000 /* exactly at addr, or EEXIST if anything is there */
#define MAP_UNINITIALIZED 0x4000000

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4         /* drop the pages: private memory reads back anew */
#define MADV_FREE 8
#define MADV_REMOVE 9
#define MADV_DONTFORK 10        /* a child of fork does not get this range */
#define MADV_DOFORK 11
#define MADV_MERGEABLE 12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE 14
#define MADV_NOHUGEPAGE 15
#define MADV_DONTDUMP 16
#define MADV_DODUMP 17
#define MADV_WIPEONFORK 18      /* a child of fork gets this range zero-filled */
#define MADV_KEEPONFORK 19
#define MADV_COLD 20
#define MADV_PAGEOUT 21
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24
#define MADV_COLLAPSE 25
#define MADV_HWPOISON 100
#define MADV_SOFT_OFFLINE 101

#define MREMAP_MAYMOVE 1   /* the mapping may move if it cannot grow in place */
#define MREMAP_FIXED 2     /* move it to new_address, replacing what is there */
#define MREMAP_DONTUNMAP 4 /* move the pages, but leave the old range mapped, empty */

#endif
