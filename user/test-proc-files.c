/*
 * user/test-proc-files.c: the /proc files busybox's ps, top, free and uptime read, in
 * Linux's formats: /proc/<pid>/status ("Name:\t...", the ids, the signal masks in hex),
 * /proc/<pid>/cmdline (the arguments, each ended by a NUL, read from the process's own
 * memory, empty for a zombie), the times and signal words of /proc/<pid>/stat, and
 * /proc/stat, uptime, loadavg, version and cpuinfo.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static char text[8192];

/* A /proc file into text. */
static long read_proc(const char *path)
{
	return read_text(path, text, sizeof(text));
}

/* The value after "name:\t" on its line of text, or NULL. */
static const char *field(const char *name)
{
	char key[32];
	const char *p;

	snprintf(key, sizeof(key), "\n%s:\t", name);
	if (!strncmp(text, key + 1, strlen(key) - 1))
		return text + strlen(key) - 1;
	p = strstr(text, key);
	return p ? p + strlen(key) : NULL;
}

static bool field_is(const char *name, const char *want)
{
	const char *v = field(name);

	return v && !strncmp(v, want, strlen(want)) && v[strlen(want)] == '\n';
}

static void handler(int sig)
{
	(void)sig;
}

static void check_proc_status(void)
{
	char want[64];
	const char *v;
	sigset_t set;

	umask(027);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGHUP, handler);
	check(read_proc("/proc/self/status") > 0, "/proc/self/status reads");
	check(field_is("Name", "test-proc-files"), "Name:\\ttest-proc-files");
	check(field_is("Umask", "0027"), "Umask:\\t0027 after umask(027)");
	check(field_is("State", "R (running)"), "State:\\tR (running)");
	snprintf(want, sizeof(want), "%d", getpid());
	check(field_is("Pid", want) && field_is("Tgid", want), "Pid: and Tgid: are getpid() (%s)", want);
	snprintf(want, sizeof(want), "%d", getppid());
	check(field_is("PPid", want), "PPid: is getppid() (%s)", want);
	snprintf(want, sizeof(want), "%d\t%d\t%d\t%d", getuid(), geteuid(), getuid(), geteuid());
	check(field_is("Uid", want), "Uid: real, effective, saved and fs uid (%s)", want);
	v = field("VmSize");
	check(v && strlen(v) > 12 && !strncmp(v + 8, " kB\n", 4) && strtol(v, NULL, 10) > 0,
	      "VmSize: a size in kB, right-aligned in 8 columns");
	check(field_is("Threads", "1"), "Threads:\\t1");
	check(field_is("SigBlk", "0000000000000200"), "SigBlk: SIGUSR1 (bit 9) blocked");
	v = field("SigIgn");
	check(v && strlen(v) >= 17 && v[16] == '\n' && (strtoul(v + 8, NULL, 16) & 0x800),
	      "SigIgn: 16 hex digits, SIGUSR2 (bit 11) among them");
	v = field("SigCgt");
	check(v && (strtoul(v + 8, NULL, 16) & 1) && !(strtoul(v + 8, NULL, 16) & 0xa00),
	      "SigCgt: SIGHUP caught, neither SIGUSR1 nor SIGUSR2");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	signal(SIGUSR2, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
}

/* Fields of /proc/<pid>/stat after the comm, numbered as in proc(5) (field[3] is the state). */
static int stat_fields(const char *path, unsigned long field[53])
{
	char *p = read_proc(path) > 0 ? strrchr(text, ')') : NULL, *next;
	int n = 2;

	if (!p)
		return 0;
	for (p += 2; *p && n < 52; p = next) {
		if (++n == 3) {
			field[3] = *p;
			next = p + 1;
			continue;
		}
		field[n] = strtoul(p, &next, 10); /* -1 reads as ULONG_MAX */
		if (next == p)
			return n - 1;
	}
	return n;
}

static void check_stat_words(void)
{
	unsigned long f[53] = { 0 }, ticks_up;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	check(stat_fields("/proc/self/stat", f) == 52, "/proc/self/stat has 52 fields");
	check((long)f[6] == getsid(0), "field 6 is the session (%lu, getsid %d)", f[6], getsid(0));
	check(f[32] == 512, "field 32, blocked, is SIGUSR1's bit in decimal (%lu)", f[32]);
	check(f[38] == SIGCHLD, "field 38, exit_signal, is SIGCHLD (%lu)", f[38]);
	/* In USER_HZ (100) ticks: started since boot, and ran no longer than it has existed. */
	ticks_up = read_proc("/proc/uptime") > 0 ? (strtoul(text, NULL, 10) + 1) * 100 : 0;
	check(f[22] <= ticks_up && f[14] + f[15] <= ticks_up - f[22] + 1,
	      "starttime, utime and stime are ticks within the uptime (%lu %lu %lu, up %lu)", f[22],
	      f[14], f[15], ticks_up);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* Our own arguments as cmdline must hold them: each with its NUL. */
static long args_text(int argc, char **argv, char *buf, size_t size)
{
	long len = 0;

	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;

		if (len + n > size)
			return -1;
		memcpy(buf + len, argv[i], n);
		len += n;
	}
	return len;
}

