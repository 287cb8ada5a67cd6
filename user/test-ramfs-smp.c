/*
 * user/test-ramfs-smp.c: one directory and two files worked on by processes on
 * different CPUs at once. Two namers create, link, rename (within the directory and
 * across to a subdirectory, files and directories), unlink and rmdir names of their
 * own there, every call of which must succeed; a lister reads the directory a few
 * entries per getdents64 and lstats what it finds: each of the stable entries, which
 * sort after every churned name, must be listed exactly once per pass and stat whole.
 * Two appenders add 64-byte records to one file with O_APPEND while a reader reads
 * and maps it (every record it sees must be whole), and a truncator grows and shrinks
 * another (its bytes read as 'g' or zero). At the end the directory holds exactly the
 * stable entries, the appended file every record once, the other file what the last
 * round left. All of it runs twice, each time in a child; on kspace the slab caches'
 * active objects and the free memory after the second are what they were after the
 * first (the first run leaves a few pages behind for good: the parent's stack and
 * tables growing, as any first use does), free memory within FREE_SLACK_KB.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define D "/tmp/test-ramfs-smp.d"
#define F "/tmp/test-ramfs-smp.f" /* appended to */
#define G "/tmp/test-ramfs-smp.g" /* truncated */
#define STOP "/tmp/test-ramfs-smp.stop"
#define NR_STABLE 24
#define NAMER_ROUNDS 150
#define RECORDS 300 /* per appender */
#define REC 64
#define TRUNC_ROUNDS 200
#define G_DATA 12000 /* written each round, then cut to G_KEEP and grown to G_SIZE */
#define G_KEEP 5000
#define G_SIZE 20000
#define MAX_SEEN 512
/*
 * Free memory moves by a page now and then with whatever else runs (runtests' own
 * pages): a leak of the files' pages would be many (F holds 10, G 2 per round).
 */
#define FREE_SLACK_KB 8

static unsigned long allowed_cpus;

static void pin(int n)
{
	int count = __builtin_popcountl(allowed_cpus), seen = 0;
	unsigned long mask;

	if (!count)
		return;
	for (int cpu = 0; cpu < 32; cpu++)
		if (allowed_cpus >> cpu & 1 && seen++ == n % count) {
			mask = 1UL << cpu;
			syscall(__NR_sched_setaffinity, 0, sizeof(mask), &mask);
			return;
		}
}

/* A worker's failed step: said once, and the worker's exit status says it failed. */
static void fail(const char *who, const char *what, long r)
{
	printf("# %s: %s (%ld, errno %d)\n", who, what, r, errno);
	fflush(stdout);
	_exit(1);
}

static void must(const char *who, const char *what, long r)
{
	if (r < 0)
		fail(who, what, r);
}

static bool stopped(void)
{
	return access(STOP, F_OK) == 0;
}

/* One namer's round: its own names, so every call must succeed. */
static void name_round(const char *who, int round)
{
	char a[96], b[96], c[96], d[96], e[96];
	struct stat st;
	int fd;

	snprintf(a, sizeof(a), D "/c%s-a-%d", who, round);
	snprintf(b, sizeof(b), D "/c%s-b-%d", who, round);
	snprintf(c, sizeof(c), D "/c%s-c-%d", who, round);
	snprintf(d, sizeof(d), D "/m-sub/c%s-%d", who, round);
	fd = open(a, O_CREAT | O_EXCL | O_WRONLY, 0644);
	must(who, "create", fd);
	must(who, "write", write(fd, "12345678", 8) == 8 ? 0 : -1);
	close(fd);
	must(who, "link", link(a, b));
	must(who, "rename", rename(a, c));
	must(who, "stat of the link", stat(b, &st));
	if (st.st_nlink != 2 || st.st_size != 8)
		fail(who, "two names, 8 bytes", st.st_nlink * 1000L + st.st_size);
	must(who, "rename into the subdirectory", rename(c, d));
	must(who, "unlink", unlink(b));
	must(who, "unlink in the subdirectory", unlink(d));
	snprintf(a, sizeof(a), D "/c%s-dir-%d", who, round);
	snprintf(e, sizeof(e), D "/c%s-dir-%d/f", who, round);
	must(who, "mkdir", mkdir(a, 0755));
	fd = open(e, O_CREAT | O_EXCL | O_WRONLY, 0644);
	must(who, "create in the new directory", fd);
	close(fd);
	snprintf(b, sizeof(b), D "/m-sub/c%s-dir-%d", who, round);
	must(who, "rename a directory across", rename(a, b));
	must(who, "rename it back", rename(b, a));
	must(who, "unlink in the directory", unlink(e));
	must(who, "rmdir", rmdir(a));
}

