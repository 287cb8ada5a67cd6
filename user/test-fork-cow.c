/*
 * user/test-fork-cow.c: after fork, parent and child have separate memory, even though
 * a copy-on-write kernel shares the pages until one side writes. The child's writes to
 * data, bss, heap and stack never reach the parent, the parent's writes never reach
 * the child, and both start from the values at the time of fork.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define ORIGINAL 0x600d
#define BY_CHILD 0xc41d
#define BY_PARENT 0x9a4e
#define HEAP_WORDS 3000 /* spans several pages */

static volatile int data_word = ORIGINAL; /* .data */
static volatile int bss_word;             /* .bss: zero until main sets it */
static volatile int *heap;

static bool all_are(volatile int *stack_word, int v)
{
	for (int i = 0; i < HEAP_WORDS; i++)
		if (heap[i] != v)
			return false;
	return data_word == v && bss_word == v && *stack_word == v;
}

static void set_all(volatile int *stack_word, int v)
{
	data_word = bss_word = *stack_word = v;
	for (int i = 0; i < HEAP_WORDS; i++)
		heap[i] = v;
}

/*
 * The child's exit status is a bit mask of failures: 1 if it did not start from the
 * original values, 2 if the parent's writes showed up. The parent writes at once after
 * fork while the child sleeps for 100 ms first, so the child looks after the parent wrote.
 */
static int child(volatile int *stack_word)
{
	struct timespec t = { 0, 100 * 1000 * 1000 };
	int failed = all_are(stack_word, ORIGINAL) ? 0 : 1;

	nanosleep(&t, NULL);
	if (!all_are(stack_word, ORIGINAL))
		failed |= 2;
	set_all(stack_word, BY_CHILD);
	return all_are(stack_word, BY_CHILD) ? failed : failed | 4;
}

int main(void)
{
	volatile int stack_word = ORIGINAL;
	int status = -1;
	pid_t pid;

	heap = malloc(HEAP_WORDS * sizeof(int));
	check(heap != NULL, "malloc a %u-byte heap buffer", HEAP_WORDS * (unsigned int)sizeof(int));
	if (!heap)
		return check_status();
	set_all(&stack_word, ORIGINAL);

	pid = fork();
	if (pid == 0)
		_exit(child(&stack_word));
	check(pid > 0, "fork");
	set_all(&stack_word, BY_PARENT);
	if (pid > 0)
		waitpid(pid, &status, 0);
	check(status != -1 && WIFEXITED(status), "the child exits normally (%s)",
	      describe_status(status));
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 7;
	check(!(status & 1), "the child starts with the values at fork");
	check(!(status & 2), "the parent's writes after fork do not reach the child");
	check(!(status & 4), "the child's own writes stick in the child");
	check(all_are(&stack_word, BY_PARENT),
	      "the child's writes to data, bss, heap and stack do not reach the parent");
	return check_status();
}
