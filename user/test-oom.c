/*
 * user/test-oom.c: running out of memory kills the process that took it, not whoever
 * faults next. A child maps and populates (MAP_POPULATE) nearly all of RAM and waits;
 * then this process touches fresh pages of its own. Linux's OOM killer picks the child
 * (it holds the most pages) and this process goes on. kspace killed the faulting task
 * instead until mm/oom_kill.c (sysfuzz found it: a fuzzing child's MAP_POPULATE got the
 * fuzzer itself killed). Runs only where RAM is at most 512 MiB: populating gigabytes
 * would take long.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#include "check.h"

#define TOUCH_PAGES 64

static volatile sig_atomic_t hog_ready;

static void on_usr1(int sig)
{
	(void)sig;
	hog_ready = 1;
}

static unsigned long mem_total_kb(void)
{
	char text[2048];
	int fd = open("/proc/meminfo", O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	const char *p;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	p = strstr(text, "MemTotal:");
	return p ? strtoul(p + 9, NULL, 10) : 0;
}

/* The child: all of RAM but a MiB, every page populated; then it waits to be killed. */
static void hog(unsigned long bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	kill(getppid(), SIGUSR1);
	if (p == MAP_FAILED)
		_exit(1);
	for (;;)
		pause();
}

int main(void)
{
	unsigned long total_kb = mem_total_kb();
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	struct sigaction sa;
	int status = 0, died = 0;
	unsigned char *mine;
	bool intact = true;
	pid_t pid;

	if (!total_kb || total_kb > 512 * 1024) {
		printf("# skipped: MemTotal %lu kB (more than 512 MiB takes too long to fill)\n",
		       total_kb);
		return 0;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	pid = fork();
	if (pid == 0)
		hog((total_kb - 1024) * 1024);
	/* Linux kills the hog while it populates; kspace's populate stops at the last page. */
	for (int i = 0; i < 3000 && !hog_ready && !died; i++) {
		died = waitpid(pid, &status, WNOHANG) == pid;
		if (!died)
			nanosleep(&tick, NULL);
	}
	mine = mmap(NULL, TOUCH_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(mine != MAP_FAILED, "mmap of %d pages while a child holds the rest", TOUCH_PAGES);
	if (mine == MAP_FAILED) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return check_status();
	}
	for (unsigned long i = 0; i < TOUCH_PAGES * PAGE_SIZE; i++)
		mine[i] = (unsigned char)i;
	for (unsigned long i = 0; i < TOUCH_PAGES * PAGE_SIZE; i++)
		intact &= mine[i] == (unsigned char)i;
	check(intact, "this process touched all %d pages and keeps what it wrote", TOUCH_PAGES);
	for (int i = 0; i < 1000 && !died; i++) { /* up to 10 s: a loaded host is slow to free it */
		died = waitpid(pid, &status, WNOHANG) == pid;
		if (!died)
			nanosleep(&tick, NULL);
	}
	check(died && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "the child that took the memory was killed by SIGKILL (%s)",
	      died ? describe_status(status) : "still running");
	if (!died) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return check_status();
}
