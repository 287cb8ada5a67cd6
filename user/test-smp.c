/*
 * user/test-smp.c: tasks on several CPUs. getcpu and its errors; pinning with
 * sched_setaffinity moves the caller at once, a sleeping task when it wakes and a
 * running one on another CPU soon; /proc/<pid>/stat's processor field follows; and
 * eight busy processes are seen running on more than one CPU when there is more
 * than one; FUTEX_WAKE_OP's add to a word loses nothing to another CPU's adds; and
 * processes on several CPUs touching the pages of one shared anonymous mapping for
 * the first time, all at once, share every page. The number of CPUs comes from
 * sched_getaffinity, so the same checks hold at -smp 1, at -smp 4 and on Linux.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define BAD_PTR ((void *)0x10)
#define KERNEL_PTR ((void *)0xC0001000)
#define NR_BUSY 8

static int ncpus;           /* CPUs the test may use: the bits of its affinity mask */
static unsigned long cpus;  /* that mask */

static long getcpu(unsigned int *cpu, unsigned int *node)
{
	return syscall(__NR_getcpu, cpu, node, NULL);
}

static int this_cpu(void)
{
	unsigned int cpu = ~0U;

	return getcpu(&cpu, NULL) == 0 ? (int)cpu : -1;
}

static long pin(pid_t pid, int cpu)
{
	unsigned long mask = 1UL << cpu;

	return syscall(__NR_sched_setaffinity, pid, sizeof(mask), &mask);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/* Field 39 of /proc/<pid>/stat: the CPU the task last ran on; -1 if unreadable. */
static int stat_cpu(pid_t pid)
{
	char path[32], buf[1024], *p;
	int field = 2;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_text(path, buf, sizeof(buf)) < 0 || !(p = strrchr(buf, ')')))
		return -1;
	for (p++; *p && field < 39; p++)
		if (*p == ' ')
			field++;
	return field == 39 ? atoi(p) : -1;
}

static void check_getcpu(void)
{
	unsigned int cpu = ~0U, node = ~0U;
	long r = getcpu(&cpu, &node);

	check(r == 0 && (cpus >> cpu & 1) && node == 0, "getcpu: an allowed CPU (%u), node 0 (%s)", cpu,
	      r == 0 ? "0" : strerror(errno));
	check(getcpu(NULL, NULL) == 0, "getcpu with both pointers NULL: 0");
	r = getcpu(BAD_PTR, NULL);
	check(r == -1 && errno == EFAULT, "getcpu to a bad pointer: EFAULT");
	r = getcpu(KERNEL_PTR, NULL);
	check(r == -1 && errno == EFAULT, "getcpu to kernel memory: EFAULT");
	cpu = ~0U;
	r = getcpu(&cpu, BAD_PTR);
	check(r == -1 && errno == EFAULT && cpu != ~0U,
	      "getcpu, bad node pointer: EFAULT, the CPU still written (%u)", cpu);
}

/* Pinned to each CPU in turn, the caller is on it when the call returns. */
static void check_pin_self(void)
{
	int moved = 0;

	for (int cpu = 0; cpu < 32; cpu++) {
		if (!(cpus >> cpu & 1))
			continue;
		if (pin(0, cpu) == 0 && this_cpu() == cpu && stat_cpu(getpid()) == cpu)
			moved++;
	}
	check(moved == ncpus, "pinned to each of %d CPUs in turn, getcpu and /proc/self/stat say so (%d)",
	      ncpus, moved);
	syscall(__NR_sched_setaffinity, 0, sizeof(cpus), &cpus);
}

/* A child asleep in read(), pinned to the last CPU, then woken by a byte: it runs there. */
static void check_pin_sleeping(void)
{
	int last = 31 - __builtin_clzl(cpus), status = -1, go[2], back[2];
	char where = -1;
	pid_t pid;
	long n;

	if (pipe(go) || pipe(back))
		return;
	pid = fork();
	if (pid == 0) {
		char c;

		close(go[1]);
		where = read(go[0], &c, 1) == 1 ? (char)this_cpu() : -1;
		_exit(write(back[1], &where, 1) == 1 ? 0 : 1);
	}
	close(go[0]);
	close(back[1]);
	sleep_ms(20); /* let it fall asleep in read */
	check(pin(pid, last) == 0, "pin a sleeping child to CPU %d", last);
	n = write(go[1], "x", 1);
	n = n == 1 ? read(back[0], &where, 1) : -1;
	waitpid(pid, &status, 0);
	check(n == 1 && where == last, "woken, it runs on CPU %d (%d, %s)", last, where,
	      describe_status(status));
	close(go[1]);
	close(back[0]);
}

/* A child spinning on one CPU, pinned elsewhere by its parent, gets there within a second. */
static void check_pin_running(void)
{
	int status = -1;
	pid_t pid;

	if (ncpus < 2)
		return;
	pid = fork();
	if (pid == 0) {
		long long end;

		pin(0, 0);
		end = now_ms() + 2000;
		while (this_cpu() != 1 && now_ms() < end)
			;
		_exit(this_cpu() == 1 ? 0 : 1);
	}
	sleep_ms(50);
	check(pin(pid, 1) == 0, "pin a running child from CPU 0 to CPU 1");
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "it moved to CPU 1 while spinning (%s)",
	      describe_status(status));
}