static void check_cmdline(int argc, char **argv)
{
	static char want[4096];
	char path[64];
	long want_len = args_text(argc, argv, want, sizeof(want)), len;
	pid_t pid;

	len = read_proc("/proc/self/cmdline");
	check(len == want_len && !memcmp(text, want, len),
	      "/proc/self/cmdline is our arguments, NUL after each (%ld bytes, want %ld)", len,
	      want_len);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	len = read_proc(path);
	check(len == want_len && !memcmp(text, want, len),
	      "a child's cmdline, read from its memory, is the same (%ld bytes)", len);
	kill(pid, SIGKILL);
	for (int i = 0; i < 100; i++) { /* until it is a zombie */
		unsigned long f[53] = { 0 };
		struct timespec t = { 0, 10000000 };

		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (stat_fields(path, f) && f[3] == 'Z')
			break;
		nanosleep(&t, NULL);
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	len = read_proc(path);
	check(len == 0, "a zombie's cmdline is empty (%ld bytes)", len);
	waitpid(pid, NULL, 0);
}

/* Read a number at *p that must be followed by the character after; move past both. */
static bool number_then(const char **p, unsigned long *v, char after)
{
	char *end;

	*v = strtoul(*p, &end, 10);
	if (end == *p || *end != after || **p < '0' || **p > '9')
		return false;
	*p = end + 1;
	return true;
}

/* Whether text at p is count numbers "a.bb" (two decimals), each followed by seps[i]. */
static bool decimals(const char **p, int count, const char *seps)
{
	unsigned long whole, hundredths;

	for (int i = 0; i < count; i++) {
		const char *frac = strchr(*p, '.');

		if (!number_then(p, &whole, '.') || !number_then(p, &hundredths, seps[i]) ||
		    *p - frac != 4)
			return false;
	}
	return true;
}

static void check_system_files(void)
{
	unsigned long up = 0, v[3], btime = 0;
	const char *p = text;
	struct utsname u;
	char want[200];
	bool ok;

	ok = read_proc("/proc/uptime") > 0 && (up = strtoul(text, NULL, 10), decimals(&p, 2, " \n")) && !*p;
	check(ok, "/proc/uptime: seconds up and idle, with hundredths (%s)", text);
	p = text;
	ok = read_proc("/proc/loadavg") > 0 && decimals(&p, 3, "   ") && number_then(&p, &v[0], '/') &&
	     number_then(&p, &v[1], ' ') && number_then(&p, &v[2], '\n') && !*p;
	check(ok && v[0] >= 1 && v[1] >= v[0] && v[2] > 0,
	      "/proc/loadavg: three averages, running/total tasks, the last pid (%s)", text);
	ok = read_proc("/proc/stat") > 0 && !strncmp(text, "cpu  ", 5);
	p = text + 5;
	for (int i = 0; ok && i < 10; i++)
		ok = number_then(&p, &v[0], i < 9 ? ' ' : '\n');
	check(ok, "/proc/stat starts with \"cpu  \" and ten tick counts");
	check(strstr(text, "\ncpu0 ") && strstr(text, "\nintr ") && strstr(text, "\nctxt ") &&
		      strstr(text, "\nprocesses ") && strstr(text, "\nprocs_running ") &&
		      strstr(text, "\nprocs_blocked ") && strstr(text, "\nsoftirq "),
	      "/proc/stat has cpu0, intr, ctxt, processes, procs_running, procs_blocked, softirq");
	p = strstr(text, "\nbtime ");
	if (p)
		btime = strtoul(p + 7, NULL, 10);
	check(btime && btime + up <= (unsigned long)time(NULL) + 2 &&
		      btime + up + 2 >= (unsigned long)time(NULL),
	      "btime plus the uptime is now (%lu + %lu, now %ld)", btime, up, (long)time(NULL));
	uname(&u);
	snprintf(want, sizeof(want), "%s version %s ", u.sysname, u.release);
	check(read_proc("/proc/version") > 0 && !strncmp(text, want, strlen(want)) &&
		      strstr(text, u.version),
	      "/proc/version: \"%s\"..., with uname's version", want);
	check(read_proc("/proc/cpuinfo") > 0 && !strncmp(text, "processor\t: 0\n", 14) &&
		      strstr(text, "\nvendor_id\t: ") && strstr(text, "\ncpu family\t: ") &&
		      strstr(text, "\nmodel name\t: ") && strstr(text, "\nflags\t\t: ") &&
		      strstr(text, "\nphysical id\t: ") && strstr(text, "\nsiblings\t: ") &&
		      strstr(text, "\ncore id\t\t: ") && strstr(text, "\ncpu cores\t: ") &&
		      strstr(text, "\napicid\t\t: ") && strstr(text, "\ninitial apicid\t: "),
	      "/proc/cpuinfo: processor 0, vendor_id, cpu family, model name, flags, topology");
}

int main(int argc, char **argv)
{
	check_proc_status();
	check_stat_words();
	check_cmdline(argc, argv);
	check_system_files();
	return check_status();
}
