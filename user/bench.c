/*
 * user/bench.c: per-operation costs of the user/kernel boundary (system calls, fork,
 * faults, context switches, a signal delivered and returned from, pipes, busybox's sh,
 * file open and file read/write, a futex wake-up on another CPU), measured from user
 * space with rdtsc. Under QEMU -icount shift=0 the TSC counts guest instructions, so
 * the figures are exact; the same binary runs on kspace and on Linux i386
 * (scripts/bench.py boots both and prints them side by side). `bench spin N` instead
 * runs N CPU-bound processes at once, for bench.py to time by the host's clock; `bench
 * NAME` runs only the group NAME (see groups[] below).
 */
#include <asm/ldt.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

#define N 1000
#define PAGES 256

static unsigned long long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

static void report(const char *name, unsigned long long t, unsigned long n)
{
	printf("bench: %-28s %8llu per op (%lu ops)\n", name, t / n, n);
}

#define TIME(name, n, body)                                       \
	do {                                                      \
		unsigned long long t0 = rdtsc();                  \
		for (unsigned long i = 0; i < (n); i++) {         \
			body;                                     \
		}                                                 \
		report(name, rdtsc() - t0, n);                    \
	} while (0)

/* The null system call, issued directly: what is measured is the trap, not a wrapper. */
static long raw_getpid(void)
{
	long ret;

	__asm__ __volatile__("int $0x80" : "=a"(ret) : "a"(__NR_getpid) : "memory");
	return ret;
}

static void syscalls(void)
{
	struct utsname u;

	TIME("getpid", N, raw_getpid());
	TIME("sethostname_9_bytes", N, sethostname("kspace-b0", 9));
	TIME("uname", N, uname(&u));
	TIME("write_0_bytes", N, write(1, "", 0));
}

static void fork_exit_wait(void)
{
	TIME("fork_exit_wait", 100, {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	});
}

/* A fresh page-aligned heap area: every first touch is a demand-zero fault. */
static char *fresh_pages(int pages)
{
	char *p = sbrk(0);
	unsigned long pad = -(unsigned long)p & 4095;

	sbrk(pad + pages * 4096);
	return p + pad;
}

