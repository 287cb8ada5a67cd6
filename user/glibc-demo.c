/*
 * user/glibc-demo.c: an ordinary glibc program, built only with Debian's
 * i686-linux-gnu-gcc -static. It leans on what glibc does at start-up and at run
 * time: TLS (errno is a __thread variable), stdio and floating-point formatting,
 * malloc above the mmap threshold (mmap2/munmap), realloc growth (mremap or brk),
 * qsort, a SIGSEGV handler left through siglongjmp, and fork/wait. It prints only
 * what must be identical on every Linux i386 kernel: make test compares its output
 * on kspace with tests/expected/glibc-demo.txt, recorded on Debian's Linux 6.1.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIG (1 << 20) /* far above glibc's 128 KiB mmap threshold */

static __thread int per_thread = 42;
static sigjmp_buf escape;
static volatile void *fault_addr;
static int *volatile nowhere = (int *)16; /* volatile: the compiler cannot see it fault */

static void floating_point(void)
{
	double x = 0;

	for (int i = 1; i <= 10; i++)
		x += 1.0 / (i * i);
	printf("stdio: %d %s %5.2f %.10f %e %g\n", 42, "text", 3.14159, x, 6.02214076e23, sqrt(2.0));
	printf("stdio: %08.3f|%-8.2e|%+g|%a\n", -1.5, 1e-300, 1e100, 1.0);
}

static void big_malloc(void)
{
	unsigned char *p = malloc(BIG);
	unsigned long sum = 0;

	if (!p) {
		printf("malloc(%d): NULL\n", BIG);
		return;
	}
	for (int i = 0; i < BIG; i++)
		p[i] = (unsigned char)i;
	for (int i = 0; i < BIG; i += 4096)
		sum += p[i + 1];
	free(p);
	printf("malloc: %d bytes written and freed, checksum %lu\n", BIG, sum);
}

static void realloc_growth(void)
{
	size_t size = 16;
	int *v = malloc(size * sizeof(*v)), ok = 1;

	for (size_t i = 0; i < size; i++)
		v[i] = (int)i;
	while (v && size < (1u << 20)) { /* doubling through the brk heap, then mmap */
		size_t old = size;
		int *n = realloc(v, (size *= 2) * sizeof(*v));

		if (!n) {
			free(v);
			v = NULL;
			break;
		}
		v = n;
		for (size_t i = 0; i < old; i++)
			ok &= v[i] == (int)i;
		for (size_t i = old; i < size; i++)
			v[i] = (int)i;
	}
	printf("realloc: grew to %zu ints, contents %s\n", v ? size : 0, ok ? "kept" : "LOST");
	free(v);
}

static int by_value(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void sorting(void)
{
	int v[1000];
	unsigned int seed = 12345;

	for (int i = 0; i < 1000; i++) {
		seed = seed * 1103515245 + 12345;
		v[i] = (int)(seed >> 16) % 10000;
	}
	qsort(v, 1000, sizeof(v[0]), by_value);
	int sorted = 1;
	for (int i = 1; i < 1000; i++)
		sorted &= v[i - 1] <= v[i];
	printf("qsort: %s, min %d, max %d\n", sorted ? "sorted" : "NOT sorted", v[0], v[999]);
}

static void on_segv(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	fault_addr = info->si_addr;
	siglongjmp(escape, sig);
}

static void segv_escape(void)
{
	struct sigaction sa;
	int sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sig = sigsetjmp(escape, 1);
	if (sig == 0) {
		*nowhere = 1;
		printf("segv: the write to address 16 did not fault\n");
		return;
	}
	printf("segv: caught signal %d at address %p, left the handler by siglongjmp\n", sig,
	       (void *)fault_addr);
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	printf("segv: SIGSEGV %s after siglongjmp\n", sigismember(&now, SIGSEGV) ? "blocked" : "unblocked");
}

static void fork_wait(void)
{
	int status;
	pid_t pid;

	fflush(stdout); /* or the child would print our buffer again */
	pid = fork();
	if (pid == 0) {
		per_thread++;
		printf("fork: child sees its own copy of the TLS variable: %d\n", per_thread);
		exit(7);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		printf("fork: %s\n", strerror(errno));
		return;
	}
	printf("fork: child exited with %d; the parent's TLS variable is still %d\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1, per_thread);
}

int main(void)
{
	printf("glibc-demo: start\n");
	errno = 0;
	printf("tls: errno %d, __thread variable %d\n", errno, per_thread);
	floating_point();
	big_malloc();
	realloc_growth();
	sorting();
	segv_escape();
	fork_wait();
	printf("glibc-demo: done\n");
	return 0;
}
