/*
 * tests/fuzz/fuzz.h: what every libFuzzer harness shares. A harness checks the
 * invariants of the parser it drives with FUZZ_CHECK: a broken one prints what broke
 * and aborts, which libFuzzer records as a crash and saves the input that caused it.
 * It also reads its input through struct fuzz_input, so that the bytes that pick
 * numbers, flags and lengths are taken from the front in a fixed order.
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond, ...)                                                      \
	do {                                                                       \
		if (!(cond)) {                                                     \
			fprintf(stderr, "%s:%d: invariant broken: %s: ", __FILE__, \
				__LINE__, #cond);                                  \
			fprintf(stderr, __VA_ARGS__);                              \
			fputc('\n', stderr);                                       \
			abort();                                                   \
		}                                                                  \
	} while (0)

struct fuzz_input {
	const uint8_t *data;
	size_t size;
};

/* The next n bytes (fewer at the end), little-endian; 0 once the input is used up. */
static inline uint64_t fuzz_take(struct fuzz_input *in, unsigned int n)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < n && in->size; i++, in->data++, in->size--)
		v |= (uint64_t)in->data[0] << (8 * i);
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
