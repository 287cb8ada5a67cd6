/*
 * tests/host/test_chacha.c: kernel/chacha.c's block function against RFC 7539's test
 * vector (section 2.3.2), and the counter and nonce reaching their state words.
 */
#include "kapi.h"
#include "test.h"

#include <kspace/chacha.h>

/* RFC 7539 2.3.2: key 00..1f, block count 1, nonce 00:00:00:09:00:00:00:4a:00:00:00:00. */
TEST(chacha, rfc7539_block)
{
	static const u32 want[CHACHA_BLOCK_WORDS] = {
		0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3, 0xc7f4d1c7, 0x0368c033,
		0x9aaa2204, 0x4e6cd4c3, 0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9,
		0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2,
	};
	u32 key[CHACHA_KEY_WORDS], out[CHACHA_BLOCK_WORDS];

	for (int i = 0; i < CHACHA_KEY_WORDS; i++) /* bytes 4i..4i+3, little-endian */
		key[i] = (4 * i) | (4 * i + 1) << 8 | (4 * i + 2) << 16 | (u32)(4 * i + 3) << 24;
	/* The RFC's 32-bit counter and 96-bit nonce fill the same four words. */
	chacha20_block(out, key, (u64)0x09000000 << 32 | 1, 0x4a000000);
	for (int i = 0; i < CHACHA_BLOCK_WORDS; i++)
		EXPECT_MSG(out[i] == want[i], "word %d: %08x, want %08x", i, out[i], want[i]);
}

TEST(chacha, counter_and_nonce_change_the_block)
{
	u32 key[CHACHA_KEY_WORDS] = { 0 }, a[CHACHA_BLOCK_WORDS], b[CHACHA_BLOCK_WORDS];

	chacha20_block(a, key, 0, 0);
	chacha20_block(b, key, 1, 0);
	EXPECT(memcmp(a, b, sizeof(a)) != 0);
	chacha20_block(b, key, (u64)1 << 32, 0);
	EXPECT(memcmp(a, b, sizeof(a)) != 0);
	chacha20_block(b, key, 0, (u64)1 << 32);
	EXPECT(memcmp(a, b, sizeof(a)) != 0);
	chacha20_block(b, key, 0, 0);
	EXPECT(memcmp(a, b, sizeof(a)) == 0);
}
