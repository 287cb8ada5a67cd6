/*
 * user/test-threads.c: threads made with the raw clone system call, as pthread_create
 * makes them (so the test builds against both libcs): the shared flags, thread groups
 * (getpid vs gettid, getppid), CLONE_PARENT_SETTID / CLONE_CHILD_CLEARTID with the
 * futex wake pthread_join waits for, CLONE_SETTLS, exit and exit_group, a leader that
 * exits before its threads, signals to the process and to one thread, and execve
 * from a thread that is not the leader, job control and sessions, and /proc/<pid>/task.
 * The futex operations that need waiters are test-futex-threads.c's.
 *
 * A thread here runs on its own small stack and shares the program's TLS, so it makes
 * only raw system calls (no errno, no stdio); the main thread does the checking.
 */
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "clone_thread.h"

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000
#define CLONE_PIDFD 0x00001000
/* pthread_create's flags */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define STACK_SIZE 16384
#define EXEC_CHILD "--thread-exec-child"

struct user_desc_raw { /* struct user_desc, spelled out: the libcs differ on its header */
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int flags; /* seg_32bit 1, contents 2, read_exec_only 1, limit_in_pages 1, ... */
};
#define UD_SEG_32BIT 1
#define UD_LIMIT_IN_PAGES 0x10
#define UD_USEABLE 0x40

