/*
 * kernel/random.c: random bytes for AT_RANDOM and getrandom(2), from ChaCha20
 * (kernel/chacha.c) with fast key erasure, as Linux's crng does: for every 64 bytes
 * handed out, the block function runs on the 256-bit key with a fresh nonce; half of
 * its output replaces the key, the rest and one more block become the bytes. The old
 * key is gone, so earlier output cannot be recovered from the state.
 *
 * Quality, honestly: the key is seeded from the TSC, the tick count and the RTC, and
 * the TSC is stirred in again on every request. That is unpredictable enough for
 * stack canaries and hash seeds in a teaching kernel, but it is nowhere near the
 * entropy Linux gathers from interrupts and hardware: do not make real keys with it.
 * The generator counts as ready from boot, so getrandom never blocks.
 */
#include <asm/timex.h>
#include <asm/uaccess.h>
#include <kspace/chacha.h>
#include <kspace/errno.h>
#include <kspace/jiffies.h>
#include <kspace/kernel.h>
#include <kspace/random.h>
#include <kspace/sched.h>
#include <kspace/signal.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <kspace/timer.h>

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004
#define MAX_RW_COUNT (0x7fffffffUL & ~(PAGE_SIZE - 1)) /* Linux's cap on one read or write */

static u32 crng_key[CHACHA_KEY_WORDS];
static u64 crng_generation; /* each request's nonce: never reused */
static bool crng_seeded;

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
static void crng_make_state(u32 block[CHACHA_BLOCK_WORDS])
{
	u32 next[CHACHA_BLOCK_WORDS];

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
	u32 block[CHACHA_BLOCK_WORDS];

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
	u32 block[CHACHA_BLOCK_WORDS];

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