static void faults(void)
{
	char *p = fresh_pages(PAGES);
	pid_t child;

	TIME("demand_zero_fault", PAGES, p[i * 4096] = 1);
	/* Now shared with a child that sleeps: each first write here copies the page. */
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	TIME("cow_fault", PAGES, p[i * 4096] = 2);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

/* A region made and removed: mmap and munmap of one page, untouched, then touched. */
static void mmap_munmap(void)
{
	TIME("mmap_munmap_1_page", N, {
		void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		munmap(p, 4096);
	});
	TIME("mmap_touch_munmap_1_page", N, {
		char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		p[0] = 1;
		munmap(p, 4096);
	});
}

/* Two processes yielding to each other: each sched_yield is one switch. */
static void context_switch(void)
{
	pid_t child = fork();

	if (child == 0) {
		for (int i = 0; i < N + 10; i++)
			sched_yield();
		_exit(0);
	}
	TIME("context_switch_x2", N, sched_yield());
	waitpid(child, NULL, 0);
}

/*
 * Load a TLS segment over block into %gs, as glibc does at start-up: from then on every
 * switch to this process reloads the GDT's TLS entries and %gs.
 */
static void use_tls(unsigned int *block)
{
	struct user_desc d = {
		.entry_number = -1, .base_addr = (unsigned int)block, .limit = 0xfff, .seg_32bit = 1,
	};

	if (syscall(__NR_set_thread_area, &d) == 0)
		__asm__ __volatile__("movl %0, %%gs" ::"r"(d.entry_number * 8 + 3));
}

/* The same round trip between two processes that each have their own %gs. */
static void context_switch_tls(void)
{
	static unsigned int block[4];
	pid_t child = fork();

	use_tls(block);
	if (child == 0) {
		for (int i = 0; i < N + 10; i++)
			sched_yield();
		_exit(0);
	}
	TIME("context_switch_tls_x2", N, sched_yield());
	waitpid(child, NULL, 0);
}

static volatile int caught;

static void on_usr1(int sig)
{
	(void)sig;
	caught++;
}

/* kill(self) delivers at once: the trap, the frame, the handler, and sigreturn. */
static void signal_round_trip(void)
{
	struct sigaction sa;
	pid_t self = getpid();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	TIME("signal_round_trip", N, kill(self, SIGUSR1));
	if (caught != N)
		printf("bench: signal_round_trip: %d of %d handled\n", caught, N);
}

/* One byte there and back between two processes: two pipe writes, two reads, two switches. */
static void pipe_round_trip(void)
{
	int there[2], back[2];
	char c = 0;
	pid_t child;

	if (pipe(there) || pipe(back))
		return;
	child = fork();
	if (child == 0) {
		close(there[1]); /* so that the parent's close is its end of file */
		while (read(there[0], &c, 1) == 1)
			write(back[1], &c, 1);
		_exit(0);
	}
	TIME("pipe_round_trip_1_byte", N, {
		write(there[1], &c, 1);
		read(back[0], &c, 1);
	});
	close(there[1]);
	waitpid(child, NULL, 0);
	close(there[0]);
	close(back[0]);
	close(back[1]);
}

/* 4 KiB blocks through a pipe to a reader in another process, which acknowledges the last. */
static void pipe_transfer(void)
{
	char block[4096] = { 0 }; /* on the stack: a static one would grow every fork bench row's image */
	int data[2], ack[2];
	pid_t child;

	if (pipe(data) || pipe(ack))
		return;
	child = fork();
	if (child == 0) {
		long left = (long)N * sizeof(block), r;

		while (left > 0 && (r = read(data[0], block, sizeof(block))) > 0)
			left -= r;
		write(ack[1], "", 1);
		_exit(0);
	}
	TIME("pipe_transfer_4KiB", N, {
		write(data[1], block, sizeof(block));
		if (i == N - 1)
			read(ack[0], block, 1);
	});
	waitpid(child, NULL, 0);
	close(data[0]);
	close(data[1]);
	close(ack[0]);
	close(ack[1]);
}

/* fork + exec of Debian's busybox running `sh -c true` + exit + wait, when it is there. */
static void busybox_sh_c_true(void)
{
	static char *const argv[] = { "sh", "-c", "true", NULL };
	int fd = open("/bin/busybox", O_RDONLY);

	if (fd < 0)
		return;
	close(fd);
	TIME("busybox_sh_c_true", 20, {
		pid_t pid = fork();
		if (pid == 0) {
			execve("/bin/busybox", argv, NULL);
			_exit(127);
		}
		waitpid(pid, NULL, 0);
	});
}

/* A ramfs file: opened and closed by name, and 64 KiB written and read back. */
static void file_io(void)
{
	/* mapped here: a static buffer would grow every fork bench row's image */
	char *buf = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/tmp/bench-file", O_CREAT | O_RDWR | O_TRUNC, 0600);

	if (fd < 0 || buf == MAP_FAILED) {
		printf("bench: file: cannot create /tmp/bench-file\n");
		return;
	}
	TIME("open_close_file", N, close(open("/tmp/bench-file", O_RDONLY)));
	TIME("file_write_read_64k", 100,
	     (lseek(fd, 0, SEEK_SET), write(fd, buf, 65536), lseek(fd, 0, SEEK_SET),
	      read(fd, buf, 65536)));
	close(fd);
	munmap(buf, 65536);
	unlink("/tmp/bench-file");
}

/* Pin the calling thread to one CPU (0 on success; fails if that CPU is not online). */
static long pin_to_cpu(int cpu)
{
	unsigned long mask = 1UL << cpu;

	return syscall(__NR_sched_setaffinity, 0, sizeof(mask), &mask);
}

#define FUTEX_WAIT 0
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_CHILD_CLEARTID)

static volatile int turn; /* whose turn: 0 the main thread's, 1 the other CPU's thread's */
static volatile int thread_tid;

static void wait_turn(int mine)
{
	int seen;

	while ((seen = turn) != mine)
		syscall(__NR_futex, &turn, FUTEX_WAIT_PRIVATE, seen, NULL, NULL, 0);
}

