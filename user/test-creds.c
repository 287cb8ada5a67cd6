/*
 * user/test-creds.c: the real, effective, saved and fs ids and their system calls,
 * 32-bit and the 16-bit originals, with Linux's rules: root may set anything, others
 * only shuffle the ids they hold (EPERM); (uid_t)-1 leaves an id alone; 16-bit calls
 * show ids above 65535 as 65534. Supplementary groups, sessions, process groups and
 * umask. Every change of ids happens in a child, which exits 0 if all went as expected.
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000UL)
#define SELF "/bin/test-creds"

static int step; /* the child's exit status names the first step that failed */

static void expect(int ok)
{
	step++;
	if (!ok)
		_exit(step);
}

static int has_uids(uid_t r, uid_t e, uid_t s)
{
	uid_t gr, ge, gs;

	return getresuid(&gr, &ge, &gs) == 0 && gr == r && ge == e && gs == s;
}

static int has_gids(gid_t r, gid_t e, gid_t s)
{
	gid_t gr, ge, gs;

	return getresgid(&gr, &ge, &gs) == 0 && gr == r && ge == e && gs == s;
}

/* setresuid as root, then as an ordinary user holding 1000, 1001 and 1002. */
static void resuid_body(void)
{
	expect(has_uids(0, 0, 0));
	expect(setresuid(-1, -1, -1) == 0 && has_uids(0, 0, 0));
	expect(setresuid(1000, 1001, 1002) == 0 && has_uids(1000, 1001, 1002));
	expect(getuid() == 1000 && geteuid() == 1001);
	expect(setfsuid(-1) == 1001); /* the fs id followed the effective one */
	expect(failed_with(setresuid(0, -1, -1), EPERM) && has_uids(1000, 1001, 1002));
	expect(failed_with(setresuid(-1, 1003, -1), EPERM));
	expect(setresuid(1002, 1000, 1001) == 0 && has_uids(1002, 1000, 1001));
	expect(setresuid(-1, 1001, -1) == 0 && has_uids(1002, 1001, 1001));
	expect(failed_with(setresuid(-1, 1000, -1), EPERM)); /* 1000 is no longer held */
	_exit(0);
}

/* setreuid: the saved id takes the new effective id when the real one is set. */
static void reuid_body(void)
{
	expect(setreuid(1000, 1001) == 0 && has_uids(1000, 1001, 1001));
	expect(setreuid(-1, 1000) == 0 && has_uids(1000, 1000, 1001)); /* back to the real: saved stays */
	expect(setreuid(-1, 1001) == 0 && has_uids(1000, 1001, 1001));
	expect(failed_with(setreuid(1002, -1), EPERM));
	expect(failed_with(setreuid(-1, 0), EPERM));
	expect(setreuid(1001, -1) == 0 && has_uids(1001, 1001, 1001));
	_exit(0);
}

/* setuid: root sets all; others only the effective id, to the real or saved one. */
static void setuid_body(void)
{
	expect(failed_with(setuid(-1), EINVAL));
	expect(setresuid(1000, 0, 1002) == 0);
	expect(setuid(0) == 0 && has_uids(0, 0, 0)); /* euid 0: root's rule */
	expect(setresuid(1000, 1001, 1002) == 0);
	expect(setuid(1002) == 0 && has_uids(1000, 1002, 1002));
	expect(setuid(1000) == 0 && has_uids(1000, 1000, 1002));
	expect(failed_with(setuid(1001), EPERM));
	expect(seteuid(1002) == 0 && has_uids(1000, 1002, 1002));
	_exit(0);
}

static void gid_body(void)
{
	expect(has_gids(0, 0, 0));
	expect(failed_with(setgid(-1), EINVAL));
	expect(setresgid(100, 101, 102) == 0 && has_gids(100, 101, 102));
	expect(getgid() == 100 && getegid() == 101);
	expect(setregid(102, -1) == 0 && has_gids(102, 101, 101));
	expect(setgid(7) == 0 && has_gids(7, 7, 7)); /* still root by uid */
	expect(setresgid(100, 101, 102) == 0 && setuid(1000) == 0);
	expect(failed_with(setresgid(0, -1, -1), EPERM));
	expect(failed_with(setgid(5), EPERM));
	expect(setgid(102) == 0 && has_gids(100, 102, 102));
	expect(failed_with(setregid(-1, 0), EPERM));
	expect(setfsgid(0) == 102 && setfsgid(-1) == 102); /* not held: unchanged */
	expect(setfsgid(100) == 102 && setfsgid(-1) == 100);
	_exit(0);
}

