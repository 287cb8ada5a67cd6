/*
 * tests/host/test.h: the host unit-test framework; main.c is the runner.
 *
 *   TEST(vsprintf, width_and_padding) { ...; EXPECT_STREQ(buf, "   42"); }
 *
 * registers the test "vsprintf/width_and_padding". The first failed EXPECT* records
 * file:line and what failed, then returns from the function it is in: a test stops at
 * its first failure. So use EXPECT* in test bodies; helpers return a result instead.
 */
#ifndef HOST_TEST_H
#define HOST_TEST_H

#include <stdbool.h>
#include <string.h>

struct test {
	const char *name;
	void (*fn)(void);
	struct test *next;
};

void test_register(struct test *t);
__attribute__((format(printf, 3, 4))) void test_fail(const char *file, int line,
						      const char *fmt, ...);
/* End the running test now and report it: for code that cannot return to the test. */
__attribute__((noreturn)) void test_finish(void);

#define TEST(topic, name)                                                                 \
	static void test_##topic##_##name(void);                                          \
	__attribute__((constructor)) static void register_##topic##_##name(void)          \
	{                                                                                 \
		static struct test t = { #topic "/" #name, test_##topic##_##name, NULL }; \
		test_register(&t);                                                        \
	}                                                                                 \
	static void test_##topic##_##name(void)

/* Fail with a printf-style description unless cond holds. */
#define EXPECT_MSG(cond, ...)                                       \
	do {                                                        \
		if (!(cond)) {                                      \
			test_fail(__FILE__, __LINE__, __VA_ARGS__); \
			return;                                     \
		}                                                   \
	} while (0)

#define EXPECT(cond) EXPECT_MSG(cond, "%s", #cond)

#define EXPECT_EQ_INT(a, b)                                                      \
	do {                                                                     \
		long long a_ = (a), b_ = (b);                                    \
		EXPECT_MSG(a_ == b_, "%s == %s (%lld != %lld)", #a, #b, a_, b_); \
	} while (0)

#define EXPECT_STREQ(a, b)                                                                      \
	do {                                                                                    \
		const char *a_ = (a), *b_ = (b);                                                \
		EXPECT_MSG(a_ && b_ ? !strcmp(a_, b_) : a_ == b_, "%s == %s (\"%s\" != \"%s\")", \
			   #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                     \
	} while (0)

#endif