static long raw3(long nr, long a, long b, long c)
{
	long r;

	__asm__ __volatile__("int $0x80" : "=a"(r) : "0"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

static long raw6(long nr, long a, long b, long c, long d, long e)
{
	long r;

	__asm__ __volatile__("int $0x80"
			     : "=a"(r)
			     : "0"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			     : "memory");
	return r;
}

static long futex(volatile int *word, int op, int val, const struct timespec *ts)
{
	return raw6(__NR_futex, (long)word, op, val, (long)ts, 0);
}

/*
 * clone with a new stack on which the child calls fn(arg) and exits (SYS_exit: this
 * thread only) with its return value. The result is the raw one: tid or -errno.
 */
static long spawn(unsigned long flags, void *stack, volatile int *ptid, void *tls,
		  volatile int *ctid, int (*fn)(void *), void *arg)
{
	long ret = clone_thread(flags, (char *)stack + STACK_SIZE, ptid, tls, ctid, fn, arg);

	if (ret < 0 && ctid)
		*ctid = 0; /* no thread (ENOMEM, say, when allocations fail on purpose): none to join */
	return ret;
}

/*
 * In a forked child: a thread that cannot be made (ENOMEM, say, when allocations fail
 * on purpose) ends the child at once with SPAWN_FAILED, rather than leaving it to wait
 * forever for a thread that does not exist.
 */
#define SPAWN_FAILED 99
static void spawn_or_exit(void *stack, volatile int *ctid, int (*fn)(void *), void *arg)
{
	if (spawn(THREAD_FLAGS, stack, NULL, NULL, ctid, fn, arg) < 0)
		_exit(SPAWN_FAILED);
}

/* pthread_join's wait: the kernel clears *ctid at the thread's exit and wakes it. */
static void join(volatile int *ctid)
{
	int tid;

	while ((tid = *ctid) != 0)
		futex(ctid, FUTEX_WAIT, tid, NULL);
}

static char stacks[4][STACK_SIZE] __attribute__((aligned(16)));

static int wait_status(pid_t pid)
{
	int status = -1;

	return waitpid(pid, &status, 0) == pid ? status : -1;
}

/* --- a thread's ids and the shared state --- */

static volatile int seen_pid, seen_tid, seen_ppid, shared_word;

static int report_ids(void *arg)
{
	seen_pid = raw3(__NR_getpid, 0, 0, 0);
	seen_tid = raw3(__NR_gettid, 0, 0, 0);
	seen_ppid = raw3(__NR_getppid, 0, 0, 0);
	shared_word = (int)(long)arg;
	return 0;
}

static void check_thread_ids(void)
{
	volatile int ptid = 0, ctid = 0;
	long tid;

	seen_pid = seen_tid = seen_ppid = shared_word = 0;
	ctid = -1; /* CLONE_CHILD_CLEARTID clears it: join waits until then */
	tid = spawn(THREAD_FLAGS, stacks[0], &ptid, NULL, &ctid, report_ids, (void *)42L);
	check(tid > 0, "clone(pthread_create's flags) makes a thread (%s)", describe_result(tid));
	if (tid <= 0)
		return;
	check(ptid == tid, "CLONE_PARENT_SETTID stored the thread's tid (%d, clone said %ld)",
	      ptid, tid);
	join(&ctid);
	check(ctid == 0, "CLONE_CHILD_CLEARTID cleared the tid word at the thread's exit");
	check(shared_word == 42, "the thread wrote to the shared memory (CLONE_VM): %d",
	      shared_word);
	check(seen_pid == getpid(), "getpid in the thread is the process's pid %d (%d)", getpid(),
	      seen_pid);
	check(seen_tid == tid && seen_tid != getpid(), "gettid in the thread is its own tid %ld (%d)",
	      tid, seen_tid);
	check(seen_ppid == getppid(), "getppid in the thread is the process's parent %d (%d)",
	      getppid(), seen_ppid);
	check(syscall(__NR_gettid) == getpid(), "the main thread's tid is the pid");
	check(failed_with(waitpid(tid, NULL, WNOHANG), ECHILD),
	      "a thread is not a child: waitpid(tid) fails with ECHILD");
}

/* --- the flag rules, Linux's copy_process order --- */

static void expect_einval(unsigned long flags, const char *what)
{
	long r = spawn(flags, stacks[0], NULL, NULL, NULL, report_ids, NULL);

	if (r > 0 && !(flags & CLONE_THREAD))
		wait_status(r);
	check(r == -EINVAL, "clone(%s) fails with EINVAL (%ld)", what, r);
}

static void check_flag_rules(void)
{
	expect_einval(CLONE_THREAD | CLONE_VM, "CLONE_THREAD without CLONE_SIGHAND");
	expect_einval(CLONE_SIGHAND | CLONE_THREAD, "CLONE_SIGHAND without CLONE_VM");
	expect_einval(CLONE_SIGHAND | SIGCHLD, "CLONE_SIGHAND without CLONE_VM (a process)");
	expect_einval(THREAD_FLAGS | CLONE_PIDFD, "CLONE_PIDFD with CLONE_THREAD");
	expect_einval(CLONE_PIDFD | CLONE_DETACHED | SIGCHLD, "CLONE_PIDFD with CLONE_DETACHED");
}

/* --- CLONE_SETTLS: the new thread's TLS entry, not the caller's --- */

static unsigned int tls_a[4] = { 0xaaaa0001 }, tls_b[4] = { 0xbbbb0002 };
static volatile unsigned int read_through_tls;

/* The word at offset 0 of segment entry idx, read through %fs (untouched by both libcs). */
static unsigned int read_entry(int idx)
{
	unsigned int v, sel = (idx << 3) | 3, old;

	__asm__ __volatile__("movl %%fs, %1\n\t"
			     "movl %2, %%fs\n\t"
			     "movl %%fs:0, %0\n\t"
			     "movl %1, %%fs"
			     : "=&r"(v), "=&r"(old)
			     : "r"(sel)
			     : "memory");
	return v;
}

static volatile int tls_entry;

static int read_tls(void *arg)
{
	(void)arg;
	read_through_tls = read_entry(tls_entry);
	return 0;
}

static void fill_desc(struct user_desc_raw *d, int entry, void *base)
{
	d->entry_number = entry;
	d->base_addr = (unsigned int)(unsigned long)base;
	d->limit = 0xfffff;
	d->flags = UD_SEG_32BIT | UD_LIMIT_IN_PAGES | UD_USEABLE;
}

static void check_settls(void)
{
	struct user_desc_raw d;
	volatile int ctid = -1;
	long tid, r;

	fill_desc(&d, -1, tls_a);
	r = syscall(__NR_set_thread_area, &d);
	check(r == 0, "set_thread_area(-1) gives the main thread an entry (%s)", describe_result(r));
	if (r)
		return;
	tls_entry = d.entry_number;
	fill_desc(&d, tls_entry, tls_b);
	tid = spawn(THREAD_FLAGS | CLONE_SETTLS, stacks[1], NULL, &d, &ctid, read_tls, NULL);
	check(tid > 0, "clone(CLONE_SETTLS) with the same entry (%s)", describe_result(tid));
	if (tid > 0)
		join(&ctid);
	check(read_through_tls == 0xbbbb0002, "the thread's entry has the base clone gave (%#x)",
	      read_through_tls);
	check(read_entry(tls_entry) == 0xaaaa0001, "the caller's entry is unchanged (%#x)",
	      read_entry(tls_entry));

	fill_desc(&d, -1, tls_b);
	r = spawn(THREAD_FLAGS | CLONE_SETTLS, stacks[1], NULL, &d, NULL, read_tls, NULL);
	check(r == -EINVAL, "CLONE_SETTLS with entry_number -1 fails with EINVAL (%ld)", r);
	r = spawn(THREAD_FLAGS | CLONE_SETTLS, stacks[1], NULL, (void *)0xC0000000UL, NULL,
		  read_tls, NULL);
	check(r == -EFAULT, "CLONE_SETTLS with a kernel pointer fails with EFAULT (%ld)", r);
	fill_desc(&d, tls_entry, NULL);
	d.flags = 0x20 | UD_SEG_32BIT; /* seg_not_present: refused */
	r = spawn(THREAD_FLAGS | CLONE_SETTLS, stacks[1], NULL, &d, NULL, read_tls, NULL);
	check(r == -EINVAL, "CLONE_SETTLS with a not-present segment fails with EINVAL (%ld)", r);
}

/* --- the ends of a process with threads, each in a child process --- */

static volatile int never; /* threads that must be ended from outside wait on it */

static int wait_forever(void *arg)
{
	(void)arg;
	for (;;)
		futex(&never, FUTEX_WAIT, 0, NULL);
	return 0;
}

static int exit_group_5(void *arg)
{
	(void)arg;
	raw3(__NR_exit_group, 5, 0, 0);
	return 1;
}

/* A thread's exit_group ends the main thread too, with the thread's status. */
static void check_exit_group(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		spawn_or_exit(stacks[0], NULL, exit_group_5, NULL);
		wait_forever(NULL);
	}
	status = wait_status(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "exit_group(5) in a thread ends the process with status 5 (%s)",
	      describe_status(status));
}

/* A thread's exit leaves the others running: the main thread reports what it saw. */
static int exit_3(void *arg)
{
	(void)arg;
	return 3;
}

static void check_thread_exit(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		volatile int ctid = -1;

		spawn_or_exit(stacks[0], &ctid, exit_3, NULL);
		join(&ctid);
		_exit(9);
	}
	status = wait_status(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 9,
	      "a thread's exit(3) ends only that thread: the process exits 9 (%s)",
	      describe_status(status));
}

