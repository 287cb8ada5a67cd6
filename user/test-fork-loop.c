/*
 * user/test-fork-loop.c: 1,000 rounds of fork, exit and waitpid, each child with its
 * own exit code. With KSPACE=1 the free RAM that sysinfo() reports must afterwards be
 * exactly what it was before: every page a fork takes (page tables, kernel stack, copied
 * pages) must come back when the child is reaped. Real Linux makes no such promise,
 * since its page cache, slab caches and per-CPU page lists move free memory all the
 * time, so elsewhere the numbers are only printed.
 */
#include <stdio.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define ROUNDS 1000

/* Free RAM in bytes, or 0 if sysinfo fails. */
static unsigned long long free_ram(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		return 0;
	return (unsigned long long)si.freeram * si.mem_unit;
}

/* One round; true if the child was created, exited with code and was reaped. */
static bool fork_exit_wait(int code)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == code;
}

int main(void)
{
	unsigned long long before, after;
	int good = 0;

	/* One round first, so one-time allocations (say, a cache's first slab) are not counted. */
	fork_exit_wait(0);
	before = free_ram();
	for (int i = 0; i < ROUNDS; i++)
		good += fork_exit_wait(i & 0xff);
	after = free_ram();

	check(good == ROUNDS, "%d of %d fork/exit/waitpid rounds succeeded", good, ROUNDS);
	check(before != 0 && after != 0, "sysinfo() reports free RAM");
	printf("# free RAM before %llu bytes, after %llu bytes\n", before, after);
	if (on_kspace())
		check(after == before, "free RAM returns exactly to its value before the loop");
	return check_status();
}