static void namer(int n)
{
	const char *who = n ? "1" : "0";

	pin(n);
	for (int round = 0; round < NAMER_ROUNDS; round++)
		name_round(who, round);
	_exit(0);
}

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* One pass over D, a few entries per call: the stable ones once each, no name twice. */
static void list_once(char (*seen)[64], int *stable_seen)
{
	char buf[160], path[160];
	int fd = open(D, O_RDONLY | O_DIRECTORY), n = 0;
	struct stat st;
	long got;

	must("lister", "open the directory", fd);
	memset(stable_seen, 0, NR_STABLE * sizeof(*stable_seen));
	while ((got = syscall(__NR_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < got; off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
			const char *name = ((struct linux_dirent64 *)(buf + off))->d_name;

			for (int i = 0; i < n; i++)
				if (!strcmp(seen[i], name))
					fail("lister", name, -1);
			if (n < MAX_SEEN)
				snprintf(seen[n++], 64, "%s", name);
			snprintf(path, sizeof(path), D "/%s", name);
			if (!strncmp(name, "m-", 2)) {
				if (lstat(path, &st) || (S_ISREG(st.st_mode) && st.st_size != 4))
					fail("lister", "lstat of a stable entry", -1);
				if (strcmp(name, "m-sub"))
					stable_seen[atoi(name + 2)]++;
			} else if (lstat(path, &st) && errno != ENOENT) {
				fail("lister", "lstat of a churned entry", -1);
			}
		}
	}
	must("lister", "getdents64", got);
	close(fd);
	for (int i = 0; i < NR_STABLE; i++)
		if (stable_seen[i] != 1)
			fail("lister", "a stable entry not listed exactly once", stable_seen[i]);
}

static void lister(void)
{
	static char seen[MAX_SEEN][64];
	int stable_seen[NR_STABLE], passes = 0;

	pin(2);
	while (!stopped() || !passes) {
		list_once(seen, stable_seen);
		passes++;
	}
	printf("# lister: %d passes\n", passes);
	_exit(0);
}

static void make_record(char *r, int writer, int seq)
{
	memset(r, 'a' + writer, REC);
	snprintf(r, REC, "w%d %05d ", writer, seq);
	r[strlen(r)] = 'a' + writer;
	r[REC - 1] = '\n';
}

/* Which writer and sequence number a whole record has, or -1. */
static int record_id(const char *r)
{
	char want[REC];
	int writer = r[1] - '0', seq = atoi(r + 3);

	if (r[0] != 'w' || writer < 0 || writer > 1 || seq < 0 || seq >= RECORDS)
		return -1;
	make_record(want, writer, seq);
	return memcmp(r, want, REC) ? -1 : writer * RECORDS + seq;
}

static void appender(int writer)
{
	char r[REC];
	int fd = open(F, O_WRONLY | O_APPEND);

	pin(3 + writer);
	must("appender", "open", fd);
	for (int seq = 0; seq < RECORDS; seq++) {
		make_record(r, writer, seq);
		if (write(fd, r, REC) != REC)
			fail("appender", "write", seq);
	}
	_exit(0);
}

/* What read and mmap show of F: whole records; of G: 'g' or zero bytes. */
static void file_reader(void)
{
	static char buf[2 * RECORDS * REC];
	int f = open(F, O_RDONLY), g = open(G, O_RDONLY), passes = 0;
	struct stat st;
	long got;

	pin(1);
	must("reader", "open", f < 0 || g < 0 ? -1 : 0);
	while (!stopped() || !passes) {
		got = pread(f, buf, sizeof(buf), 0);
		for (long off = 0; off + REC <= got; off += REC)
			if (record_id(buf + off) < 0)
				fail("reader", "a record read whole", off);
		must("reader", "fstat", fstat(f, &st));
		if (st.st_size >= REC) {
			size_t len = st.st_size / REC * REC;
			char *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, f, 0);

			if (m == MAP_FAILED)
				fail("reader", "mmap", -1);
			for (size_t off = 0; off < len; off += REC)
				if (record_id(m + off) < 0)
					fail("reader", "a record mapped whole", off);
			munmap(m, len);
		}
		got = pread(g, buf, sizeof(buf), 0);
		for (long i = 0; i < got; i++)
			if (buf[i] != 'g' && buf[i] != 0)
				fail("reader", "the truncated file's bytes", i);
		passes++;
	}
	printf("# reader: %d passes\n", passes);
	_exit(0);
}

