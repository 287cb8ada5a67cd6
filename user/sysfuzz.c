/*
 * user/sysfuzz.c: a trinity-style system call fuzzer, /bin/sysfuzz.
 *
 * It makes random system calls, numbers drawn over the whole i386 table and beyond
 * (0..NR_MAX), each argument from a pool of hostile and valid values: 0, -1, INT_MIN,
 * INT_MAX, page boundaries, kernel addresses, an unmapped hole, read-only text, valid
 * buffers of several sizes (one ending where an unmapped page begins), path names,
 * and open descriptors of every kind (files, pipes, /dev nodes, /proc files, dirs).
 *
 * The calls run in batches, each in a forked child that closes fds 0-2 and starts its
 * own session. Even batches drop to uid/gid 65534 and get every pool value; odd ones
 * stay root (mount, chown, setuid... get past their permission checks) but get only
 * the scratch directory's paths and fds, make no device nodes, and change no other
 * process's priority or limits. A root child can still reach other directories through
 * text a call left in a buffer: run sysfuzz in a boot of its own, as the harness does;
 * what the run adds to /, /tmp, /dev, /bin and /sbin is listed and removed afterwards.
 * A watchdog in the parent kills a child whose call counter (a shared page) has not
 * moved for WATCHDOG_MS, and names the call of one that SIGKILL does not end.
 * The PRNG is seeded from -s SEED (printed at the start), child i from (SEED, i): a
 * run is reproduced by its seed, a batch's calls listed with -v.
 *
 * The scratch directory starts again every RESET_BATCHES batches (its files would
 * otherwise fill memory over a long run). Afterwards it is removed and the kernel's
 * memory compared with the baseline taken before the first batch: every kmalloc
 * cache's active objects (/proc/slabinfo) and every zone's free pages (/proc/buddyinfo)
 * must be back, slab pages that hold no object excepted (a cache keeps an empty slab).
 *
 * Excluded calls (never made), each because it only hurts the fuzzer or others:
 *   exit, exit_group   end the batch at once: nothing of the kernel is tested
 *   reboot             would power the machine off (needs root; documented anyway)
 *   vhangup            would hang up the console the harness reads
 *   pause, sigsuspend, rt_sigsuspend
 *                      sleep until a signal: every one costs a watchdog timeout
 * Adjusted calls: kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo aim only
 * at the child itself (never -1, pid 1, the parent or a process group of others);
 * fork, vfork and clone children exit at once (no fork bomb: a second fuzzer the
 * watchdog does not know of), right after the int $0x80, before touching memory.
 *
 * Usage: sysfuzz [-s SEED] [-n CALLS] [-b BATCH] [-v]   (-v: each call on stdout first)
 * Exit status 0: the run ended and memory is back. Oopses are the harness's to see in
 * the kernel log (tests/qemu_cases.py fuzz/syscalls, scripts/fuzz-syscalls).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <grp.h>
#include <stdbool.h>

#include "sysfuzz.h"

#define WATCHDOG_TICK_MS 10
#define WATCHDOG_MS 30      /* no progress for this long (3 ticks): the child is blocked */
#define NOBODY 65534
#define RESET_BATCHES 64

/* Shared with the children: [0] calls done, [1..7] the call being made (number, args). */
static volatile unsigned long *progress;
static int verbose, log_fd = -1;

static void map_progress(void)
{
	progress = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (progress == MAP_FAILED) {
		printf("sysfuzz: mmap shared: %s\n", strerror(errno));
		exit(2);
	}
}

/* The scratch directory the children work in, its files, and the fd pool. */
static void make_scratch(void)
{
	mkdir(SCRATCH, 0777);
	chmod(SCRATCH, 0777);
	if (chdir(SCRATCH)) {
		printf("sysfuzz: %s: %s\n", SCRATCH, strerror(errno));
		exit(2);
	}
	close(open("f0", O_CREAT | O_WRONLY, 0666));
	close(open("f1", O_CREAT | O_WRONLY, 0666));
	mkdir("d0", 0777);
	close(open("d0/f2", O_CREAT | O_WRONLY, 0666));
	symlink("f0", "lnk");
	symlink("nowhere", "dangling");
	symlink("loop", "loop");
	chmod("f0", 0666);
	chmod("f1", 0666);
	chmod("d0", 0777);
	chown("f0", NOBODY, NOBODY);
}

