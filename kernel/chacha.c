/*
 * kernel/chacha.c: the ChaCha20 block function (Bernstein; RFC 7539 section 2.3):
 * twenty rounds of add-rotate-xor over a 4x4 matrix of words holding the constant
 * "expand 32-byte k", the key, the counter and the nonce, then the input added back.
 * tests/host/test_chacha.c checks it against the RFC's test vector.
 */
#include <kspace/chacha.h>

static u32 rol32(u32 v, int n)
{
	return (v << n) | (v >> (32 - n));
}

static void quarter_round(u32 *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = rol32(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rol32(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rol32(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rol32(x[b] ^ x[c], 7);
}

void chacha20_block(u32 out[CHACHA_BLOCK_WORDS], const u32 key[CHACHA_KEY_WORDS], u64 counter,
		    u64 nonce)
{
	const u32 in[CHACHA_BLOCK_WORDS] = {
		0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, key[0], key[1], key[2], key[3],
		key[4], key[5], key[6], key[7], (u32)counter, (u32)(counter >> 32),
		(u32)nonce, (u32)(nonce >> 32),
	};
	u32 x[CHACHA_BLOCK_WORDS];

	for (int i = 0; i < CHACHA_BLOCK_WORDS; i++)
		x[i] = in[i];
	for (int i = 0; i < 10; i++) { /* a column round and a diagonal round: 20 in all */
		quarter_round(x, 0, 4, 8, 12);
		quarter_round(x, 1, 5, 9, 13);
		quarter_round(x, 2, 6, 10, 14);
		quarter_round(x, 3, 7, 11, 15);
		quarter_round(x, 0, 5, 10, 15);
		quarter_round(x, 1, 6, 11, 12);
		quarter_round(x, 2, 7, 8, 13);
		quarter_round(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < CHACHA_BLOCK_WORDS; i++)
		out[i] = x[i] + in[i];
}
