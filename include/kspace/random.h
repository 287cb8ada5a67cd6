/* The kernel's random numbers (kernel/random.c): AT_RANDOM, getrandom. */
#ifndef KSPACE_RANDOM_H
#define KSPACE_RANDOM_H

#include <kspace/types.h>

void get_random_bytes(void *buf, size_t len);

#endif