/* NR_BUSY children spin for 300 ms and send back the mask of CPUs they ran on. */
static void check_busy_spread(void)
{
	unsigned long seen = 0;
	int fds[2], done = 0;

	if (pipe(fds))
		return;
	for (int i = 0; i < NR_BUSY; i++) {
		if (fork() == 0) {
			unsigned long mine = 0;
			long long end = now_ms() + 300;

			while (now_ms() < end) {
				int cpu = this_cpu();

				if (cpu >= 0)
					mine |= 1UL << cpu;
			}
			_exit(write(fds[1], &mine, sizeof(mine)) == sizeof(mine) ? 0 : 1);
		}
	}
	close(fds[1]);
	for (unsigned long mine; read(fds[0], &mine, sizeof(mine)) == sizeof(mine); done++)
		seen |= mine;
	close(fds[0]);
	while (wait(NULL) > 0)
		;
	int spread = __builtin_popcountl(seen);
	check(done == NR_BUSY, "%d busy processes reported (%d)", NR_BUSY, done);
	check(ncpus == 1 ? spread == 1 : spread >= 2,
	      "%d busy processes ran on %d of %d CPUs (mask %#lx)", NR_BUSY, spread, ncpus, seen);
}

#define FUTEX_WAKE_OP 5
#define FUTEX_OP_ADD 1
#define FUTEX_OP_CMP_EQ 0
#define WAKE_OP_ADD_1 ((FUTEX_OP_ADD << 28) | (FUTEX_OP_CMP_EQ << 24) | (1 << 12))
#define ADDS 20000

/*
 * FUTEX_WAKE_OP changes its second word atomically: a process on another CPU adding
 * to the same shared word with locked instructions, at the same time, loses nothing
 * and makes it lose nothing. With one CPU the two take turns, and the sum must hold too.
 */
static void check_wake_op_atomic(void)
{
	unsigned int *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int first = __builtin_ctzl(cpus), status;
	int second = ncpus > 1 ? __builtin_ctzl(cpus & ~(1UL << first)) : first;
	volatile unsigned int *go = word + 1;
	pid_t pid;

	if (word == MAP_FAILED)
		return;
	pid = fork();
	if (pid == 0) {
		pin(0, second);
		while (!*go)
			;
		for (int i = 0; i < ADDS; i++)
			__atomic_fetch_add(word, 1, __ATOMIC_SEQ_CST);
		_exit(0);
	}
	pin(0, first);
	*go = 1;
	for (int i = 0; i < ADDS; i++)
		syscall(__NR_futex, word + 2, FUTEX_WAKE_OP, 0, 0, word, WAKE_OP_ADD_1);
	waitpid(pid, &status, 0);
	check(*word == 2 * ADDS, "FUTEX_WAKE_OP's adds and CPU %d's locked adds to one word: %u of %u",
	      second, *word, 2 * ADDS);
	syscall(__NR_sched_setaffinity, 0, sizeof(cpus), &cpus);
	munmap(word, 4096);
}

#define SHARED_PAGES 64
#define SHARED_ROUNDS 8
#define MAX_TOUCHERS 8

/* The CPU that is bit k (mod ncpus) of the test's mask. */
static int nth_cpu(int k)
{
	unsigned long left = cpus;

	for (k %= ncpus; k > 0; k--)
		left &= left - 1;
	return __builtin_ctzl(left);
}

/* A child of check_shared_first_touch: on its CPU, when told, write id into every page. */
static void touch_shared(unsigned int *pages, volatile unsigned int *ctl, int id, int cpu)
{
	pin(0, cpu);
	__atomic_fetch_add(&ctl[0], 1, __ATOMIC_SEQ_CST);
	while (!ctl[1])
		;
	for (int p = 0; p < SHARED_PAGES; p++)
		pages[p * 1024 + id] = id + 1;
	_exit(0);
}

/*
 * One process per CPU, each writing its own word of every page of a fresh
 * MAP_SHARED|MAP_ANONYMOUS mapping, all starting together: the first touches of each
 * page race on several CPUs, and every process must still have reached the one page
 * the mapping has there (a kernel that gave two of them a page each loses words).
 */
static void check_shared_first_touch(void)
{
	int n = ncpus < MAX_TOUCHERS ? ncpus : MAX_TOUCHERS, lost = 0, failed = 0;
	size_t len = SHARED_PAGES * 4096;

	if (n < 2)
		n = 2; /* one CPU: two processes taking turns still share every page */
	for (int round = 0; round < SHARED_ROUNDS; round++) {
		unsigned int *pages = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		unsigned int *ctl = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		int status;

		if (pages == MAP_FAILED || ctl == MAP_FAILED) {
			failed++;
			break;
		}
		ctl[0] = ctl[1] = 0;
		for (int id = 0; id < n; id++)
			if (fork() == 0)
				touch_shared(pages, ctl, id, nth_cpu(id));
		while (__atomic_load_n(&ctl[0], __ATOMIC_SEQ_CST) != (unsigned int)n)
			sleep_ms(1);
		__atomic_store_n(&ctl[1], 1, __ATOMIC_SEQ_CST);
		while (wait(&status) > 0)
			failed += !WIFEXITED(status) || WEXITSTATUS(status);
		for (int p = 0; p < SHARED_PAGES; p++)
			for (int id = 0; id < n; id++)
				lost += pages[p * 1024 + id] != (unsigned int)id + 1;
		munmap(pages, len);
		munmap(ctl, 4096);
	}
	check(!failed && !lost, "%d processes touching %d fresh shared pages at once, %d times: "
	      "%d writes lost", n, SHARED_PAGES, SHARED_ROUNDS, lost);
}

int main(void)
{
	long r = syscall(__NR_sched_getaffinity, 0, sizeof(cpus), &cpus);

	check(r == sizeof(cpus) && cpus, "sched_getaffinity: the CPUs this test may use (%#lx)", cpus);
	ncpus = __builtin_popcountl(cpus);
	check_getcpu();
	check_pin_self();
	check_pin_sleeping();
	check_pin_running();
	check_busy_spread();
	check_wake_op_atomic();
	check_shared_first_touch();
	return check_status();
}
