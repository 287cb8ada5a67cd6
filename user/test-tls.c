/*
 * user/test-tls.c: thread-local storage through set_thread_area and %gs, as glibc uses
 * it. An entry is installed, loaded into %gs and read through it; it survives system
 * calls, a fork (the child gets a copy) and context switches against a process whose
 * %gs has another base; exec starts the new program with %gs 0 and no entries. Bad
 * descriptors, indexes and pointers fail as on Linux.
 *
 * Built against glibc, the program already owns one entry (glibc's own TLS), so the
 * checks never assume which entry is free. glibc itself reaches errno and even its
 * system-call stub through %gs, so while %gs holds the test's segment the program makes
 * system calls with its own int $0x80 and calls nothing in libc.
 */
#include <asm/ldt.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define TLS_MIN 6 /* GDT_ENTRY_TLS_MIN: entries 6, 7, 8 */
#define TLS_MAX 8
#define ROUNDS 200

static unsigned int block_a[4] = { 0x11111111, 0x22222222 };
static unsigned int block_b[4] = { 0xaaaaaaaa, 0xbbbbbbbb };

/* A system call made directly: the result is the kernel's, -errno on failure. */
static long raw_syscall(long nr, long a, long b, long c)
{
	long r;

	__asm__ __volatile__("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

static long set_area_raw(struct user_desc *d)
{
	return raw_syscall(__NR_set_thread_area, (long)d, 0, 0);
}

static long set_area(struct user_desc *d)
{
	return syscall(__NR_set_thread_area, d);
}

static long get_area(struct user_desc *d)
{
	return syscall(__NR_get_thread_area, d);
}

static unsigned int get_gs(void)
{
	unsigned int v;

	__asm__ __volatile__("movl %%gs, %0" : "=r"(v));
	return v;
}

static void set_gs(unsigned int v)
{
	__asm__ __volatile__("movl %0, %%gs" ::"r"(v) : "memory");
}

/* The word at offset off through %gs. */
static unsigned int read_gs(unsigned int off)
{
	unsigned int v;

	__asm__ __volatile__("movl %%gs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
	return v;
}

/* Wait for pid; whether it exited with status 0 (the status is left for the message). */
static bool exited_zero(pid_t pid, int *status)
{
	return pid > 0 && waitpid(pid, status, 0) == pid && WIFEXITED(*status) &&
	       WEXITSTATUS(*status) == 0;
}

/* A 32-bit, byte-granular, writable data segment over base[0..limit]. */
static struct user_desc data_desc(int entry, const void *base, unsigned int limit)
{
	struct user_desc d;

	memset(&d, 0, sizeof(d));
	d.entry_number = entry;
	d.base_addr = (unsigned int)(uintptr_t)base;
	d.limit = limit;
	d.seg_32bit = 1;
	return d;
}

/* What Linux calls an empty descriptor: clears the entry. */
static struct user_desc empty_desc(int entry)
{
	struct user_desc d;

	memset(&d, 0, sizeof(d));
	d.entry_number = entry;
	d.read_exec_only = 1;
	d.seg_not_present = 1;
	return d;
}

static unsigned int selector(int entry)
{
	return entry << 3 | 3;
}

/* Install block at a free entry; returns the entry, or -1. */
static int install(unsigned int *block)
{
	struct user_desc d = data_desc(-1, block, 4095);

	return set_area(&d) == 0 ? (int)d.entry_number : -1;
}

static void check_install_and_read(int entry)
{
	unsigned int saved = get_gs(), a0, a1, after;
	struct user_desc got;

	check(entry >= TLS_MIN && entry <= TLS_MAX,
	      "set_thread_area(entry -1) picks a free entry in 6..8 and writes it back (%d)", entry);
	if (entry < 0)
		return;
	set_gs(selector(entry));
	a0 = read_gs(0);
	a1 = read_gs(4);
	for (int i = 0; i < 100; i++)
		raw_syscall(__NR_getpid, 0, 0, 0);
	after = read_gs(4);
	set_gs(saved);
	check(a0 == block_a[0] && a1 == block_a[1],
	      "%%gs:0 and %%gs:4 read the block at the segment base (%#x %#x)", a0, a1);
	check(after == block_a[1], "%%gs still reads the block after 100 system calls");

	memset(&got, 0, sizeof(got));
	got.entry_number = entry;
	check(get_area(&got) == 0 && got.base_addr == (unsigned int)(uintptr_t)block_a &&
		      got.limit == 4095 && got.seg_32bit && !got.contents && !got.read_exec_only &&
		      !got.limit_in_pages && !got.seg_not_present && got.entry_number == (unsigned)entry,
	      "get_thread_area returns the descriptor as it was set");
}

/* Changing the entry that %gs names takes effect at once, for the loaded %gs too. */
static void check_rebase(int entry)
{
	unsigned int saved = get_gs(), v;
	struct user_desc d = data_desc(entry, block_b, 4095);

	set_gs(selector(entry));
	long r = set_area_raw(&d);
	v = read_gs(0);
	set_gs(saved);
	check(r == 0 && v == block_b[0], "re-basing the loaded entry moves %%gs with it (%#x)", v);
	d = data_desc(entry, block_a, 4095);
	set_area(&d);
}

/*
 * Parent and child each run with their own %gs base and yield to each other: every
 * context switch must give each its own descriptor back.
 */
static void check_fork_and_switch(int entry)
{
	unsigned int saved = get_gs();
	int status = -1, bad = 0;
	pid_t pid = fork();

	if (pid == 0) {
		struct user_desc d = data_desc(entry, block_b, 4095);
		int wrong = set_area(&d) != 0;

		set_gs(selector(entry));
		for (int i = 0; i < ROUNDS; i++) {
			wrong += read_gs(0) != block_b[0];
			raw_syscall(__NR_sched_yield, 0, 0, 0);
		}
		raw_syscall(__NR_exit, wrong ? 1 : 0, 0, 0);
	}
	set_gs(selector(entry));
	for (int i = 0; i < ROUNDS; i++) {
		bad += read_gs(0) != block_a[0];
		raw_syscall(__NR_sched_yield, 0, 0, 0);
	}
	set_gs(saved);
	bool ok = exited_zero(pid, &status);

	check(ok, "a forked child re-bases its copy of the entry and reads its own block (%s)",
	      describe_status(status));
	check(bad == 0, "the parent keeps reading its own block across %d switches (%d wrong)",
	      ROUNDS, bad);
}

/* A child inherits the parent's %gs and entries as they are at fork. */
static void child_sees_gs(void)
{
	raw_syscall(__NR_exit, read_gs(0) == block_a[0] ? 0 : 1, 0, 0);
}

static void check_fork_inherits(int entry)
{
	unsigned int saved = get_gs();
	int status = -1;
	pid_t pid;

	set_gs(selector(entry));
	pid = raw_syscall(__NR_fork, 0, 0, 0); /* glibc's fork() would need its own %gs */
	if (pid == 0)
		child_sees_gs();
	set_gs(saved);
	bool ok = exited_zero(pid, &status);

	check(ok, "a forked child starts with the parent's %%gs and its entry (%s)",
	      describe_status(status));
}

/* Clearing the entry %gs names leaves %gs null, not a stale base (Linux reloads it). */
static void check_clear_loaded(int entry)
{
	unsigned int saved = get_gs(), after;
	struct user_desc d = empty_desc(entry), got;

	set_gs(selector(entry));
	long r = set_area_raw(&d);
	after = get_gs();
	set_gs(saved);
	check(r == 0 && after == 0, "clearing the loaded entry leaves %%gs == 0 (%#x)", after);
	memset(&got, 0, sizeof(got));
	got.entry_number = entry;
	check(get_area(&got) == 0 && got.read_exec_only && got.seg_not_present && !got.base_addr &&
		      !got.limit && !got.seg_32bit,
	      "get_thread_area then reports the empty descriptor");
}

static void check_bad_descriptors(void)
{
	struct user_desc d;
	long r;

	d = data_desc(TLS_MIN - 1, block_a, 10);
	r = set_area(&d);
	check(failed_with(r, EINVAL), "entry 5 (below the TLS entries) is EINVAL: %s",
	      describe_result(r));
	d = data_desc(TLS_MAX + 1, block_a, 10);
	r = set_area(&d);
	check(failed_with(r, EINVAL), "entry 9 is EINVAL: %s", describe_result(r));
	d = data_desc(0x7fffffff, block_a, 10);
	r = set_area(&d);
	check(failed_with(r, EINVAL), "entry 0x7fffffff is EINVAL: %s", describe_result(r));
	d = data_desc(-1, block_a, 10);
	d.contents = 2;
	r = set_area(&d);
	check(failed_with(r, EINVAL), "a code segment is EINVAL: %s", describe_result(r));
	d = data_desc(-1, block_a, 10);
	d.seg_32bit = 0;
	r = set_area(&d);
	check(failed_with(r, EINVAL), "a 16-bit segment is EINVAL: %s", describe_result(r));
	d = data_desc(-1, block_a, 10);
	d.seg_not_present = 1;
	r = set_area(&d);
	check(failed_with(r, EINVAL), "a not-present non-empty segment is EINVAL: %s",
	      describe_result(r));
}

static void check_bad_pointers(void)
{
	struct user_desc d;
	long r;

	r = set_area(NULL);
	check(failed_with(r, EFAULT), "set_thread_area(NULL) is EFAULT: %s", describe_result(r));
	r = set_area((struct user_desc *)0xc0000000);
	check(failed_with(r, EFAULT), "set_thread_area(kernel address) is EFAULT: %s",
	      describe_result(r));
	r = get_area(NULL);
	check(failed_with(r, EFAULT), "get_thread_area(NULL) is EFAULT: %s", describe_result(r));
	r = get_area((struct user_desc *)0xfffffffc);
	check(failed_with(r, EFAULT), "get_thread_area(0xfffffffc) is EFAULT: %s",
	      describe_result(r));
	d.entry_number = 3;
	r = get_area(&d);
	check(failed_with(r, EINVAL), "get_thread_area(entry 3) is EINVAL: %s", describe_result(r));
	/* Readable, not writable: the entry chosen cannot be reported, so none is taken. */
	r = set_area((struct user_desc *)text_page);
	check(failed_with(r, EINVAL) || failed_with(r, EFAULT),
	      "set_thread_area(read-only text) fails: %s", describe_result(r));
	check(text_page_intact(), "and the text page is unchanged");
}

/* Fill every free entry: one more "pick a free entry" request is ESRCH. */
static void check_exhaustion(void)
{
	int taken[3], n = 0, e;
	struct user_desc d;
	long r;

	while (n < 3 && (e = install(block_b)) >= 0)
		taken[n++] = e;
	d = data_desc(-1, block_b, 10);
	r = set_area(&d);
	check(failed_with(r, ESRCH), "with all three entries in use, entry -1 is ESRCH: %s",
	      describe_result(r));
	for (int i = 0; i < n; i++) {
		d = empty_desc(taken[i]);
		set_area(&d);
	}
}

/* After execve the new program starts with %gs 0 and this test's entries gone. */
static int after_exec(int entry)
{
	struct user_desc got;

	memset(&got, 0, sizeof(got));
	got.entry_number = entry;
	check(get_area(&got) == 0 && got.seg_not_present && !got.base_addr,
	      "after execve, entry %d is empty", entry);
	return check_status();
}

static void check_exec_clears(const char *self, int entry)
{
	char arg[2] = { (char)('0' + entry), 0 };
	char *argv[] = { (char *)self, "after-exec", arg, NULL };
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		char *envp[] = { NULL };

		set_gs(selector(entry));
		raw_syscall(__NR_execve, (long)self, (long)argv, (long)envp);
		raw_syscall(__NR_exit, 99, 0, 0);
	}
	bool ok = exited_zero(pid, &status);

	check(ok, "exec with %%gs loaded: the new program finds its TLS entries empty (%s)",
	      describe_status(status));
}

int main(int argc, char **argv)
{
	int entry;

	if (argc == 3 && !strcmp(argv[1], "after-exec"))
		return after_exec(argv[2][0] - '0');
	check(get_gs() == 0 || get_gs() == selector(TLS_MIN),
	      "a program starts with %%gs 0 (or glibc's own entry 6): %#x", get_gs());
	entry = install(block_a);
	check_install_and_read(entry);
	if (entry < 0)
		return check_status();
	check_rebase(entry);
	check_fork_inherits(entry);
	check_fork_and_switch(entry);
	check_exec_clears(argv[0], entry);
	check_clear_loaded(entry);
	check_bad_descriptors();
	check_bad_pointers();
	check_exhaustion();
	return check_status();
}