static void give_turn(int to)
{
	turn = to;
	syscall(__NR_futex, &turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* The other side of the ping-pong, on CPU 1; exits (this thread only) when done. */
static void __attribute__((noreturn, used)) partner(void)
{
	pin_to_cpu(1);
	for (int i = 0; i < N + 1; i++) {
		wait_turn(1);
		give_turn(0);
	}
	__asm__ __volatile__("int $0x80" ::"a"(__NR_exit), "b"(0));
	__builtin_unreachable();
}

/* clone a thread that runs partner() on stack; its tid is cleared at its exit. */
static long start_partner(char *stack)
{
	long ret;

	__asm__ __volatile__("int $0x80\n\t"
			     "test %%eax, %%eax\n\t"
			     "jnz 1f\n\t"
			     "call partner\n"
			     "1:"
			     : "=a"(ret)
			     : "0"(__NR_clone), "b"(THREAD_FLAGS), "c"(stack), "d"(0), "S"(0),
			       "D"(&thread_tid)
			     : "memory");
	return ret;
}

/*
 * Two threads of one process pinned to CPUs 0 and 1 hand a futex word back and forth:
 * each op is two wake-ups of a thread sleeping on the other CPU, each up to the point
 * where it runs. Needs a second CPU; without one there is nothing to time.
 */
static void futex_wake_to_run(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	unsigned long allowed = 0;
	long tid;

	syscall(__NR_sched_getaffinity, 0, sizeof(allowed), &allowed);
	if (pin_to_cpu(1) || pin_to_cpu(0))
		return;
	tid = start_partner(stack + sizeof(stack));
	if (tid > 0) {
		thread_tid = tid;
		TIME("futex_wake_to_run_x2", N, {
			give_turn(1);
			wait_turn(0);
		});
		give_turn(1); /* its last round */
		while ((tid = thread_tid) != 0) /* as pthread_join: the kernel clears it at exit */
			syscall(__NR_futex, &thread_tid, FUTEX_WAIT, tid, NULL, NULL, 0);
	}
	syscall(__NR_sched_setaffinity, 0, sizeof(allowed), &allowed);
}

/* bench spin N: N processes counting to SPIN_LOOPS at once, between two marker lines. */
#define SPIN_LOOPS 300000000u

static int spin(int n)
{
	printf("bench: spin start\n");
	for (int i = 0; i < n; i++) {
		if (fork() == 0) {
			unsigned int cpu = 0;

			for (volatile unsigned int j = 0; j < SPIN_LOOPS; j++)
				;
			syscall(__NR_getcpu, &cpu, NULL, NULL);
			printf("bench: spin process %d ended on CPU %u\n", i, cpu);
			_exit(0);
		}
	}
	while (wait(NULL) > 0)
		;
	printf("bench: spin done\n");
	return 0;
}

/* The groups in the order a full run takes them; `bench NAME` runs only the group NAME
 * (`bench none`, none of them), so that a profile of one boot shows one group's cost. */
static const struct group {
	const char *name;
	void (*run)(void);
} groups[] = {
	{ "syscalls", syscalls },
	{ "fork_exit_wait", fork_exit_wait },
	{ "faults", faults },
	{ "mmap_munmap", mmap_munmap },
	{ "context_switch", context_switch },
	{ "context_switch_tls", context_switch_tls },
	{ "signal_round_trip", signal_round_trip },
	{ "pipe_round_trip", pipe_round_trip },
	{ "pipe_transfer", pipe_transfer },
	{ "busybox_sh_c_true", busybox_sh_c_true },
	{ "file_io", file_io },
	{ "futex_wake_to_run", futex_wake_to_run },
};

int main(int argc, char **argv)
{
	const char *only = argc == 2 ? argv[1] : NULL;
	unsigned int i, ran = 0;

	if (argc == 3 && !strcmp(argv[1], "spin"))
		return spin(atoi(argv[2]));
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (!only || !strcmp(only, groups[i].name)) {
			groups[i].run();
			ran++;
		}
	if (only && !ran && strcmp(only, "none")) {
		fprintf(stderr, "bench: no group named %s\n", only);
		return 1;
	}
	printf("bench: done\n");
	return 0;
}
