/*
 * user/test-stack.c: the user stack grows on demand. A recursion 256 KiB deep (64
 * pages) works and computes the right answer; a recursion without end, in a child,
 * ends with SIGSEGV when the stack reaches its limit instead of hanging or corrupting
 * memory below it. The child sets a 2 MiB limit first: the default 8 MiB would outgrow
 * a 16 MiB machine's RAM, and then the OOM killer's SIGKILL, not the limit, ends it.
 */
#include <limits.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "check.h"

#define FRAME_BYTES 1024
#define DEEP 256 /* frames: 256 KiB of stack */

/* Each frame fills a KiB of stack and adds it up after the deeper call returns. */
static unsigned long recurse(int depth, int limit)
{
	volatile unsigned char frame[FRAME_BYTES];
	unsigned long sum = 0;

	for (int i = 0; i < FRAME_BYTES; i++)
		frame[i] = (unsigned char)depth;
	if (depth + 1 < limit)
		sum = recurse(depth + 1, limit);
	for (int i = 0; i < FRAME_BYTES; i++)
		sum += frame[i];
	return sum;
}

static void recurse_forever(void)
{
	struct rlimit limit = { 2 << 20, 2 << 20 };

	if (setrlimit(RLIMIT_STACK, &limit))
		return; /* exit 0: the check below fails */
	recurse(0, INT_MAX); /* 2 TiB of frames: far past any stack limit */
}

int main(void)
{
	unsigned long expected = 0;

	for (int depth = 0; depth < DEEP; depth++)
		expected += (unsigned long)(depth & 0xff) * FRAME_BYTES;
	check(recurse(0, DEEP) == expected, "a %d KiB deep recursion works",
	      DEEP * FRAME_BYTES / 1024);

	int status = run_in_child(recurse_forever);
	check(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "unbounded recursion dies with SIGSEGV (child %s)", describe_status(status));
	return check_status();
}
