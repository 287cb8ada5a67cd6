/*
 * include/uapi/asm-generic/resource.h: Linux's resource numbers for getrlimit,
 * setrlimit and prlimit64, shared by the kernel (<kspace/resource.h>, which says which
 * ones kspace enforces) and libc (<sys/resource.h>).
 */
#ifndef _UAPI_ASM_GENERIC_RESOURCE_H
#define _UAPI_ASM_GENERIC_RESOURCE_H

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16

#define RLIM_INFINITY (~0UL)      /* struct rlimit's "no limit" (32-bit fields on i386) */
#define RLIM64_INFINITY (~0ULL)   /* struct rlimit64's, prlimit64 */

#endif