static void setup_scratch(void)
{
	int p[2];

	make_scratch();
	add_fd(open("f0", O_RDWR));
	add_fd(open("f1", O_RDONLY));
	add_fd(open("d0/f2", O_WRONLY | O_APPEND));
	add_fd(open(".", O_RDONLY));
	add_fd(open("d0", O_RDONLY));
	if (pipe(p) == 0) {
		fcntl(p[0], F_SETFL, O_NONBLOCK);
		fcntl(p[1], F_SETFL, O_NONBLOCK);
		add_fd(p[0]);
		add_fd(p[1]);
	}
	mark_safe_fds(); /* the scratch files, dirs and the pipe */
	add_fd(open("/dev/null", O_RDWR));
	add_fd(open("/dev/zero", O_RDWR));
	add_fd(open("/dev/full", O_RDWR));
	add_fd(open("/dev/urandom", O_RDONLY));
	add_fd(open("/dev/random", O_RDONLY | O_NONBLOCK));
	add_fd(open("/dev/kmsg", O_RDONLY | O_NONBLOCK));
	add_fd(open("/proc/meminfo", O_RDONLY));
	add_fd(open("/proc/self/status", O_RDONLY));
	add_fd(open("/proc/self/maps", O_RDONLY));
	add_fd(open("/proc", O_RDONLY));
	add_fd(open("/proc/self/fd", O_RDONLY));
	add_fd(open("/proc/sys/kernel/hostname", O_RDONLY));
	add_fd(open("/", O_RDONLY));
	add_fd(open("/dev", O_RDONLY));
	add_fd(open("/bin/sh", O_RDONLY));
}

/*
 * One call through int $0x80 with six arguments. If the call made a child (fork,
 * vfork, clone: w[7] set) and this is the child, it exits at once through the exit
 * call, before touching its stack: a vfork child shares the parent's memory.
 */
static long raw_call(unsigned long *w)
{
	long ret;

	__asm__ volatile("pushl %%ebp\n\t"
			 "pushl %%ebx\n\t"
			 "pushl %%eax\n\t"
			 "movl 4(%%eax), %%ebx\n\t"
			 "movl 8(%%eax), %%ecx\n\t"
			 "movl 12(%%eax), %%edx\n\t"
			 "movl 16(%%eax), %%esi\n\t"
			 "movl 20(%%eax), %%edi\n\t"
			 "movl 24(%%eax), %%ebp\n\t"
			 "movl (%%eax), %%eax\n\t"
			 "int $0x80\n\t"
			 "popl %%ecx\n\t"
			 "testl %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "cmpl $0, 28(%%ecx)\n\t"
			 "je 1f\n\t"
			 "movl $1, %%eax\n\t"
			 "xorl %%ebx, %%ebx\n\t"
			 "int $0x80\n"
			 "1:\n\t"
			 "popl %%ebx\n\t"
			 "popl %%ebp"
			 : "=a"(ret)
			 : "a"(w)
			 : "ecx", "edx", "esi", "edi", "memory");
	return ret;
}

static void log_call(const unsigned long *w)
{
	char line[128];
	int n = snprintf(line, sizeof(line), "sysfuzz: [%d] %lu(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n",
			 (int)getpid(), w[0], w[1], w[2], w[3], w[4], w[5], w[6]);

	write(log_fd, line, n);
}

/* ------------------------------------------------------------------ batches */

static void drop_privileges(void)
{
	gid_t none[1] = { NOBODY };

	if (setgroups(1, none) || setgid(NOBODY) || setuid(NOBODY))
		_exit(3);
}

static __attribute__((noreturn)) void run_batch(unsigned long long seed, unsigned long batch,
						unsigned long calls)
{
	unsigned long w[8];

	seed_rng(seed ^ (batch * 0xd1342543de82ef95ULL));
	close(0);
	close(1);
	close(2);
	setsid();
	if (batch % 2 == 0)
		drop_privileges();
	for (unsigned long i = 0; i < calls; i++) {
		pick_call(w, batch % 2);
		if (verbose)
			log_call(w);
		for (int k = 0; k < 7; k++)
			progress[1 + k] = w[k];
		raw_call(w);
		*progress += 1;
	}
	_exit(0);
}

