/*
 * user/test-smp-stress.c: many processes and threads at once, every result checked.
 * NR_PROCS processes each run three threads beside their main thread:
 *   faulter  maps fresh anonymous pages, finds them zeroed, stamps and verifies them;
 *   mapper   stamps, mprotects, splits and unmaps regions, and replaces a region the
 *            writer has just read (a stale TLB entry on the writer's CPU would show it
 *            the old page: the TLB shootdown of munmap and of MAP_FIXED);
 *   writer   stamps and verifies its own pages without pause, and reads the mapper's
 *            region each time it is handed over;
 * while the main thread forks: parent and child each write and verify their own copy
 * of the same pages, and the child checks that the writer's pages, which the parent's
 * writer keeps writing on another CPU, do not change under it (fork must take the
 * parent's write access away on every CPU before the copy is shared).
 * Threads come from the raw clone call, as in user/test-threads.c, and make only raw
 * system calls; a thread's first failure is kept, and the process's exit status names
 * it. With KSPACE=1 free RAM plus slab pages, and the slab objects in use, must come
 * back to their values before the second of its two runs (the first warms the caches).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "clone_thread.h"

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_THREAD 0x00010000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
#define FUTEX_WAIT 0

#define NR_PROCS 4
#define NR_THREADS 3
#define NR_FORKS 4
#define FAULT_ROUNDS 16
#define FAULT_PAGES 8
#define MAP_ROUNDS 16
#define MAP_PAGES 12
#define HANDOFF_PAGES 4
#define COW_PAGES 4
#define WR_PAGES 8
#define WORDS (PAGE_SIZE / 4)
#define STACK_SIZE 16384

/* What failed first: a process exits with this code (a forked child with its own). */
enum failure {
	OK,
	F_MMAP,          /* an mmap the thread needed failed */
	F_NOT_ZERO,      /* a fresh anonymous page was not all zero */
	F_FAULT_STAMP,   /* a faulted-in page lost its stamp */
	F_MPROTECT,      /* mprotect failed */
	F_MAP_STAMP,     /* a stamp changed across mprotect or a split */
	F_MUNMAP,        /* munmap failed */
	F_WRITER,        /* the writer read back something else than it wrote */
	F_HANDOFF,       /* the writer saw a replaced region's old contents */
	F_CLONE,         /* a thread could not be made */
	F_FORK,          /* fork or waitpid failed */
	F_CHILD,         /* a forked child did not exit 0 */
	F_COW_PARENT,    /* the parent's copy changed after the child wrote its own */
	C_COW_INHERIT,   /* the child did not find what the parent had written */
	C_COW_OWN,       /* the child lost its own writes */
	C_WR_CHANGED,    /* the parent's writer reached the child's copy */
	C_FAULT,         /* the child's fresh pages were wrong */
	NR_FAILURES
};

static const char *const failure_names[NR_FAILURES] = {
	"ok", "mmap failed", "a fresh page was not zero", "a faulted page lost its stamp",
	"mprotect failed", "a stamp changed across mprotect or a split", "munmap failed",
	"the writer read back something else", "a replaced region showed its old page",
	"clone failed", "fork or waitpid failed", "a forked child failed",
	"the parent's copy changed when the child wrote", "the child did not see the parent's copy",
	"the child lost its own writes", "the parent's writer changed the child's copy",
	"the child's fresh pages were wrong",
};