static void truncator(void)
{
	static char data[G_DATA];
	int fd = open(G, O_RDWR);

	pin(2);
	memset(data, 'g', sizeof(data));
	must("truncator", "open", fd);
	for (int round = 0; round < TRUNC_ROUNDS; round++) {
		must("truncator", "truncate to 0", ftruncate(fd, 0));
		if (pwrite(fd, data, G_DATA, 0) != G_DATA)
			fail("truncator", "pwrite", round);
		must("truncator", "truncate down", ftruncate(fd, G_KEEP));
		must("truncator", "truncate up", ftruncate(fd, G_SIZE));
	}
	_exit(0);
}

static pid_t start(void (*fn)(int), int arg)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		fn(arg);
	return pid;
}

static void lister_fn(int unused) { (void)unused, lister(); }
static void reader_fn(int unused) { (void)unused, file_reader(); }
static void truncator_fn(int unused) { (void)unused, truncator(); }

static bool waited_ok(pid_t pid)
{
	int status;

	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

static void setup(void)
{
	char name[96];
	int fd;

	unlink(STOP);
	check(mkdir(D, 0755) == 0 && mkdir(D "/m-sub", 0755) == 0, "made %s and m-sub in it", D);
	for (int i = 0; i < NR_STABLE; i++) {
		snprintf(name, sizeof(name), D "/m-%02d", i);
		fd = open(name, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0 || write(fd, name + strlen(name) - 4, 4) != 4)
			check(0, "made %s", name);
		close(fd);
	}
	fd = open(F, O_CREAT | O_EXCL | O_WRONLY, 0644);
	close(fd);
	fd = open(G, O_CREAT | O_EXCL | O_WRONLY, 0644);
	close(fd);
	check(fd >= 0, "made %s and %s", F, G);
}

/* The run itself: every worker on its CPU, the readers until the changers are done. */
static void run_workers(void)
{
	pid_t changers[5], readers[2];
	int ok = 0, fd;

	changers[0] = start(namer, 0);
	changers[1] = start(namer, 1);
	changers[2] = start(appender, 0);
	changers[3] = start(appender, 1);
	changers[4] = start(truncator_fn, 0);
	readers[0] = start(lister_fn, 0);
	readers[1] = start(reader_fn, 0);
	for (int i = 0; i < 5; i++)
		ok += waited_ok(changers[i]);
	check(ok == 5, "the namers, appenders and truncator: every call succeeded (%d of 5)", ok);
	fd = open(STOP, O_CREAT | O_WRONLY, 0644);
	close(fd);
	ok = waited_ok(readers[0]) + waited_ok(readers[1]);
	check(ok == 2, "the lister and the reader saw only whole entries and records (%d of 2)",
	      ok);
	unlink(STOP);
}

static void check_directory(void)
{
	DIR *dir = opendir(D);
	struct dirent *e;
	int entries = 0, others = 0;

	while (dir && (e = readdir(dir)))
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		else if (!strncmp(e->d_name, "m-", 2))
			entries++;
		else
			others++;
	if (dir)
		closedir(dir);
	check(entries == NR_STABLE + 1 && others == 0,
	      "%s holds exactly its %d stable entries at the end (%d, and %d others)", D,
	      NR_STABLE + 1, entries, others);
	dir = opendir(D "/m-sub");
	for (entries = 0; dir && (e = readdir(dir));)
		entries++;
	if (dir)
		closedir(dir);
	check(entries == 2, "m-sub holds only . and .. (%d entries)", entries);
}

static char buf[2 * RECORDS * REC + 1], once[2 * RECORDS];
static char text[256 << 10];

static void check_files(void)
{
	int fd = open(F, O_RDONLY), bad = 0, missing = 0;
	long got = read(fd, buf, sizeof(buf));

	close(fd);
	for (long off = 0; off + REC <= got; off += REC) {
		int id = record_id(buf + off);

		if (id < 0 || once[id]++)
			bad++;
	}
	for (int i = 0; i < 2 * RECORDS; i++)
		missing += !once[i];
	check(got == 2 * RECORDS * REC && !bad && !missing,
	      "the appended file: %ld bytes, every record once (%d bad, %d missing)", got, bad,
	      missing);
	fd = open(G, O_RDONLY);
	got = read(fd, buf, sizeof(buf));
	close(fd);
	bad = 0;
	for (long i = 0; i < got; i++)
		bad += buf[i] != (i < G_KEEP ? 'g' : 0);
	check(got == G_SIZE && !bad, "the truncated file: %ld bytes, 'g' then zeros (%d wrong)", got,
	      bad);
}

static void cleanup(void)
{
	char name[96];

	for (int i = 0; i < NR_STABLE; i++) {
		snprintf(name, sizeof(name), D "/m-%02d", i);
		unlink(name);
	}
	rmdir(D "/m-sub");
	check(rmdir(D) == 0 && unlink(F) == 0 && unlink(G) == 0, "removed everything");
}

/* The sum of every slab cache's active objects (/proc/slabinfo); -1 if unreadable. */
static long slab_active(void)
{
	char *line;
	long sum = 0;

	if (read_text("/proc/slabinfo", text, sizeof(text)) < 0)
		return -1;
	line = strchr(text, '\n');
	line = line ? strchr(line + 1, '\n') : NULL; /* past the two header lines */
	for (; line && line[1]; line = strchr(line + 1, '\n')) {
		char *p = line + 1;

		while (*p && *p != ' ')
			p++;
		sum += strtol(p, NULL, 10);
	}
	return sum;
}

static long mem_free_kb(void)
{
	char *p;

	if (read_text("/proc/meminfo", text, sizeof(text)) < 0 || !(p = strstr(text, "MemFree:")))
		return -1;
	return strtol(p + 8, NULL, 10);
}

/* Everything, in a child: once it is gone, what the kernel kept for it must be too. */
static void body(void)
{
	setup();
	run_workers();
	check_directory();
	check_files();
	cleanup();
	exit(check_status());
}

int main(void)
{
	long slab_before = 0, slab_after = -1, free_before = 0, free_after = -1;
	const struct timespec tick = { 0, 100 * 1000000 };
	long r = syscall(__NR_sched_getaffinity, 0, sizeof(allowed_cpus), &allowed_cpus);
	int status;

	check(r > 0 && allowed_cpus, "sched_getaffinity: %d CPU(s) to spread the workers over",
	      __builtin_popcountl(allowed_cpus));
	for (int run = 0; run < 2; run++) {
		fflush(stdout); /* not printed twice by the child */
		status = run_in_child(body);
		check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "run %d, in a child: every check passed (%s)", run + 1, describe_status(status));
		/* The last frees (the workers' tables, their pages) may trail their exit a little. */
		for (int i = 0; on_kspace() && i < 50; i++) {
			if (i)
				nanosleep(&tick, NULL);
			slab_after = slab_active();
			free_after = mem_free_kb();
			if (!run || (slab_after == slab_before && free_after >= free_before - FREE_SLACK_KB))
				break;
		}
		if (!run) {
			nanosleep(&tick, NULL);
			slab_before = slab_active();
			free_before = mem_free_kb();
		}
	}
	if (on_kspace()) {
		check(slab_before > 0 && slab_after == slab_before,
		      "slab caches' active objects after run 2 as after run 1: %ld -> %ld", slab_before,
		      slab_after);
		check(free_before > 0 && free_after >= free_before - FREE_SLACK_KB,
		      "free memory after run 2 as after run 1 (within %d kB): %ld kB -> %ld kB",
		      FREE_SLACK_KB, free_before, free_after);
	}
	return check_status();
}