/* "Z" once pid's /proc status says it is a zombie (tried for up to 2 s). */
static bool becomes_zombie(pid_t pid)
{
	char path[64], text[2048];
	struct timespec ms10 = { 0, 10000000 };

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (int i = 0; i < 200; i++) {
		if (read_text(path, text, sizeof(text)) > 0 && strstr(text, "State:\tZ"))
			return true;
		nanosleep(&ms10, NULL);
	}
	return false;
}

/*
 * The leader exits first (SYS_exit): the process lives on in its thread, wait4 does not
 * report it, and kill() still reaches it; the group's fatal signal is what wait4 sees.
 */
static void check_leader_exits_first(void)
{
	pid_t pid = fork();
	int status = 0;
	long r;

	if (pid == 0) {
		spawn_or_exit(stacks[0], NULL, wait_forever, NULL);
		raw3(__NR_exit, 3, 0, 0);
	}
	check(becomes_zombie(pid), "the leader that called exit is a zombie in /proc");
	r = waitpid(pid, &status, WNOHANG);
	check(r == 0, "waitpid(WNOHANG) does not report it while a thread runs (%s)",
	      describe_result(r));
	check(kill(pid, 0) == 0, "kill(pid, 0) finds the process");
	check(kill(pid, SIGUSR1) == 0, "kill(pid, SIGUSR1) reaches the thread");
	status = wait_status(pid);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1,
	      "then wait reports the group's death by SIGUSR1 (%s)", describe_status(status));
}

/* A fatal signal to the process ends every thread. */
static void check_fatal_signal(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		spawn_or_exit(stacks[0], NULL, wait_forever, NULL);
		spawn_or_exit(stacks[1], NULL, wait_forever, NULL);
		wait_forever(NULL);
	}
	struct timespec ms50 = { 0, 50000000 };
	nanosleep(&ms50, NULL);
	kill(pid, SIGTERM);
	status = wait_status(pid);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "SIGTERM to a process of 3 threads ends it (%s)", describe_status(status));
}

/* --- which thread takes a signal --- */

static volatile int handled_by, handled_sig;

static void record_handler(int sig)
{
	handled_sig = sig;
	handled_by = raw3(__NR_gettid, 0, 0, 0);
}

static volatile int wake_word;

/* Sleep until a handler has run (the futex wait ends with EINTR), then exit. */
static int wait_for_handler(void *arg)
{
	sigset_t none;

	(void)arg;
	sigemptyset(&none);
	raw6(__NR_rt_sigprocmask, SIG_SETMASK, (long)&none, 0, 8, 0);
	while (!handled_by)
		futex(&wake_word, FUTEX_WAIT, 0, NULL);
	return 0;
}

