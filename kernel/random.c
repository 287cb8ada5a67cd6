/*
 * kernel/random.c: random bytes for AT_RANDOM and getrandom(2), from ChaCha20 with
 * fast key erasure, as Linux's crng: each request runs the block function on a
 * 256-bit key, hands out the keystream, and replaces the key with the first block's
 * output, so earlier output cannot be recovered from the state.
 *
 * Quality, honestly: the key is seeded from the TSC, the tick count and the RTC, and
 * the TSC is stirred in again on every request. That is unpredictable enough for
 * stack canaries and hash seeds in a teaching kernel, but it is nowhere near the
 * entropy Linux gathers from interrupts and hardware: do not make real keys with it.
 * The generator counts as ready from boot, so getrandom never blocks.
 */
#include <asm/timex.h>
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/jiffies.h>
#include <kspace/kernel.h>
#include <kspace/random.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

#define CHACHA_BLOCK_SIZE 64
#define CHACHA_KEY_WORDS 8

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004
#define MAX_RW_COUNT (0x7fffffffUL & ~(PAGE_SIZE - 1)) /* Linux's cap on one read or write */

static u32 crng_key[CHACHA_KEY_WORDS];
static u64 crng_generation; /* the block counter's high part: never reused */
static bool crng_seeded;

static u32 rol32(u32 v, int n) { return (v << n) | (v >> (32 - n)); }

#define QUARTERROUND(a, b, c, d)                              \
	do {                                                      \
		a += b; d = rol32(d ^ a, 16);                         \
		c += d; b = rol32(b ^ c, 12);                         \
		a += b; d = rol32(d ^ a, 8);                          \
		c += d; b = rol32(b ^ c, 7);                          \
	} while (0)

/* One ChaCha20 block of the key, the counter and a nonce. */
static void chacha20_block(u32 out[16], const u32 key[8], u64 counter, u64 nonce)
{
	u32 x[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, key[0], key[1], key[2], key[3],
		      key[4], key[5], key[6], key[7], (u32)counter, (u32)(counter >> 32),
		      (u32)nonce, (u32)(nonce >> 32) };
	u32 in[16];

	memcpy(in, x, sizeof(in));
	for (int i = 0; i < 10; i++) {
		QUARTERROUND(x[0], x[4], x[8], x[12]);
		QUARTERROUND(x[1], x[5], x[9], x[13]);
		QUARTERROUND(x[2], x[6], x[10], x[14]);
		QUARTERROUND(x[3], x[7], x[11], x[15]);
		QUARTERROUND(x[0], x[5], x[10], x[15]);
		QUARTERROUND(x[1], x[6], x[11], x[12]);
		QUARTERROUND(x[2], x[7], x[8], x[13]);
		QUARTERROUND(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] = x[i] + in[i];
}

static void crng_seed(void)
{
	u64 tsc = get_cycles();

	crng_key[0] ^= (u32)tsc;
	crng_key[1] ^= (u32)(tsc >> 32);
	crng_key[2] ^= jiffies;
	crng_key[3] ^= get_seconds();
	crng_key[4] ^= (u32)ktime_get_ns();
	crng_seeded = true;
}

/* A fresh key from the current one, stirring in the TSC; fills block with more output. */
static void crng_make_state(u32 block[16])
{
	u32 next[16];

	if (!crng_seeded)
		crng_seed();
	crng_key[7] ^= (u32)get_cycles();
	chacha20_block(next, crng_key, 0, ++crng_generation);
	memcpy(crng_key, next, sizeof(crng_key));
	memcpy(block, next + CHACHA_KEY_WORDS, CHACHA_BLOCK_SIZE / 2);
	chacha20_block(next, crng_key, 1, crng_generation);
	memcpy(block + CHACHA_KEY_WORDS, next, CHACHA_BLOCK_SIZE / 2);
	memset(next, 0, sizeof(next));
}

void get_random_bytes(void *buf, size_t len)
{
	u32 block[16];

	while (len) {
		size_t n = min(len, (size_t)CHACHA_BLOCK_SIZE);

		crng_make_state(block);
		memcpy(buf, block, n);
		buf = (char *)buf + n;
		len -= n;
	}
	memset(block, 0, sizeof(block));
}

/* Bytes up to the first fault; -EFAULT only if none arrived. A signal ends it between pages. */
static long get_random_bytes_user(char __user *buf, unsigned long len)
{
	unsigned long done = 0;
	u32 block[16];

	while (done < len) {
		unsigned long n = min(len - done, (unsigned long)CHACHA_BLOCK_SIZE), left;

		crng_make_state(block);
		left = copy_to_user(buf + done, block, n);
		done += n - left;
		if (left)
			break;
		if (done % PAGE_SIZE == 0 && done < len && signal_pending(current))
			break;
	}
	memset(block, 0, sizeof(block));
	return done ? (long)done : len ? -EFAULT : 0;
}

long sys_getrandom(char __user *buf, unsigned long count, unsigned int flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	count = min(count, MAX_RW_COUNT);
	if (!access_ok(buf, count))
		return -EFAULT;
	return get_random_bytes_user(buf, count);
}