static volatile sig_atomic_t ticks;
static void on_alarm(int sig) { (void)sig; ticks++; }

struct batch_stats {
	unsigned long calls, batches, watchdog, signaled;
	unsigned long blocked[NR_MAX]; /* watchdog kills, by the call the child was in */
};

/*
 * Wait for the child; kill it if its counter stands still for WATCHDOG_MS. A child
 * that SIGKILL does not end within a second is a kernel bug: say in which call.
 */
static int watch(pid_t pid, struct batch_stats *st)
{
	unsigned long last = *progress, still = 0, killed = 0;
	int status;

	for (;;) {
		pid_t r = waitpid(pid, &status, 0);

		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR)
			return -1;
		if (*progress != last) {
			last = *progress;
			still = 0;
		} else if (++still * WATCHDOG_TICK_MS >= WATCHDOG_MS) {
			if (!killed++) {
				st->watchdog++;
				if (progress[1] < NR_MAX)
					st->blocked[progress[1]]++;
			}
			else if (killed == 1000 / WATCHDOG_MS)
				printf("sysfuzz: pid %d lives on after SIGKILL in call %lu(%#lx, %#lx, "
				       "%#lx, %#lx, %#lx, %#lx)\n", pid, progress[1], progress[2],
				       progress[3], progress[4], progress[5], progress[6], progress[7]);
			kill(pid, SIGKILL);
			still = 0;
		}
	}
}