/* kill() to the process: the main thread blocks the signal, so the thread takes it. */
static void check_signal_routing(void)
{
	struct sigaction sa;
	sigset_t block, old;
	volatile int ctid = -1;
	long tid, r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record_handler;
	sigaction(SIGUSR2, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, &old);
	handled_by = handled_sig = 0;
	tid = spawn(THREAD_FLAGS, stacks[2], NULL, NULL, &ctid, wait_for_handler, NULL);
	sched_yield();
	kill(getpid(), SIGUSR2);
	if (tid > 0)
		join(&ctid);
	check(handled_by == tid && handled_sig == SIGUSR2,
	      "kill(getpid()) is taken by the thread that does not block it (%d, thread %ld)",
	      handled_by, tid);

	handled_by = handled_sig = 0;
	ctid = -1;
	tid = spawn(THREAD_FLAGS, stacks[2], NULL, NULL, &ctid, wait_for_handler, NULL);
	sched_yield();
	r = syscall(__NR_tgkill, getpid(), tid, SIGUSR2);
	check(r == 0, "tgkill(pid, tid) (%s)", describe_result(r));
	if (tid > 0)
		join(&ctid);
	check(handled_by == tid, "tgkill's signal runs in that thread (%d, thread %ld)",
	      handled_by, tid);
	check(failed_with(syscall(__NR_tgkill, getpid() + 100000, getpid(), 0), ESRCH) ||
		      failed_with(syscall(__NR_tgkill, getpid() + 100000, getpid(), 0), EINVAL),
	      "tgkill with another tgid fails");
	if (getppid() > 0) /* not as init */
		check(failed_with(syscall(__NR_tgkill, getppid(), getpid(), 0), ESRCH),
		      "tgkill(parent's pid, my tid) fails with ESRCH");
	check(failed_with(syscall(__NR_tkill, 0, SIGUSR2), EINVAL), "tkill(0) fails with EINVAL");
	check(failed_with(syscall(__NR_tgkill, getpid(), -1, SIGUSR2), EINVAL),
	      "tgkill(pid, -1) fails with EINVAL");
	sigprocmask(SIG_SETMASK, &old, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGUSR2, &sa, NULL);
}

/* --- execve from a thread that is not the leader --- */

static char *self_path;
static char pid_arg[16];

static int exec_self(void *arg)
{
	char *argv[] = { self_path, EXEC_CHILD, pid_arg, NULL };
	char *envp[] = { NULL };

	(void)arg;
	raw3(__NR_execve, (long)self_path, (long)argv, (long)envp);
	raw3(__NR_exit_group, SPAWN_FAILED, 0, 0); /* it failed (out of memory): the whole process */
	return SPAWN_FAILED;
}

static void check_exec_from_thread(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		snprintf(pid_arg, sizeof(pid_arg), "%d", getpid());
		spawn_or_exit(stacks[0], NULL, wait_forever, NULL);
		spawn_or_exit(stacks[1], NULL, exec_self, NULL);
		wait_forever(NULL);
	}
	status = wait_status(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "execve in a second thread: the other threads end and the new program runs as "
	      "pid and tid %d (%s)",
	      pid, describe_status(status));
}

/* The program execve started: alone in its process, with the old leader's pid. */
static int exec_child(const char *want)
{
	char path[64], text[2048];
	int pid = atoi(want);

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (getpid() != pid || syscall(__NR_gettid) != pid)
		return 1;
	if (read_text(path, text, sizeof(text)) < 0 || !strstr(text, "Threads:\t1\n"))
		return 2;
	return 0;
}

/* --- job control: a stop signal stops every thread --- */

static bool file_has(const char *path, const char *line)
{
	char text[4096];

	return read_text(path, text, sizeof(text)) > 0 && strstr(text, line);
}

static bool thread_state_is(pid_t pid, long tid, char state)
{
	char path[96], line[16];
	struct timespec ms = { 0, 10000000 };

	snprintf(path, sizeof(path), "/proc/%d/task/%ld/status", pid, tid);
	snprintf(line, sizeof(line), "State:\t%c", state);
	for (int i = 0; i < 200; i++) {
		if (file_has(path, line))
			return true;
		nanosleep(&ms, NULL);
	}
	return false;
}

