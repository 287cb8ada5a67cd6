/* The ChaCha20 block function (kernel/chacha.c), the core of kernel/random.c. */
#ifndef KSPACE_CHACHA_H
#define KSPACE_CHACHA_H

#include <kspace/types.h>

#define CHACHA_KEY_WORDS 8
#define CHACHA_BLOCK_WORDS 16
#define CHACHA_BLOCK_SIZE (CHACHA_BLOCK_WORDS * 4)

/*
 * One 64-byte block of keystream for key, a 64-bit block counter and a 64-bit nonce
 * (state words 12-13 and 14-15, Bernstein's layout), as 16 little-endian words.
 */
void chacha20_block(u32 out[CHACHA_BLOCK_WORDS], const u32 key[CHACHA_KEY_WORDS], u64 counter,
		    u64 nonce);

#endif
