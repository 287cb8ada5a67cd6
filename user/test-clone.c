/*
 * user/test-clone.c: clone with the flags glibc's fork uses (SIGCHLD, CLONE_CHILD_SETTID,
 * CLONE_CHILD_CLEARTID, CLONE_PARENT_SETTID) and a new stack, vfork's ordering,
 * set_tid_address, gettid and the robust-list calls, the working directory a child
 * inherits (its own, or shared with CLONE_FS), and the flag combinations Linux
 * itself rejects. kspace refuses exit signals other than SIGCHLD: checked only there,
 * since on Linux they would succeed. Threads are tested in test-threads.c.
 */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000UL)
#define CLONE_NEWNS 0x00020000
#define CLONE_NEWUSER 0x10000000

static int wait_status(pid_t pid)
{
	int status = -1;

	return waitpid(pid, &status, 0) == pid ? status : -1;
}

/* fork through clone, as glibc does: the child sees 0, the parent the child's pid. */
static void check_plain_clone(void)
{
	long pid = syscall(__NR_clone, SIGCHLD, 0, NULL, 0, NULL);
	int status;

	if (pid == 0)
		_exit(7);
	status = wait_status(pid);
	check(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "clone(SIGCHLD) makes a child that exits 7 (%s)", describe_status(status));
}

/* The child of a child that moved: it starts where its own parent is now. */
static void chdir_then_fork(void)
{
	char buf[64];
	pid_t pid;

	if (chdir("/proc") != 0)
		_exit(1);
	pid = fork();
	if (pid == 0)
		_exit(getcwd(buf, sizeof(buf)) && strcmp(buf, "/proc") == 0 ? 0 : 2);
	_exit(wait_status(pid) == 0 ? 0 : 3);
}

/* A child's chdir moves the parent only if CLONE_FS shares their working directory. */
static void check_cwd(void)
{
	char buf[64] = "";
	long pid;
	int status;

	check(chdir("/dev") == 0, "chdir(\"/dev\")");
	status = run_in_child(chdir_then_fork);
	check(status == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, "/dev") == 0,
	      "a child's chdir and its own child's inherited cwd leave the parent in /dev (%s, %s)",
	      describe_status(status), buf);
	pid = syscall(__NR_clone, CLONE_FS | SIGCHLD, 0, NULL, 0, NULL);
	if (pid == 0)
		_exit(chdir("/proc") == 0 ? 0 : 1);
	status = wait_status(pid);
	check(status == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, "/proc") == 0,
	      "a CLONE_FS child's chdir(\"/proc\") moves its parent too (%s, %s)",
	      describe_status(status), buf);
	chdir("/");
}

static volatile int parent_tid, child_tid;

static void check_settid(void)
{
	long flags = SIGCHLD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
	long pid;
	int status;

	parent_tid = child_tid = 0;
	pid = syscall(__NR_clone, flags, 0, &parent_tid, 0, &child_tid);
	if (pid == 0) /* the child's copy holds its own tid */
		_exit(child_tid == getpid() ? 0 : 1);
	status = wait_status(pid);
	check(pid > 0 && parent_tid == pid, "CLONE_PARENT_SETTID stores the child's tid %ld (%d)",
	      pid, parent_tid);
	check(child_tid == 0, "CLONE_CHILD_SETTID leaves the parent's copy alone (%d)", child_tid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "CLONE_CHILD_SETTID stores the tid in the child's memory (%s)", describe_status(status));

	pid = syscall(__NR_clone, SIGCHLD | CLONE_PARENT_SETTID, 0, KERNEL_ADDR, 0, NULL);
	if (pid == 0)
		_exit(0);
	check(pid > 0 && wait_status(pid) == 0,
	      "a kernel address for CLONE_PARENT_SETTID is ignored, as on Linux (%s)",
	      describe_result(pid));
}

static char child_stack[4096] __attribute__((aligned(16)));

/*
 * With newsp the child starts on that stack: it exits at once, 0 if esp is newsp.
 * The registers keep the arguments across the call, so the child finds newsp in ecx.
 */
static void check_new_stack(void)
{
	unsigned long top = (unsigned long)(child_stack + sizeof(child_stack));
	long pid = __NR_clone;

	__asm__ __volatile__("int $0x80\n\t"
			     "test %%eax, %%eax\n\t"
			     "jnz 1f\n\t"
			     "xorl %%ebx, %%ebx\n\t"
			     "cmpl %%esp, %%ecx\n\t"
			     "setne %%bl\n\t"
			     "movl $1, %%eax\n\t"
			     "int $0x80\n"
			     "1:"
			     : "+a"(pid)
			     : "b"(SIGCHLD), "c"(top), "d"(0), "S"(0), "D"(0)
			     : "memory");
	int status = pid > 0 ? wait_status(pid) : -1;
	check(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "clone with newsp starts the child with esp = newsp (%s)", describe_status(status));
}

static void expect_einval(unsigned long flags, const char *what)
{
	long r = syscall(__NR_clone, flags, 0, NULL, 0, NULL);

	if (r == 0)
		_exit(0);
	if (r > 0)
		wait_status(r);
	check(failed_with(r, EINVAL), "clone(%s) fails with EINVAL (%s)", what, describe_result(r));
}