static void check_group_stop(void)
{
	int pipefd[2], status = 0;
	long tid = 0;
	pid_t pid;

	if (pipe(pipefd))
		return;
	pid = fork();
	if (pid == 0) {
		tid = spawn(THREAD_FLAGS, stacks[0], NULL, NULL, NULL, wait_forever, NULL);
		write(pipefd[1], &tid, sizeof(tid));
		wait_forever(NULL);
	}
	read(pipefd[0], &tid, sizeof(tid));
	close(pipefd[0]);
	close(pipefd[1]);
	kill(pid, SIGSTOP);
	check(waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) &&
		      WSTOPSIG(status) == SIGSTOP,
	      "SIGSTOP to a process with a thread: wait reports it stopped (%s)",
	      describe_status(status));
	check(thread_state_is(pid, pid, 'T') && thread_state_is(pid, tid, 'T'),
	      "both threads are stopped (State: T)");
	kill(pid, SIGCONT);
	check(thread_state_is(pid, tid, 'S'), "SIGCONT lets the thread sleep on again (State: S)");
	kill(pid, SIGKILL);
	status = wait_status(pid);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "then SIGKILL ends it (%s)",
	      describe_status(status));
}

/* --- a process's session and group belong to all its threads --- */

static volatile long setsid_result;

static int call_setsid(void *arg)
{
	(void)arg;
	setsid_result = raw3(__NR_setsid, 0, 0, 0);
	return 0;
}

static void check_session(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		volatile int ctid = -1;
		long tid;

		spawn_or_exit(stacks[0], &ctid, call_setsid, NULL);
		join(&ctid);
		if (setsid_result != getpid())
			_exit(1); /* setsid names the process's session by its pid */
		if (getsid(0) != getpid() || getpgrp() != getpid())
			_exit(2); /* the main thread is in the new session and group too */
		tid = spawn(THREAD_FLAGS, stacks[1], NULL, NULL, NULL, wait_forever, NULL);
		if (tid < 0)
			_exit(SPAWN_FAILED);
		if (setpgid(tid, 0) != -1 || errno != EINVAL)
			_exit(3); /* a live thread's tid names no process for setpgid */
		_exit(0);
	}
	status = wait_status(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "setsid in a thread moves the whole process; setpgid(tid) is EINVAL (%s)",
	      describe_status(status));
}

/* --- /proc/<pid>/task and the status lines of a process with threads --- */

static bool dir_has(const char *path, long name)
{
	char want[16];
	struct dirent *d;
	DIR *dir = opendir(path);
	bool found = false;

	snprintf(want, sizeof(want), "%ld", name);
	while (dir && (d = readdir(dir)))
		found |= !strcmp(d->d_name, want);
	if (dir)
		closedir(dir);
	return found;
}

static volatile int proc_task_done;

static int wait_until_done(void *arg)
{
	(void)arg;
	while (!proc_task_done)
		futex(&proc_task_done, FUTEX_WAIT, 0, NULL);
	return 0;
}

/* The thread is listed from clone's return on: no need to wait for it to run. */
static void check_proc_task(void)
{
	volatile int ctid = -1;
	char path[96], line[64];
	long tid;

	tid = spawn(THREAD_FLAGS, stacks[0], NULL, NULL, &ctid, wait_until_done, NULL);
	snprintf(path, sizeof(path), "/proc/%d/task", getpid());
	check(dir_has(path, getpid()) && dir_has(path, tid),
	      "/proc/<pid>/task lists the main thread and the thread %ld", tid);
	check(!dir_has("/proc", tid), "/proc lists processes: not the thread %ld", tid);
	snprintf(path, sizeof(path), "/proc/%d/status", getpid());
	check(file_has(path, "\nThreads:\t2\n"), "/proc/<pid>/status says Threads: 2");
	snprintf(path, sizeof(path), "/proc/%d/task/%ld/status", getpid(), tid);
	snprintf(line, sizeof(line), "\nTgid:\t%d\n", getpid());
	check(file_has(path, line), "the thread's status has the process's Tgid");
	snprintf(line, sizeof(line), "\nPid:\t%ld\n", tid);
	check(file_has(path, line), "and its own tid as Pid");
	snprintf(path, sizeof(path), "/proc/%ld/status", tid);
	check(file_has(path, line), "/proc/<tid>/status exists too, as on Linux");
	snprintf(path, sizeof(path), "/proc/%d/task/%ld/task", getpid(), tid);
	check(read_text(path, line, sizeof(line)) < 0, "a thread's directory has no task/");
	proc_task_done = 1;
	futex(&proc_task_done, FUTEX_WAKE, 1, NULL);
	join(&ctid);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], EXEC_CHILD))
		return exec_child(argv[2]);
	self_path = argv[0];
	check_thread_ids();
	check_flag_rules();
	check_settls();
	check_exit_group();
	check_thread_exit();
	check_leader_exits_first();
	check_fatal_signal();
	check_signal_routing();
	check_exec_from_thread();
	check_proc_task();
	check_session();
	check_group_stop();
	return check_status();
}
