/* Fixed-width integer types and the few standard typedefs the kernel uses. */
#ifndef KSPACE_TYPES_H
#define KSPACE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef s64 loff_t; /* a file position: 64 bits, as _llseek gives them */

typedef long ssize_t;
typedef u32 phys_addr_t; /* no PAE: physical addresses the kernel maps fit in 32 bits */

#endif
