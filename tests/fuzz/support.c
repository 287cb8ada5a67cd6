/*
 * tests/fuzz/support.c: the host test runner's failure hooks for the harnesses. The
 * host stand-ins they link (tests/host/stubs.c, mm_sim.c, ...) report trouble with
 * test_fail() and test_finish(); under libFuzzer, trouble is a crash: print it and
 * abort, so the input is saved.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "../host/test.h"

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void test_finish(void)
{
	abort();
}

void test_register(struct test *t)
{
	(void)t; /* no TEST()s are linked into a harness */
}