static void fsuid_body(void)
{
	expect(setfsuid(1234) == 0 && setfsuid(-1) == 1234); /* root may pick any */
	expect(has_uids(0, 0, 0));
	expect(setresuid(1000, 1000, 1000) == 0 && setfsuid(-1) == 1000);
	expect(setfsuid(0) == 1000 && setfsuid(-1) == 1000);
	_exit(0);
}

/* The 16-bit calls of the original i386 ABI: overflow ids, and 0xffff for "unchanged". */
static void uid16_body(void)
{
	unsigned short r, e, s;

	expect(setresuid(70000, 70001, 1000) == 0);
	expect(syscall(__NR_getuid) == 65534 && syscall(__NR_geteuid) == 65534);
	expect(syscall(__NR_getresuid, &r, &e, &s) == 0 && r == 65534 && e == 65534 && s == 1000);
	expect(syscall(__NR_getuid32) == 70000);
	expect(setresuid(0, 0, 0) == -1); /* not root any more */
	_exit(0);
}

static void uid16_root_body(void)
{
	expect(failed_with(syscall(__NR_setuid, 0xffff), EINVAL));
	expect(syscall(__NR_setresuid, 0xffff, 1000, 0xffff) == 0 && has_uids(0, 1000, 0));
	expect(syscall(__NR_setreuid, 0x1ffff, 0xffff) == 0 && has_uids(0, 1000, 0)); /* both 0xffff */
	expect(syscall(__NR_setreuid, 0x10000, 0xffff) == 0 && has_uids(0, 1000, 1000)); /* ruid 0 */
	_exit(0);
}

static int run(void (*body)(void), const char *what)
{
	int status = run_in_child(body);

	check(status == 0, "%s (%s)", what, describe_status(status));
	return status;
}

static void check_bad_pointers(void)
{
	uid_t u;
	gid_t g;

	check(failed_with(getresuid(NULL, &u, &u), EFAULT), "getresuid(NULL, ...): EFAULT");
	check(failed_with(getresuid(&u, &u, KERNEL_ADDR), EFAULT), "getresuid(..., kernel address): EFAULT");
	check(failed_with(getresgid(&g, (void *)text_page, &g), EFAULT) && text_page_intact(),
	      "getresgid into read-only text: EFAULT");
	check(failed_with(syscall(__NR_getresuid, &u, &u, KERNEL_ADDR), EFAULT),
	      "16-bit getresuid(..., kernel address): EFAULT");
}

static void groups_body(void)
{
	gid_t set[3] = { 5, 3, 9 }, got[8];
	gid_t bad[2] = { 4, (gid_t)-1 };
	unsigned short got16[8];

	expect(setgroups(3, set) == 0);
	expect(getgroups(0, NULL) == 3);
	expect(getgroups(8, got) == 3 && got[0] == 3 && got[1] == 5 && got[2] == 9); /* sorted */
	expect(failed_with(getgroups(2, got), EINVAL));
	expect(failed_with(getgroups(-1, got), EINVAL));
	expect(failed_with(getgroups(INT_MIN, got), EINVAL));
	expect(failed_with(getgroups(3, KERNEL_ADDR), EFAULT));
	expect(syscall(__NR_getgroups, 8, got16) == 3 && got16[0] == 3 && got16[2] == 9);
	expect(failed_with(setgroups(2, bad), EINVAL));
	expect(failed_with(setgroups((size_t)-1, set), EINVAL));
	expect(failed_with(setgroups(65537, set), EINVAL));
	expect(failed_with(setgroups(1, NULL), EFAULT));
	expect(failed_with(setgroups(1, KERNEL_ADDR), EFAULT));
	expect(setgroups(0, NULL) == 0 && getgroups(0, NULL) == 0);
	expect(setuid(1000) == 0);
	expect(failed_with(setgroups(1, set), EPERM));
	_exit(0);
}

static void groups_max_body(void)
{
	static gid_t many[33];

	expect(setgroups(32, many) == 0 && getgroups(0, NULL) == 32);
	expect(failed_with(setgroups(33, many), EINVAL));
	_exit(0);
}