static void check_bad_flags(void)
{
	expect_einval(SIGCHLD | CLONE_THREAD, "CLONE_THREAD without CLONE_SIGHAND");
	expect_einval(SIGCHLD | CLONE_SIGHAND, "CLONE_SIGHAND without CLONE_VM");
	expect_einval(SIGCHLD | CLONE_NEWNS | CLONE_FS, "CLONE_NEWNS | CLONE_FS");
	expect_einval(SIGCHLD | CLONE_NEWUSER | CLONE_FS, "CLONE_NEWUSER | CLONE_FS");
	expect_einval(0xffffffffUL, "every flag");
	if (!on_kspace())
		return;
	expect_einval(SIGUSR1, "exit signal SIGUSR1: only SIGCHLD on kspace");
}

static long elapsed_ms(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

/* The parent goes on only once the child has exited: after the child's sleep. */
static void check_vfork(void)
{
	struct timespec t0, t1;
	pid_t pid;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = vfork();
	if (pid == 0) {
		struct timespec nap = { 0, 100 * 1000000 };

		nanosleep(&nap, NULL);
		_exit(5);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	status = pid > 0 ? wait_status(pid) : -1;
	check(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "vfork's child exits 5 (%s)", describe_status(status));
	check(elapsed_ms(&t0, &t1) >= 100, "vfork returns in the parent after the child exited (%ld ms)",
	      elapsed_ms(&t0, &t1));

	pid = vfork();
	if (pid == 0) {
		char *argv[] = { "true", NULL };

		execve("/bin/true", argv, NULL);
		_exit(127);
	}
	status = pid > 0 ? wait_status(pid) : -1;
	check(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "vfork then execve(/bin/true): the parent goes on, the child exits 0 (%s)",
	      describe_status(status));
}

static void check_tids(void)
{
	static int word;
	long tid = syscall(__NR_set_tid_address, &word);

	check(tid == getpid(), "set_tid_address returns the tid, which is the pid (%ld)", tid);
	check(syscall(__NR_set_tid_address, KERNEL_ADDR) == getpid(),
	      "set_tid_address takes any address without looking at it");
	check(syscall(__NR_gettid) == getpid(), "gettid() == getpid() in a one-thread process");
}

/* struct robust_list_head on i386: 12 bytes. */
struct robust_head {
	void *next;
	long futex_offset;
	void *pending;
};

static void check_robust_list(void)
{
	static struct robust_head head = { &head, 0, NULL };
	void *got = NULL;
	size_t len = 0;
	long r;

	check(syscall(__NR_set_robust_list, &head, sizeof(head)) == 0, "set_robust_list(head, 12)");
	r = syscall(__NR_get_robust_list, 0, &got, &len);
	check(r == 0 && got == &head && len == 12, "get_robust_list(0) gives it back, len 12 (%s)",
	      describe_result(r));
	r = syscall(__NR_get_robust_list, getpid(), &got, &len);
	check(r == 0 && got == &head, "get_robust_list(getpid()) too");
	const long bad_lens[] = { 0, 11, 13, 24, -1, INT_MIN };
	for (unsigned i = 0; i < sizeof(bad_lens) / sizeof(bad_lens[0]); i++) {
		r = syscall(__NR_set_robust_list, &head, bad_lens[i]);
		check(failed_with(r, EINVAL), "set_robust_list(len %ld) fails with EINVAL (%s)",
		      bad_lens[i], describe_result(r));
	}
	check(syscall(__NR_set_robust_list, KERNEL_ADDR, 12) == 0,
	      "set_robust_list stores even a kernel address (only exit would read it)");
	const long bad_pids[] = { -1, INT_MIN, 999999 };
	for (unsigned i = 0; i < 3; i++) {
		r = syscall(__NR_get_robust_list, bad_pids[i], &got, &len);
		check(failed_with(r, ESRCH), "get_robust_list(%ld) fails with ESRCH (%s)", bad_pids[i],
		      describe_result(r));
	}
	r = syscall(__NR_get_robust_list, 0, &got, KERNEL_ADDR);
	check(failed_with(r, EFAULT), "get_robust_list with a kernel len_ptr: EFAULT (%s)",
	      describe_result(r));
	r = syscall(__NR_get_robust_list, 0, NULL, &len);
	check(failed_with(r, EFAULT), "get_robust_list with a NULL head_ptr: EFAULT (%s)",
	      describe_result(r));
}

/* Someone else's robust list needs their ids or root. */
static void robust_as_user(void)
{
	void *got;
	size_t len;

	_exit(setuid(1000) == 0 && syscall(__NR_get_robust_list, 1, &got, &len) == -1 && errno == EPERM
		      ? 0 : 1);
}

int main(void)
{
	check_plain_clone();
	check_cwd();
	check_settid();
	check_new_stack();
	check_bad_flags();
	check_vfork();
	check_tids();
	check_robust_list();
	int status = run_in_child(robust_as_user);
	check(status == 0, "get_robust_list(1) as uid 1000 fails with EPERM (%s)", describe_status(status));
	if (on_kspace()) {
		long r = syscall(386, NULL, 0, 0, 0);
		check(failed_with(r, ENOSYS), "rseq is ENOSYS, as before Linux 4.18 (%s)", describe_result(r));
	}
	return check_status();
}
