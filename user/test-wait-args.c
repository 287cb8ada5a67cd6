/*
 * user/test-wait-args.c: waitpid and wait4 with status and rusage pointers the kernel
 * cannot write, and with bad options.
 *
 * A NULL status is fine: the child is reaped, its status dropped. A status pointer of
 * (int *)-1, 0xC0000000, 0xBFFFFFFF (the int would cross into the kernel's half), the
 * program's read-only text, or 2 bytes before the heap's edge fails with EFAULT; so
 * does a struct rusage (72 bytes) at (char *)-1, in the text, or 8 bytes before the
 * edge. Linux reaps the child before it tries the copy, so the failed call has used
 * up the exit: waiting again gives ECHILD. Pointers that end exactly at the edge
 * work. With WNOHANG and a child still running nothing is copied, so even a bad
 * pointer gives 0. Unknown option bits give EINVAL; WCONTINUED is a known one.
 */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define RUSAGE_SIZE 72 /* struct rusage on i386 */
#define CODE 3

/*
 * The system call itself: glibc's wait4() copies a 64-bit-time rusage into the caller's
 * struct in user space, so it would fault on the bad pointers instead of the kernel.
 */
static long sys_wait4(pid_t pid, int *status, int options, void *rusage)
{
	return syscall(__NR_wait4, pid, status, options, rusage);
}

/* wait4 on a fresh child must fail with EFAULT, and the child must be gone after. */
static void check_efault(int *status, void *rusage, const char *what)
{
	pid_t pid = child_exiting_with(CODE);
	long r = sys_wait4(pid, status, 0, rusage);

	check(failed_with(r, EFAULT), "wait4(child, %s) fails with EFAULT (%s)", what,
	      describe_result(r));
	r = waitpid(pid, NULL, 0);
	check(failed_with(r, ECHILD), "and it reaped the child: waiting again gives ECHILD (%s)",
	      describe_result(r));
}

static void check_bad_pointers(char *edge)
{
	check_efault((int *)-1, NULL, "(int *)-1, NULL");
	check_efault((int *)TASK_SIZE, NULL, "0xC0000000, NULL");
	check_efault((int *)(TASK_SIZE - 1), NULL, "0xBFFFFFFF, NULL");
	check_efault((int *)text_page, NULL, "the program's text, NULL");
	check_efault(NULL, (void *)-1, "NULL, (struct rusage *)-1");
	check_efault(NULL, (void *)text_page, "NULL, the program's text");
	check(text_page_intact(), "the text is unchanged");
	if (!edge)
		return;
	check_efault((int *)(edge - 2), NULL, "2 bytes before the heap's edge, NULL");
	check_efault(NULL, edge - 8, "NULL, 8 bytes before the heap's edge");
}

static void check_good_pointers(char *edge)
{
	int *status = (int *)(edge - sizeof(int));
	pid_t pid = child_exiting_with(CODE);
	long r = waitpid(pid, NULL, 0);

	check(r == pid, "waitpid(child, NULL) reaps it (%s)", describe_result(r));
	if (!edge)
		return;
	pid = child_exiting_with(CODE);
	r = sys_wait4(pid, status, 0, (void *)((char *)status - RUSAGE_SIZE));
	check(r == pid && *status == CODE << 8,
	      "wait4 with the status ending at the heap's edge, rusage below it, works (%s, "
	      "status %#x)",
	      describe_result(r), *status);
}

static void check_options(void)
{
	int status;
	pid_t pid = child_pausing();
	long r;

	r = waitpid(pid, (int *)-1, WNOHANG);
	check(r == 0, "waitpid(running child, (int *)-1, WNOHANG) returns 0 (%s)",
	      describe_result(r));
	r = waitpid(pid, &status, 0x40);
	check(failed_with(r, EINVAL), "waitpid with option bit 0x40 fails with EINVAL (%s)",
	      describe_result(r));
	r = waitpid(pid, &status, WNOHANG | WCONTINUED);
	check(r == 0, "waitpid(running child, WNOHANG | WCONTINUED) returns 0 (%s)",
	      describe_result(r));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

int main(void)
{
	char *edge = heap_edge();

	check(edge != NULL, "brk gives a heap edge");
	check_bad_pointers(edge);
	check_good_pointers(edge);
	check_options();
	return check_status();
}