static long raw3(long nr, long a, long b, long c)
{
	long r;

	__asm__ __volatile__("int $0x80" : "=a"(r) : "0"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

/* mmap2 with pgoff 0: the sixth argument is %ebp, saved around the call. */
static void *raw_mmap(void *addr, unsigned long len, int prot, int flags)
{
	long r;

	__asm__ __volatile__("push %%ebp\n\t"
			     "xor %%ebp, %%ebp\n\t"
			     "int $0x80\n\t"
			     "pop %%ebp"
			     : "=a"(r)
			     : "0"(__NR_mmap2), "b"(addr), "c"(len), "d"(prot), "S"(flags), "D"(-1)
			     : "memory");
	return (unsigned long)r > -4096UL ? MAP_FAILED : (void *)r;
}

static long raw_munmap(void *addr, unsigned long len)
{
	return raw3(__NR_munmap, (long)addr, len, 0);
}

static long raw_mprotect(void *addr, unsigned long len, int prot)
{
	return raw3(__NR_mprotect, (long)addr, len, prot);
}

static void yield(void)
{
	raw3(__NR_sched_yield, 0, 0, 0);
}

/* A thread on stack calling fn(arg); the kernel clears *tid when it ends. */
static long spawn(void *stack, volatile int *tid, int (*fn)(void *), void *arg)
{
	return clone_thread(THREAD_FLAGS, (char *)stack + STACK_SIZE, tid, NULL, tid, fn, arg);
}

/* pthread_join's wait: the kernel clears *tid when the thread exits and wakes us. */
static void join(volatile int *tid)
{
	int t;

	while ((t = *tid) != 0)
		raw3(__NR_futex, (long)tid, FUTEX_WAIT, t);
}

/* One worker process's state; each process has its own copy. */
static char stacks[NR_THREADS][STACK_SIZE] __attribute__((aligned(16)));
static volatile int tids[NR_THREADS];
static volatile int first_failure, stop;
static volatile int handoff_gen, handoff_ack; /* the mapper's region, and the writer's turn */
static unsigned int *handoff, *cow, *wr;
static unsigned int wr_copy[WR_PAGES * WORDS];
static int proc_nr;

static int fail(enum failure f)
{
	__sync_bool_compare_and_swap(&first_failure, OK, f);
	return f;
}

static unsigned int stamp(unsigned int tag, unsigned int page, unsigned int word)
{
	return (unsigned int)proc_nr << 28 ^ tag << 16 ^ page << 10 ^ word;
}

static void fill(unsigned int *p, unsigned int pages, unsigned int tag)
{
	for (unsigned int i = 0; i < pages * WORDS; i++)
		p[i] = stamp(tag, i / WORDS, i % WORDS);
}

static bool holds(const unsigned int *p, unsigned int pages, unsigned int tag)
{
	for (unsigned int i = 0; i < pages * WORDS; i++)
		if (p[i] != stamp(tag, i / WORDS, i % WORDS))
			return false;
	return true;
}

static bool all_zero(const unsigned int *p, unsigned int pages)
{
	for (unsigned int i = 0; i < pages * WORDS; i++)
		if (p[i])
			return false;
	return true;
}

static unsigned int *fresh(unsigned int pages)
{
	void *p = raw_mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS);

	return p == MAP_FAILED ? NULL : p;
}

/* Fresh pages are zero; stamped, they keep the stamp until unmapped. */
static int faulter(void *unused)
{
	(void)unused;
	for (unsigned int r = 0; r < FAULT_ROUNDS && !first_failure; r++) {
		unsigned int *p = fresh(FAULT_PAGES);

		if (!p)
			return fail(F_MMAP);
		if (!all_zero(p, FAULT_PAGES))
			return fail(F_NOT_ZERO);
		fill(p, FAULT_PAGES, 0x100 + r);
		if (!holds(p, FAULT_PAGES, 0x100 + r))
			return fail(F_FAULT_STAMP);
		if (raw_munmap(p, FAULT_PAGES * PAGE_SIZE))
			return fail(F_MUNMAP);
	}
	return 0;
}

/* Stamps survive mprotect to read-only, to none and back, and a hole punched in the middle. */
static int protect_and_split(unsigned int r)
{
	unsigned int *p = fresh(MAP_PAGES), *tail = p + 8 * WORDS;

	if (!p)
		return fail(F_MMAP);
	fill(p, MAP_PAGES, 0x200 + r);
	if (raw_mprotect(p, MAP_PAGES * PAGE_SIZE, PROT_READ) ||
	    raw_mprotect(p + 4 * WORDS, 4 * PAGE_SIZE, PROT_NONE))
		return fail(F_MPROTECT);
	if (!holds(p, 4, 0x200 + r))
		return fail(F_MAP_STAMP);
	if (raw_munmap(p + 4 * WORDS, 4 * PAGE_SIZE))
		return fail(F_MUNMAP);
	if (raw_mprotect(tail, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE))
		return fail(F_MPROTECT);
	if (tail[0] != stamp(0x200 + r, 8, 0) || tail[4 * WORDS - 1] != stamp(0x200 + r, 11, WORDS - 1))
		return fail(F_MAP_STAMP);
	fill(tail, 4, 0x300 + r);
	if (!holds(tail, 4, 0x300 + r) || !holds(p, 4, 0x200 + r))
		return fail(F_MAP_STAMP);
	if (raw_munmap(p, MAP_PAGES * PAGE_SIZE))
		return fail(F_MUNMAP);
	return 0;
}

/* Replace the handoff region (munmap then mmap, or MAP_FIXED over it) and hand it over. */
static int replace_handoff(unsigned int gen)
{
	unsigned long len = HANDOFF_PAGES * PAGE_SIZE;

	while (handoff_ack != handoff_gen && !first_failure)
		yield(); /* the writer has not read the last one yet */
	if (gen & 1 && raw_munmap(handoff, len))
		return fail(F_MUNMAP);
	if (raw_mmap(handoff, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) !=
	    handoff)
		return fail(F_MMAP);
	if (!all_zero(handoff, HANDOFF_PAGES))
		return fail(F_NOT_ZERO);
	fill(handoff, HANDOFF_PAGES, 0x400 + gen);
	__atomic_store_n(&handoff_gen, gen, __ATOMIC_RELEASE);
	return 0;
}

static int mapper(void *unused)
{
	(void)unused;
	for (unsigned int r = 1; r <= MAP_ROUNDS && !first_failure; r++)
		if (protect_and_split(r) || replace_handoff(r))
			return first_failure;
	return 0;
}

/* The writer's side of the handoff: the new region must hold the new stamp. */
static void read_handoff(void)
{
	int gen = __atomic_load_n(&handoff_gen, __ATOMIC_ACQUIRE);

	if (gen == handoff_ack)
		return;
	if (!holds(handoff, HANDOFF_PAGES, 0x400 + gen))
		fail(F_HANDOFF);
	__atomic_store_n(&handoff_ack, gen, __ATOMIC_RELEASE);
}

static int writer(void *unused)
{
	(void)unused;
	for (unsigned int seq = 1; !stop && !first_failure; seq++) {
		for (unsigned int page = 0; page < WR_PAGES; page++) {
			unsigned int *w = wr + page * WORDS + seq % WORDS;

			*w = stamp(seq & 0xfff, page, seq % WORDS);
			if (*w != stamp(seq & 0xfff, page, seq % WORDS))
				return fail(F_WRITER);
		}
		read_handoff();
	}
	return 0;
}

/* A forked child: the parent's copy, then its own, while the parent's writer runs on. */
static int child_body(unsigned int gen)
{
	unsigned int *p;

	for (unsigned int i = 0; i < WR_PAGES * WORDS; i++)
		wr_copy[i] = wr[i];
	if (!holds(cow, COW_PAGES, 0x500 + gen))
		return C_COW_INHERIT;
	fill(cow, COW_PAGES, 0x600 + gen);
	p = fresh(FAULT_PAGES);
	if (!p || !all_zero(p, FAULT_PAGES))
		return C_FAULT;
	fill(p, FAULT_PAGES, 0x700 + gen);
	yield();
	if (!holds(p, FAULT_PAGES, 0x700 + gen) || raw_munmap(p, FAULT_PAGES * PAGE_SIZE))
		return C_FAULT;
	if (!holds(cow, COW_PAGES, 0x600 + gen))
		return C_COW_OWN;
	for (unsigned int i = 0; i < WR_PAGES * WORDS; i++)
		if (wr[i] != wr_copy[i])
			return C_WR_CHANGED;
	return OK;
}

static int fork_and_check(unsigned int gen)
{
	int status = -1;
	pid_t pid;

	fill(cow, COW_PAGES, 0x500 + gen);
	pid = fork();
	if (pid == 0)
		_exit(child_body(gen));
	if (pid < 0)
		return fail(F_FORK);
	fill(cow, COW_PAGES, 0x800 + gen);
	if (waitpid(pid, &status, 0) != pid)
		return fail(F_FORK);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != OK)
		return fail(WIFEXITED(status) && WEXITSTATUS(status) < NR_FAILURES ? WEXITSTATUS(status)
										: F_CHILD);
	if (!holds(cow, COW_PAGES, 0x800 + gen))
		return fail(F_COW_PARENT);
	return 0;
}