static void start_watchdog_clock(void)
{
	struct sigaction sa;
	struct itimerval it = { { 0, WATCHDOG_TICK_MS * 1000 }, { 0, WATCHDOG_TICK_MS * 1000 } };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm; /* no SA_RESTART: waitpid returns EINTR every tick */
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

static void stop_watchdog_clock(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 0 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

/*
 * Every RESET_BATCHES batches the scratch directory starts again: the children write
 * files without end (8 KiB a call adds up over 10^7 calls), and memory is finite.
 */
static void reset_scratch(void)
{
	unmount_scratch();
	if (chdir("/"))
		return;
	remove_tree(AT_FDCWD, SCRATCH);
	truncate_safe_fds();
	make_scratch();
}

static void say_progress(unsigned long calls)
{
	static char meminfo[2048];
	const char *free_kb;

	if (read_file("/proc/meminfo", meminfo, sizeof(meminfo)))
		return;
	free_kb = strstr(meminfo, "MemFree:");
	printf("sysfuzz: %lu calls, MemFree %lu kB\n", calls, free_kb ? strtoul(free_kb + 8, NULL, 10) : 0);
	fflush(stdout);
}

static void fuzz(unsigned long long seed, unsigned long total, unsigned long per_batch,
		 struct batch_stats *st)
{
	while (st->calls < total) {
		unsigned long n = total - st->calls < per_batch ? total - st->calls : per_batch;
		unsigned long before = st->calls;
		pid_t pid;
		int status;

		*progress = 0;
		pid = fork();
		if (pid < 0) {
			printf("sysfuzz: fork: %s\n", strerror(errno));
			exit(2);
		}
		if (pid == 0)
			run_batch(seed, st->batches, n);
		status = watch(pid, st);
		while (waitpid(-1, NULL, WNOHANG) > 0) /* orphans, when we are init */
			;
		/* A batch cut short counts its calls made and the one that did not return. */
		st->calls += *progress < n ? *progress + 1 : n;
		st->batches++;
		if (status != -1 && WIFSIGNALED(status))
			st->signaled++;
		if (st->batches % RESET_BATCHES == 0)
			reset_scratch();
		if (st->calls / 1000000 != before / 1000000)
			say_progress(st->calls);
	}
}

/* ------------------------------------------------------------------ main */

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A 64-bit seed in decimal or 0x hex (strtoull is not in every libc). */
static unsigned long long parse_seed(const char *s)
{
	unsigned long long v = 0;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f' ?
			(*s | 0x20) - 'a' + 10 : 99;

		if (d >= base)
			break;
		v = v * base + d;
	}
	return v;
}

/* The five calls the watchdog most often found a child blocked in. */
static void print_blocked(struct batch_stats *st)
{
	printf("sysfuzz: blocked in (call x times):");
	for (int k = 0; k < 5; k++) {
		int top = 0;

		for (int nr = 1; nr < NR_MAX; nr++)
			if (st->blocked[nr] > st->blocked[top])
				top = nr;
		if (!st->blocked[top])
			break;
		printf(" %d x%lu", top, st->blocked[top]);
		st->blocked[top] = 0;
	}
	printf("\n");
}

/*
 * The runner: a child of main that owns the pools, the fds and the scratch directory,
 * so that all it holds goes when it exits, before main compares memory.
 */
static __attribute__((noreturn)) void runner(unsigned long long seed, unsigned long total,
					     unsigned long per_batch)
{
	static struct batch_stats st;
	unsigned long long t0, ms;

	map_progress();
	setup_pools();
	setup_scratch();
	start_watchdog_clock();
	t0 = now_ms();
	fuzz(seed, total, per_batch, &st);
	ms = now_ms() - t0;
	stop_watchdog_clock();
	printf("sysfuzz: %lu calls in %llu ms (%llu calls/s), %lu batches, %lu killed by the "
	       "watchdog, %lu ended by a signal\n", st.calls, ms, ms ? st.calls * 1000ULL / ms : 0,
	       st.batches, st.watchdog, st.signaled);
	print_blocked(&st);
	exit(0);
}

/* Touch the stack main will use, so that its pages are in the baseline. */
static void warm_up(void)
{
	volatile char deep[64 << 10];

	for (size_t i = 0; i < sizeof(deep); i += PAGE)
		deep[i] = 0;
}

int main(int argc, char **argv)
{
	unsigned long long seed = 0;
	unsigned long total = 100000, per_batch = 1000;
	struct mem_snapshot before, after;
	int seeded = 0, bad, removed, status = -1;
	pid_t pid, r;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v")) {
			verbose = 1;
		} else if (i + 1 < argc && !strcmp(argv[i], "-s")) {
			seed = parse_seed(argv[++i]);
			seeded = 1;
		} else if (i + 1 < argc && !strcmp(argv[i], "-n")) {
			total = strtoul(argv[++i], NULL, 0);
		} else if (i + 1 < argc && !strcmp(argv[i], "-b")) {
			per_batch = strtoul(argv[++i], NULL, 0);
		} else {
			printf("usage: sysfuzz [-s SEED] [-n CALLS] [-b BATCH] [-v]\n");
			return 2;
		}
	}
	if (!per_batch)
		per_batch = 1;
	if (getpid() == 1) /* booted as init: Linux needs /proc mounted, kspace ignores it */
		mount("proc", "/proc", "proc", 0, NULL);
	if (!seeded)
		seed = now_ms() ^ ((unsigned long long)getpid() << 32);
	seed_rng(seed);
	printf("sysfuzz: seed %#llx, %lu calls, batches of %lu\n", seed, total, per_batch);
	fflush(stdout);
	if (verbose)
		log_fd = dup2(1, 1000);
	warm_up();
	record_before_run();
	if (chdir("/") || snapshot(&before) || snapshot(&before)) { /* the first warms stdio */
		printf("sysfuzz: cannot read /proc/buddyinfo or /proc/slabinfo\n");
		return 2;
	}
	pid = fork();
	if (pid == 0)
		runner(seed, total, per_batch);
	while ((r = waitpid(-1, &status, 0)) != pid) /* as init, orphans come here too */
		if (r < 0 && errno != EINTR) {
			printf("sysfuzz: waitpid: %s\n", strerror(errno));
			return 2;
		}
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("sysfuzz: the runner failed (status %#x)\n", status);
		return 2;
	}
	removed = cleanup();
	if (snapshot(&after)) {
		printf("sysfuzz: cannot read /proc after the run\n");
		return 2;
	}
	bad = compare(&before, &after, removed);
	if (!bad)
		printf("sysfuzz: memory back to baseline\n");
	printf("sysfuzz: %s\n", bad ? "FAIL" : "done");
	return bad;
}
