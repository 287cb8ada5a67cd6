/* Error numbers, with Linux/i386's values: kernel functions return them negated. */
#ifndef KSPACE_ERRNO_H
#define KSPACE_ERRNO_H

#include <uapi/asm-generic/errno.h>

#endif