static int (*const thread_fns[NR_THREADS])(void *) = { faulter, mapper, writer };

/* One worker process: its threads and its forks; exits with its first failure. */
static __attribute__((noreturn)) void worker(int nr)
{
	int started = 0;

	proc_nr = nr;
	handoff = fresh(HANDOFF_PAGES);
	cow = fresh(COW_PAGES);
	wr = fresh(WR_PAGES);
	if (!handoff || !cow || !wr)
		_exit(F_MMAP);
	for (; started < NR_THREADS; started++)
		if (spawn(stacks[started], &tids[started], thread_fns[started], NULL) <= 0) {
			fail(F_CLONE);
			break;
		}
	for (unsigned int gen = 1; gen <= NR_FORKS && !first_failure; gen++)
		fork_and_check(gen);
	for (int i = 0; i < started && i < 2; i++)
		join(&tids[i]); /* the faulter and the mapper end by themselves */
	stop = 1;
	for (int i = 2; i < started; i++)
		join(&tids[i]);
	_exit(first_failure);
}

/* NR_PROCS workers at once; how many exited 0 (each failure is printed). */
static int run_workers(void)
{
	pid_t pids[NR_PROCS];
	int good = 0;

	for (int i = 0; i < NR_PROCS; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			worker(i + 1);
	}
	for (int i = 0; i < NR_PROCS; i++) {
		int status = -1;

		if (pids[i] < 0 || waitpid(pids[i], &status, 0) != pids[i]) {
			printf("# worker %d: fork or waitpid failed\n", i + 1);
			continue;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == OK)
			good++;
		else if (WIFEXITED(status) && WEXITSTATUS(status) < NR_FAILURES)
			printf("# worker %d: %s\n", i + 1, failure_names[WEXITSTATUS(status)]);
		else
			printf("# worker %d: %s\n", i + 1, describe_status(status));
	}
	return good;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Objects in use in every slab cache: the sum of /proc/slabinfo's second column; -1 if unreadable. */
static long slab_objects(void)
{
	static char text[16384];
	long total = 0;

	if (read_text("/proc/slabinfo", text, sizeof(text)) <= 0)
		return -1;
	for (char *line = strchr(text, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
		char *field = strchr(line + 1, ' ');

		if (line[1] != '#' && field)
			total += strtol(field, NULL, 10);
	}
	return total;
}

/* A "Name: N kB" line of /proc/meminfo; -1 if there is none. */
static long meminfo_kb(const char *name)
{
	static char text[4096];
	char *p;

	if (read_text("/proc/meminfo", text, sizeof(text)) <= 0 || !(p = strstr(text, name)))
		return -1;
	return strtol(p + strlen(name), NULL, 10);
}

/*
 * Free RAM plus the slab caches' pages: a cache may keep or give back an empty slab as
 * it likes, but every other page a task took must come back. The objects in the
 * caches are counted apart (slab_objects).
 */
static unsigned long long free_and_slab(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		return 0;
	return (unsigned long long)si.freeram * si.mem_unit + meminfo_kb("Slab:") * 1024ULL;
}

struct usage {
	unsigned long long bytes;
	long objects;
};

static void read_usage(struct usage *u)
{
	u->bytes = free_and_slab();
	u->objects = slab_objects();
}

/*
 * An exited thread's stack is freed only once its CPU has switched away, which under
 * multi-threaded TCG may be a while after its process was reaped. The baseline waits
 * until three readings 10 ms apart agree; the final reading waits (up to a second)
 * for the baseline.
 */
static void read_usage_stable(struct usage *u)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	struct usage last;
	int same = 0;

	read_usage(u);
	for (int i = 0; i < 100 && same < 2; i++) {
		last = *u;
		nanosleep(&tick, NULL);
		read_usage(u);
		same = u->bytes == last.bytes && u->objects == last.objects ? same + 1 : 0;
	}
}

static void read_usage_settled(struct usage *u, const struct usage *want)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };

	read_usage(u);
	for (int i = 0; i < 100 && (u->bytes != want->bytes || u->objects != want->objects); i++) {
		nanosleep(&tick, NULL);
		read_usage(u);
	}
}

int main(void)
{
	struct usage before, after;

	/* Twice: the first run grows the caches that grow once, the second is measured. */
	for (int run = 1; run <= 2; run++) {
		long long start = now_ms();
		int good;

		read_usage_stable(&before);
		good = run_workers();
		check(good == NR_PROCS,
		      "run %d: %d processes of %d threads, %d COW forks each: every page and status "
		      "verified (%d, %lld ms)", run, NR_PROCS, NR_THREADS + 1, NR_FORKS, good,
		      now_ms() - start);
	}
	read_usage_settled(&after, &before);
	printf("# free RAM and slab pages before %llu bytes, after %llu; slab objects %ld, then %ld\n",
	       before.bytes, after.bytes, before.objects, after.objects);
	if (on_kspace()) {
		check(before.bytes && after.bytes == before.bytes,
		      "every page outside the slab caches comes back after the run");
		check(before.objects > 0 && after.objects == before.objects,
		      "every slab object comes back after the run");
	}
	return check_status();
}
