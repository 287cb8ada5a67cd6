/*
 * user/test-fork-cow.c: after fork, parent and child have separate memory, even though
 * a copy-on-write kernel shares the pages until one side writes. The child's writes to
 * data, bss, heap and stack never reach the parent, the parent's writes never reach
 * the child, and both start from the values at the time of fork. A child also gets
 * every region of its parent, each findable (by a fault, by /proc/self/maps, by munmap).
 */
#include <stdlib.h>
#include <sys/mman.h>
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

#define REGIONS 48 /* pages of alternating protection: as many regions */

/* In the child: each page still holds its number and is its own region; munmap finds them. */
static int check_regions(char *p)
{
	struct mapping m;

	for (int i = 0; i < REGIONS; i++) {
		unsigned long a = (unsigned long)(p + i * PAGE_SIZE);

		if (p[i * PAGE_SIZE] != i || !find_mapping(a, &m) || m.start != a ||
		    m.end != a + PAGE_SIZE || m.perms[1] != (i % 2 ? '-' : 'w'))
			return 1;
	}
	for (int i = 1; i < REGIONS; i += 2)
		if (munmap(p + i * PAGE_SIZE, PAGE_SIZE))
			return 2;
	for (int i = 0; i < REGIONS; i += 2)
		if (p[i * PAGE_SIZE] != i || find_mapping((unsigned long)(p + (i + 1) * PAGE_SIZE), &m))
			return 3;
	return 0;
}

static void check_fork_regions(void)
{
	char *p = mmap(NULL, REGIONS * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status = -1;
	pid_t pid;

	check(p != MAP_FAILED, "mmap %d pages", REGIONS);
	if (p == MAP_FAILED)
		return;
	for (int i = 0; i < REGIONS; i++) {
		p[i * PAGE_SIZE] = i;
		if (i % 2)
			mprotect(p + i * PAGE_SIZE, PAGE_SIZE, PROT_READ);
	}
	pid = fork();
	if (pid == 0)
		_exit(check_regions(p));
	if (pid > 0)
		waitpid(pid, &status, 0);
	check(status == 0, "a child gets all %d regions of its parent, each with its page and "
	      "protection, and can unmap half of them (%s)", REGIONS, describe_status(status));
	munmap(p, REGIONS * PAGE_SIZE);
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
	check_fork_regions();
	return check_status();
}