/* A new session: its leader is its own group too; a second setsid is EPERM. */
static void setsid_body(void)
{
	pid_t me = getpid();

	expect(getsid(0) != me);
	expect(setsid() == me && getsid(0) == me && getpgrp() == me && getpgid(0) == me);
	expect(failed_with(setsid(), EPERM));
	expect(failed_with(setpgid(0, 0), EPERM)); /* a session leader cannot move */
	_exit(0);
}

static void leader_setsid_body(void)
{
	expect(setpgid(0, 0) == 0 && getpgrp() == getpid());
	expect(failed_with(setsid(), EPERM)); /* a group leader may not start a session */
	_exit(0);
}

static pid_t paused_child(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* In a group of its own first: the test's own group may be 0, which setpgid cannot name. */
static void move_body(void)
{
	pid_t pid;

	expect(setpgid(0, 0) == 0);
	pid = paused_child();
	expect(pid > 0 && setpgid(pid, pid) == 0 && getpgid(pid) == pid);
	expect(setpgid(pid, getpgrp()) == 0 && getpgid(pid) == getpgrp());
	reap(pid);
	_exit(0);
}

static void check_sessions(void)
{
	pid_t sid = getsid(0), pid;
	char *argv[] = { SELF, "pause", NULL };
	struct timespec nap = { 0, 50 * 1000000 };

	check(sid == getsid(getpid()), "getsid(0) is getsid(getpid()) (%d)", sid);
	check(getpgid(0) == getpgrp() && getpgid(getpid()) == getpgrp(), "getpgid(0) is getpgrp()");
	const pid_t bad[] = { -1, INT_MIN, 999999 };
	for (int i = 0; i < 3; i++) {
		check(failed_with(getsid(bad[i]), ESRCH), "getsid(%d): ESRCH", bad[i]);
		check(failed_with(getpgid(bad[i]), ESRCH), "getpgid(%d): ESRCH", bad[i]);
	}
	check(failed_with(setpgid(0, -1), EINVAL), "setpgid(0, -1): EINVAL");
	check(failed_with(setpgid(0, INT_MIN), EINVAL), "setpgid(0, INT_MIN): EINVAL");
	check(failed_with(setpgid(999999, 0), ESRCH), "setpgid(999999, 0): ESRCH");
	check(failed_with(setpgid(1, 0), ESRCH) || getpid() == 1, "setpgid(init, 0): ESRCH, not our child");
	check(failed_with(setpgid(0, 999999), EPERM), "setpgid(0, a group that does not exist): EPERM");
	run(setsid_body, "setsid in a child: a new session and group, then EPERM");
	run(leader_setsid_body, "setsid by a process-group leader: EPERM");

	run(move_body, "a parent moves its child to a new group and back to its own");

	pid = fork();
	if (pid == 0) {
		execve(SELF, argv, NULL);
		_exit(127);
	}
	nanosleep(&nap, NULL);
	check(failed_with(setpgid(pid, pid), EACCES), "setpgid on a child that has exec'd: EACCES");
	reap(pid);
}

static void umask_body(void)
{
	expect(umask(022) == 0077);
	_exit(0);
}

static void check_umask(void)
{
	mode_t old = umask(0077);

	check(umask(0777777) == 0077 && umask(0) == 0777, "umask keeps only the 0777 bits");
	umask(0077);
	run(umask_body, "fork copies the umask");
	umask(old);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "pause")) {
		pause();
		return 0;
	}
	check(getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0,
	      "the tests run as root, group 0");
	run(resuid_body, "setresuid/getresuid: root sets any; others shuffle held ids, else EPERM");
	run(reuid_body, "setreuid: Linux's saved-id rule and EPERM");
	run(setuid_body, "setuid: root sets all three; others only the effective id");
	run(gid_body, "the same rules for gids: setresgid, setregid, setgid, setfsgid");
	run(fsuid_body, "setfsuid returns the old fs id and refuses ids not held");
	run(uid16_body, "16-bit getuid/geteuid/getresuid show 65534 for ids above 65535");
	run(uid16_root_body, "16-bit setuid(0xffff) is EINVAL; 0xffff leaves an id alone");
	check_bad_pointers();
	run(groups_body, "setgroups/getgroups: sorted, EINVAL, EFAULT, and EPERM without root");
	if (on_kspace())
		run(groups_max_body, "kspace keeps up to 32 groups: 33 is EINVAL");
	check_sessions();
	check_umask();
	return check_status();
}
