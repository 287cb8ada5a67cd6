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

#define NR_MAX 460          /* beyond the last i386 call (450): -ENOSYS paths too */
#define WATCHDOG_TICK_MS 10
#define WATCHDOG_MS 30      /* no progress for this long (3 ticks): the child is blocked */
#define SCRATCH "/tmp/sysfuzz"
#define NOBODY 65534
#define PAGE 4096UL
#define NR_BUF_PAGES 24
#define MAX_FDS 32
#define MAX_ZONES 4
#define MAX_CACHES 16
#define RESET_BATCHES 64

/* ------------------------------------------------------------------ PRNG */

static unsigned long long rng_state;

static unsigned long long rng_next(void) /* splitmix64: any seed is a good one */
{
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned long rnd(unsigned long n) { return n ? (unsigned long)(rng_next() % n) : 0; }
static unsigned long rnd32(void) { return (unsigned long)rng_next(); }

/* ------------------------------------------------------------------ pools */

static const unsigned long hostile[] = {
	0, 1, 2, 3, 4, 7, 8, 16, 31, 32, 63, 64, 255, 256, 511, 4095, 4096, 4097, 8192,
	65535, 65536, 0x7fff, 0x8000, 0xffff, 1UL << 20,
	0xffffffffUL, 0xfffffffeUL, 0x80000000UL, 0x7fffffffUL, 0x80000001UL,
	0xfffff000UL, 0xfffffffcUL, 0xbffff000UL, 0xbfffffffUL, 0xc0000000UL, 0xc0100000UL,
	0xc0000fffUL, 0xffc00000UL, 0xfffff001UL, 0x7ffff000UL, 0x1000, 0xfff,
};

static char *buf;              /* NR_BUF_PAGES pages, the last one unmapped */
static char *hole;             /* a page-sized hole mapped and unmapped again */
static int fds[MAX_FDS], nr_fds, nr_safe_fds;
static const char *paths[64];
static int nr_paths, nr_safe_paths;
static int root_batch; /* this child stays root: only the scratch directory's paths and fds */
/* Shared with the children: [0] calls done, [1..7] the call being made (number, args). */
static volatile unsigned long *progress;
static int verbose, log_fd = -1;

/* The first NR_SAFE_PATHS stay in the scratch directory: root batches get only those. */
#define NR_SAFE_PATHS 15
static const char *const fixed_paths[] = {
	"", ".", "f0", "f1", "d0", "d0/f2", "d0/", "f0/", "lnk", "dangling",
	"loop", "new", "d0/new", "nodir/x", "d0/../new", "..", "/", "/dev/null", "/dev/zero", "/dev/full",
	"/dev/urandom", "/proc/self/status", "/proc/self/maps", "/proc/self/fd/3",
	"/proc/self/exe", "/proc/1/stat", "/proc/meminfo", "/proc/sys/kernel/hostname",
	"/bin/sh", "/tmp", "/proc", "/proc/self/fd", "/tmp/sysfuzz/f0", "//tmp///sysfuzz/./d0/..",
};

static void add_fd(int fd)
{
	if (fd >= 0 && nr_fds < MAX_FDS)
		fds[nr_fds++] = fd;
}

static void setup_pools(void)
{
	static char long_name[300], long_path[4200];

	buf = mmap(NULL, NR_BUF_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	if (buf == MAP_FAILED) {
		printf("sysfuzz: mmap: %s\n", strerror(errno));
		exit(2);
	}
	for (unsigned long i = 0; i < (NR_BUF_PAGES - 1) * PAGE; i++)
		buf[i] = (char)rnd(256);
	memset(buf, 0, PAGE); /* a zeroed page: empty strings, zero structs */
	munmap(buf + (NR_BUF_PAGES - 1) * PAGE, PAGE);
	hole = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, PAGE);
	progress = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (progress == MAP_FAILED) {
		printf("sysfuzz: mmap shared: %s\n", strerror(errno));
		exit(2);
	}
	memset(long_name, 'n', sizeof(long_name) - 1);
	paths[nr_paths++] = long_name;
	for (size_t i = 0; i + 2 < sizeof(long_path); i += 2)
		memcpy(long_path + i, "a/", 2);
	paths[nr_paths++] = long_path;
	for (size_t i = 0; i < sizeof(fixed_paths) / sizeof(fixed_paths[0]); i++)
		paths[nr_paths++] = fixed_paths[i];
	nr_safe_paths = 2 + NR_SAFE_PATHS;
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
	nr_safe_fds = nr_fds; /* the scratch files, dirs and the pipe */
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
 * Remove name (under dirfd) and everything below it: the children leave files of
 * every kind. One entry is taken at a time from a listing read anew (it changes under
 * us); an entry that cannot go is skipped, so what stays shows up as a leak rather
 * than hanging the run. The listing buffer is static: the stack stays shallow.
 */
/* main's buffers, touched before the baseline (see warm_up) */
static char ents[2048];   /* remove_tree's listings */
static char text[8192];   /* a /proc file or a directory listing */

static int remove_tree(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_DIRECTORY);
	unsigned int skip = 0;

	if (fd < 0) {
		/* Its data goes now, even if an open file keeps the inode (the runner's fds). */
		fd = openat(dirfd, name, O_WRONLY | O_NOFOLLOW | O_NONBLOCK);
		if (fd >= 0) {
			ftruncate(fd, 0);
			close(fd);
		}
		return unlinkat(dirfd, name, 0);
	}
	fchmod(fd, 0777);
	for (;;) {
		char child[256] = "";
		unsigned int seen = 0;
		long n;

		lseek(fd, 0, SEEK_SET);
		while (!child[0] && (n = syscall(__NR_getdents64, fd, ents, sizeof(ents))) > 0)
			for (long off = 0; off < n && !child[0]; off += *(unsigned short *)(ents + off + 16)) {
				const char *e = ents + off + 19;

				if (strcmp(e, ".") && strcmp(e, "..") && seen++ == skip)
					snprintf(child, sizeof(child), "%s", e);
			}
		if (!child[0])
			break;
		skip += remove_tree(fd, child) != 0;
	}
	close(fd);
	return unlinkat(dirfd, name, AT_REMOVEDIR);
}

static int read_file(const char *path, char *out, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	long n;

	if (fd < 0)
		return -1;
	while (len + 1 < size && (n = read(fd, out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = 0;
	close(fd);
	return 0;
}

/* Unmount what root children mounted in the scratch directory, innermost first. */
static void unmount_scratch(void)
{
	for (int pass = 0; pass < 16; pass++) {
		char *line = text, *found = NULL;

		if (read_file("/proc/mounts", text, sizeof(text)))
			return;
		for (; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
			char *dir = strchr(line, ' ');

			if (dir && !strncmp(dir + 1, SCRATCH "/", sizeof(SCRATCH)))
				found = dir + 1; /* the last one listed: mounted last */
		}
		if (!found)
			return;
		*strchr(found, ' ') = 0;
		if (umount2(found, 0))
			return;
	}
}

/* /proc/mounts before the run (see restore_mounts). */
static char mounts_before[2048];

/* Whether /proc/mounts text lists a mount on dir (its second field). */
static bool mounted_on(const char *mounts, const char *dir)
{
	size_t n = strlen(dir);

	for (const char *line = mounts; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *d = strchr(line, ' ');

		if (d && !strncmp(d + 1, dir, n) && d[1 + n] == ' ')
			return true;
	}
	return false;
}

/*
 * Put the mounts back as they were: a root child may have mounted on a directory a
 * buffer named, or unmounted /proc (main mounts it when it is init; a mount holds
 * kmalloc memory, so the comparison would see it).
 */
static void restore_mounts(void)
{
	for (int pass = 0; pass < 16; pass++) {
		char *line = text, *found = NULL;

		if (read_file("/proc/mounts", text, sizeof(text)))
			return;
		for (; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
			char *dir = strchr(line, ' '), *end = dir ? strchr(dir + 1, ' ') : NULL;

			if (end) {
				*end = 0;
				if (!mounted_on(mounts_before, dir + 1))
					found = dir + 1; /* the last one listed: mounted last */
				*end = ' ';
			}
		}
		if (!found)
			break;
		*strchr(found, ' ') = 0;
		printf("sysfuzz: the run mounted %s: unmounted\n", found);
		if (umount2(found, 0))
			break;
	}
	if (!read_file("/proc/mounts", text, sizeof(text)) && mounted_on(mounts_before, "/proc") &&
	    !mounted_on(text, "/proc")) {
		printf("sysfuzz: the run unmounted /proc: mounted again\n");
		mount("proc", "/proc", "proc", 0, NULL);
	}
}

/* The names in dir, one after another with a NUL each, into out. */
static void list_dir(const char *dir, char *out, size_t size)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	size_t len = 0;
	long n;

	out[0] = 0;
	if (fd < 0)
		return;
	while ((n = syscall(__NR_getdents64, fd, ents, sizeof(ents))) > 0)
		for (long off = 0; off < n; off += *(unsigned short *)(ents + off + 16)) {
			size_t l = strlen(ents + off + 19) + 1;


			if (len + l + 1 < size) {
				memcpy(out + len, ents + off + 19, l);
				len += l;
			}
		}
	out[len] = 0;
	close(fd);
}

static bool listed(const char *names, const char *name)
{
	for (; *names; names += strlen(names) + 1)
		if (!strcmp(names, name))
			return true;
	return false;
}

/*
 * The names in these directories before the run: what else is there afterwards, the
 * run made (a root child may chdir anywhere a buffer's text names).
 */
static const char *const watched_dirs[] = { "/tmp", "/", "/dev", "/bin", "/sbin", "/bin/bad-elf" };
#define NR_WATCHED (sizeof(watched_dirs) / sizeof(watched_dirs[0]))
static char names_before[NR_WATCHED][4096];

static void say_left(const char *dir, const char *name)
{
	char shown[64];
	size_t n = 0;

	for (; *name && n + 1 < sizeof(shown); name++) /* names are random bytes */
		shown[n++] = *name > ' ' && *name < 0x7f ? *name : '?';
	shown[n] = 0;
	printf("sysfuzz: the run left %s%s%s\n", dir, strcmp(dir, "/") ? "/" : "", shown);
}

/* How many names of the watched directories a root child removed or renamed away,
 * or how many of those directories it shrank (a truncate or O_TRUNC on a path it found). */
static int removed_before;
static long long bytes_before[NR_WATCHED];

/* The sizes of the names in dir (listed in names), added up. */
static long long dir_bytes(const char *dir, const char *names)
{
	char path[512];
	long long sum = 0;
	struct stat st;

	for (; *names; names += strlen(names) + 1) {
		snprintf(path, sizeof(path), "%s/%s", dir, names);
		if (!lstat(path, &st))
			sum += st.st_size;
	}
	return sum;
}

/*
 * Remove what the children left: the scratch directory (after unmounting what root
 * children mounted in it), and anything new in /tmp or / (a symlink in the scratch
 * directory can lead a root child's mkdir there), said aloud since it is unusual.
 */
static void cleanup(void)
{
	char *now = text;

	restore_mounts();
	for (size_t d = 0; d < NR_WATCHED; d++) {
		int fd = open(watched_dirs[d], O_RDONLY | O_DIRECTORY);

		list_dir(watched_dirs[d], now, sizeof(text));
		for (const char *name = now; *name; name += strlen(name) + 1) {
			if (listed(names_before[d], name))
				continue;
			if (strcmp(name, "sysfuzz") || d)
				say_left(watched_dirs[d], name);
			remove_tree(fd, name);
		}
		for (const char *name = names_before[d]; *name; name += strlen(name) + 1)
			if (!listed(now, name)) {
				printf("sysfuzz: the run removed %s%s%s\n", watched_dirs[d],
				       d == 1 ? "" : "/", name);
				removed_before++;
			}
		long long bytes = dir_bytes(watched_dirs[d], names_before[d]);
		if (bytes < bytes_before[d]) {
			printf("sysfuzz: the run shrank files in %s (%lld -> %lld bytes)\n",
			       watched_dirs[d], bytes_before[d], bytes);
			removed_before++;
		}
		close(fd);
	}
}

/* ------------------------------------------------------------------ arguments */

static unsigned long any_fd(void)
{
	return fds[rnd(root_batch ? nr_safe_fds : nr_fds)];
}

static unsigned long any_path(void)
{
	return (unsigned long)paths[rnd(root_batch ? nr_safe_paths : nr_paths)];
}

static unsigned long pick_fd(void)
{
	switch (rnd(8)) {
	case 0: return rnd(8);                 /* 0-2 are closed in the child, 3+ new ones */
	case 1: return (unsigned long)-1;
	case 2: return 1023 + rnd(3);
	case 3: return 1UL << rnd(32);
	default: return any_fd();
	}
}

static unsigned long pick_pointer(void)
{
	unsigned long page = rnd(NR_BUF_PAGES - 1);

	switch (rnd(10)) {
	case 0: return (unsigned long)(buf + (NR_BUF_PAGES - 1) * PAGE - 1 - rnd(64)); /* at the end */
	case 1: return (unsigned long)(buf + (NR_BUF_PAGES - 1) * PAGE);               /* unmapped */
	case 2: return (unsigned long)hole + rnd(PAGE);
	case 3: return (unsigned long)&pick_fd + rnd(64);   /* read-only text */
	case 4: return (unsigned long)hostile;              /* read-only data */
	case 5: return 0xc0000000UL + rnd(0x40000000UL);    /* the kernel */
	case 6: return (unsigned long)buf;                  /* the zeroed page */
	default: return (unsigned long)(buf + page * PAGE + rnd(4) * (PAGE / 4 - 8 + rnd(16)) % PAGE);
	}
}

static unsigned long pick_arg(void)
{
	switch (rnd(16)) {
	case 0: case 1: case 2: return hostile[rnd(sizeof(hostile) / sizeof(hostile[0]))];
	case 3: case 4: return rnd(32);
	case 5: return rnd32();
	case 6: return 1UL << rnd(32);
	case 7: case 8: case 9: return pick_fd();
	case 10: case 11: case 12: return pick_pointer();
	case 13: case 14: return any_path();
	default: return (unsigned long)-(long)rnd(4097); /* -errno-like and page-from-the-top */
	}
}

/*
 * What each argument of the common calls is, so that most calls get past the first
 * checks: f fd, p path, b buffer, l length, o flags, i int or id, s signal, a address;
 * O open flags, P mmap prot, m mmap flags, M mremap flags.
 * Calls not listed (and one argument in four of those listed) take any pool value.
 */
static const char *const shapes[NR_MAX] = {
	[__NR_read] = "fbl", [__NR_write] = "fbl", [__NR_open] = "pOi", [__NR_close] = "f",
	[__NR_waitpid] = "ibo", [__NR_creat] = "pi", [__NR_link] = "pp", [__NR_unlink] = "p",
	[__NR_execve] = "pbb", [__NR_chdir] = "p", [__NR_time] = "b", [__NR_mknod] = "poi",
	[__NR_chmod] = "po", [__NR_lchown] = "pii", [__NR_lseek] = "fio", [__NR_mount] = "pppob",
	[__NR_umount] = "p", [__NR_setuid] = "i", [__NR_alarm] = "i", [__NR_utime] = "pb",
	[__NR_access] = "po", [__NR_nice] = "i", [__NR_kill] = "is", [__NR_rename] = "pp",
	[__NR_mkdir] = "po", [__NR_rmdir] = "p", [__NR_dup] = "f", [__NR_pipe] = "b",
	[__NR_times] = "b", [__NR_brk] = "a", [__NR_ioctl] = "fob", [__NR_fcntl] = "fib",
	[__NR_setpgid] = "ii", [__NR_umask] = "o", [__NR_dup2] = "ff", [__NR_sigaction] = "sbb",
	[__NR_sethostname] = "bl", [__NR_setrlimit] = "ib", [__NR_getrlimit] = "ib",
	[__NR_getrusage] = "ib", [__NR_gettimeofday] = "bb", [__NR_getgroups] = "lb",
	[__NR_setgroups] = "lb", [__NR_select] = "b", [__NR_symlink] = "pp", [__NR_readlink] = "pbl",
	[__NR_mmap] = "b", [__NR_munmap] = "al", [__NR_truncate] = "pl", [__NR_ftruncate] = "fl",
	[__NR_fchmod] = "fo", [__NR_fchown] = "fii", [__NR_getpriority] = "ii",
	[__NR_setpriority] = "iii", [__NR_statfs] = "pb", [__NR_fstatfs] = "fb", [__NR_syslog] = "ibl",
	[__NR_setitimer] = "ibb", [__NR_getitimer] = "ib", [__NR_stat] = "pb", [__NR_lstat] = "pb",
	[__NR_fstat] = "fb", [__NR_wait4] = "ibob", [__NR_sysinfo] = "b", [__NR_fsync] = "f",
	[__NR_clone] = "obbbb", [__NR_setdomainname] = "bl", [__NR_uname] = "b",
	[__NR_mprotect] = "alP", [__NR_sigprocmask] = "obb", [__NR_fchdir] = "f",
	[__NR__llseek] = "fiibo", [__NR_getdents] = "fbl", [__NR__newselect] = "lbbbb",
	[__NR_flock] = "fo", [__NR_msync] = "alo", [__NR_readv] = "fbl", [__NR_writev] = "fbl",
	[__NR_getsid] = "i", [__NR_fdatasync] = "f", [__NR_nanosleep] = "bb", [__NR_mremap] = "allMa",
	[__NR_setresuid] = "iii", [__NR_getresuid] = "bbb", [__NR_poll] = "bli", [__NR_prctl] = "oiiii",
	[__NR_rt_sigaction] = "sbbl", [__NR_rt_sigprocmask] = "obbl", [__NR_rt_sigpending] = "bl",
	[__NR_rt_sigtimedwait] = "bbbl", [__NR_rt_sigqueueinfo] = "isb", [__NR_pread64] = "fblii",
	[__NR_pwrite64] = "fblii", [__NR_chown] = "pii", [__NR_getcwd] = "bl", [__NR_sigaltstack] = "bb",
	[__NR_sendfile] = "ffbl", [__NR_ugetrlimit] = "ib", [__NR_mmap2] = "alPmfi",
	[__NR_truncate64] = "pii", [__NR_ftruncate64] = "fii", [__NR_stat64] = "pb",
	[__NR_lstat64] = "pb", [__NR_fstat64] = "fb", [__NR_lchown32] = "pii", [__NR_getgroups32] = "lb",
	[__NR_setgroups32] = "lb", [__NR_fchown32] = "fii", [__NR_setresuid32] = "iii",
	[__NR_getresuid32] = "bbb", [__NR_setresgid32] = "iii", [__NR_getresgid32] = "bbb",
	[__NR_chown32] = "pii", [__NR_madvise] = "alo", [__NR_getdents64] = "fbl",
	[__NR_fcntl64] = "fib", [__NR_tkill] = "is", [__NR_futex] = "boibbi",
	[__NR_sched_setaffinity] = "ilb", [__NR_sched_getaffinity] = "ilb",
	[__NR_set_thread_area] = "b", [__NR_get_thread_area] = "b", [__NR_set_tid_address] = "b",
	[__NR_clock_gettime] = "ib", [__NR_clock_getres] = "ib", [__NR_clock_nanosleep] = "iobb",
	[__NR_statfs64] = "plb", [__NR_fstatfs64] = "flb", [__NR_tgkill] = "iis", [__NR_utimes] = "pb",
	[__NR_openat] = "fpOi", [__NR_mkdirat] = "fpo", [__NR_mknodat] = "fpoi",
	[__NR_fchownat] = "fpiio", [__NR_futimesat] = "fpb", [__NR_fstatat64] = "fpbo",
	[__NR_unlinkat] = "fpo", [__NR_renameat] = "fpfp", [__NR_linkat] = "fpfpo",
	[__NR_symlinkat] = "pfp", [__NR_readlinkat] = "fpbl", [__NR_fchmodat] = "fpo",
	[__NR_faccessat] = "fpo", [__NR_pselect6] = "lbbbbb", [__NR_ppoll] = "blbbl",
	[__NR_set_robust_list] = "bl", [__NR_get_robust_list] = "ibb", [__NR_utimensat] = "fpbo",
	[__NR_dup3] = "ffo", [__NR_pipe2] = "bo", [__NR_prlimit64] = "iibb", [__NR_syncfs] = "f",
	[__NR_renameat2] = "fpfpo", [__NR_getrandom] = "blo", [__NR_statx] = "fpoob",
	[__NR_rt_tgsigqueueinfo] = "iisb", [__NR_rt_sigsuspend] = "bl",
};

static unsigned long pick_len(void)
{
	switch (rnd(6)) {
	case 0: return rnd(17);
	case 1: return 1UL << rnd(16);
	case 2: return PAGE - 1 + rnd(3);
	case 3: return rnd(8193);
	default: return hostile[rnd(sizeof(hostile) / sizeof(hostile[0]))];
	}
}

static unsigned long pick_flags(void)
{
	unsigned long v = 0;

	switch (rnd(4)) {
	case 0: return 0;
	case 1: return rnd32();
	default:
		for (unsigned long n = 1 + rnd(3); n; n--)
			v |= 1UL << rnd(32);
		return rnd(3) ? v & 0xffff : v;
	}
}

static unsigned long pick_int(void)
{
	static const unsigned long ids[] = { 0, 1, 2, 65534, 65535, (unsigned long)-1,
					     0x7fffffff, 0x80000000, 100, 1000 };

	switch (rnd(3)) {
	case 0: return rnd(16);
	case 1: return getpid();
	default: return ids[rnd(sizeof(ids) / sizeof(ids[0]))];
	}
}

/* A few of the flags a call knows, or'ed together, now and then with one it does not. */
static unsigned long pick_known(const unsigned long *bits, unsigned long n)
{
	unsigned long v = 0;

	for (unsigned long k = rnd(4); k; k--)
		v |= bits[rnd(n)];
	return rnd(8) ? v : v | 1UL << rnd(32);
}

#define KNOWN(...) ({ static const unsigned long b_[] = { __VA_ARGS__ }; \
		      pick_known(b_, sizeof(b_) / sizeof(b_[0])); })

static unsigned long pick_shaped(char kind)
{
	if (!rnd(4))
		return pick_arg();
	switch (kind) {
	case 'f': return any_fd();
	case 'p': return rnd(8) ? any_path() : pick_pointer();
	case 'b': return rnd(4) ? (unsigned long)(buf + PAGE + rnd((NR_BUF_PAGES - 3) * PAGE)) :
		  pick_pointer();
	case 'l': return pick_len();
	case 'o': return pick_flags();
	case 's': return rnd(66);
	case 'a': return (unsigned long)buf + rnd(NR_BUF_PAGES + 2) * PAGE;
	case 'O': return rnd(3) | KNOWN(O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_NONBLOCK, O_DIRECTORY,
					O_NOFOLLOW, O_CLOEXEC, O_NOCTTY, 04010000 /* O_SYNC */);
	case 'P': return KNOWN(PROT_READ, PROT_WRITE, PROT_EXEC, PROT_GROWSDOWN, PROT_GROWSUP);
	case 'm': return (rnd(2) ? MAP_PRIVATE : MAP_SHARED) |
			 KNOWN(MAP_ANONYMOUS, MAP_FIXED, MAP_GROWSDOWN, MAP_NORESERVE, MAP_POPULATE,
			       MAP_STACK, MAP_FIXED_NOREPLACE, MAP_LOCKED);
	case 'M': return KNOWN(MREMAP_MAYMOVE, MREMAP_FIXED, 4 /* MREMAP_DONTUNMAP */);
	default: return pick_int();
	}
}

static void pick_args(long nr, unsigned long *a)
{
	const char *shape = rnd(4) ? shapes[nr] : NULL;

	for (int i = 0; i < 6; i++)
		a[i] = shape && shape[0] && i < (int)strlen(shape) ? pick_shaped(shape[i]) : pick_arg();
}

static bool excluded(long nr)
{
	switch (nr) {
	case __NR_exit: case __NR_exit_group: case __NR_reboot: case __NR_vhangup:
	case __NR_pause: case __NR_sigsuspend: case __NR_rt_sigsuspend:
		return true;
	}
	return false;
}

static bool forks(long nr)
{
	return nr == __NR_fork || nr == __NR_vfork || nr == __NR_clone || nr == 435 /* clone3 */;
}

/*
 * Signals go to this child only: pid arguments are replaced by its own pid. A root
 * child also changes only itself (priorities, limits) and makes no device nodes (a
 * node of the console or /dev/kmsg would write garbage into the log the harness reads).
 */
static void aim_at_self(long nr, unsigned long *a)
{
	pid_t self = getpid();

	if (root_batch) {
		switch (nr) {
		case __NR_setpriority: /* (PRIO_PROCESS, 0: the caller, prio) */
			a[0] = 0;
			a[1] = 0;
			break;
		case __NR_prlimit64:   /* (0: the caller, resource, new, old) */
			a[0] = 0;
			break;
		case __NR_mknod:
			a[1] &= ~0170000UL | 0010000UL; /* keep S_IFIFO, drop S_IFCHR/S_IFBLK */
			break;
		case __NR_mknodat:
			a[2] &= ~0170000UL | 0010000UL;
			break;
		}
	}
	switch (nr) {
	case __NR_kill: case __NR_rt_sigqueueinfo: case __NR_tkill:
		a[0] = self;
		break;
	case __NR_tgkill: case __NR_rt_tgsigqueueinfo:
		a[0] = self;
		a[1] = self;
		break;
	}
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

	rng_state = seed ^ (batch * 0xd1342543de82ef95ULL);
	close(0);
	close(1);
	close(2);
	setsid();
	root_batch = batch % 2;
	if (!root_batch)
		drop_privileges();
	for (unsigned long i = 0; i < calls; i++) {
		long nr;

		do
			nr = (long)rnd(NR_MAX);
		while (excluded(nr));
		w[0] = nr;
		pick_args(nr, w + 1);
		aim_at_self(nr, w + 1);
		w[7] = forks(nr);
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
	for (int i = 0; i < nr_safe_fds; i++)
		ftruncate(fds[i], 0); /* the files the runner holds open, now unlinked */
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

/* ------------------------------------------------------------------ memory */

struct mem_snapshot {
	unsigned long zone_free[MAX_ZONES]; /* pages, by zone in /proc/buddyinfo's order */
	char zone_name[MAX_ZONES][16];
	int nr_zones;
	char cache_name[MAX_CACHES][24];
	unsigned long active[MAX_CACHES], slabs[MAX_CACHES];
	int nr_caches;
};

/* Copy the first word of p (at most size - 1 characters) to out; return what follows. */
static char *word(char *p, char *out, size_t size)
{
	size_t n = 0;

	while (*p == ' ')
		p++;
	while (*p && *p != ' ' && *p != '\n') {
		if (n + 1 < size)
			out[n++] = *p;
		p++;
	}
	out[n] = 0;
	return p;
}

/* "Node 0, zone   Normal  n0 n1 ... n10": the zone's free pages. */
static void parse_zone(char *line, struct mem_snapshot *m)
{
	char *p = strstr(line, "zone");
	unsigned long order_pages = 1;

	if (!p || m->nr_zones == MAX_ZONES)
		return;
	p = word(p + 4, m->zone_name[m->nr_zones], sizeof(m->zone_name[0]));
	for (int o = 0; o < 11; o++, order_pages <<= 1)
		m->zone_free[m->nr_zones] += strtoul(p, &p, 10) * order_pages;
	m->nr_zones++;
}

/* "name active total objsize objperslab pagesperslab : tunables ... : slabdata a n s" */
static void parse_cache(char *line, struct mem_snapshot *m)
{
	unsigned long v[5];
	char *p, *slabdata = strstr(line, "slabdata");

	if (!slabdata || line[0] == '#' || m->nr_caches == MAX_CACHES)
		return;
	p = word(line, m->cache_name[m->nr_caches], sizeof(m->cache_name[0]));
	for (int i = 0; i < 5; i++)
		v[i] = strtoul(p, &p, 10);
	strtoul(slabdata + 8, &p, 10); /* active_slabs */
	m->active[m->nr_caches] = v[0];
	m->slabs[m->nr_caches] = strtoul(p, &p, 10) * v[4];
	m->nr_caches++;
}

static int snapshot(struct mem_snapshot *m)
{

	memset(m, 0, sizeof(*m));
	if (read_file("/proc/buddyinfo", text, sizeof(text)))
		return -1;
	for (char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		parse_zone(line, m);
	if (read_file("/proc/slabinfo", text, sizeof(text)))
		return -1;
	for (char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		parse_cache(line, m);
	return m->nr_zones && m->nr_caches ? 0 : -1;
}

/*
 * Compare with the baseline: every cache's active objects equal, and every zone's free
 * pages equal but for slab pages that hold none of them (kept empty for reuse). When a
 * root child removed a file that was there before (counted by cleanup), less memory in
 * use is that file's, not a fault: only more is then a leak.
 */
static int compare(const struct mem_snapshot *a, const struct mem_snapshot *b)
{
	long slab_delta = 0;
	int bad = 0;

	for (int i = 0; i < a->nr_caches && i < b->nr_caches; i++) {
		if (b->active[i] < a->active[i] && removed_before) {
			printf("sysfuzz: %s active objects %lu -> %lu: those files' objects\n",
			       a->cache_name[i], a->active[i], b->active[i]);
		} else if (a->active[i] != b->active[i]) {
			printf("sysfuzz: LEAK: %s active objects %lu -> %lu\n", a->cache_name[i],
			       a->active[i], b->active[i]);
			bad = 1;
		}
		slab_delta += (long)b->slabs[i] - (long)a->slabs[i];
	}
	for (int z = 0; z < a->nr_zones && z < b->nr_zones; z++) {
		long delta = (long)a->zone_free[z] - (long)b->zone_free[z];

		if (delta < 0 && removed_before) {
			printf("sysfuzz: zone %s free pages %lu -> %lu: those files' pages\n",
			       a->zone_name[z], a->zone_free[z], b->zone_free[z]);
		} else if (delta && (delta < 0 ? -delta : delta) >
					(slab_delta < 0 ? -slab_delta : slab_delta)) {
			printf("sysfuzz: LEAK: zone %s free pages %lu -> %lu (slab pages %+ld)\n",
			       a->zone_name[z], a->zone_free[z], b->zone_free[z], slab_delta);
			bad = 1;
		}
	}
	return bad;
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

/* Touch the stack and buffers main will use, so that their pages are in the baseline. */
static void warm_up(void)
{
	volatile char deep[64 << 10];

	for (size_t i = 0; i < sizeof(deep); i += PAGE)
		deep[i] = 0;
	memset(ents, 0, sizeof(ents));
	memset(text, 0, sizeof(text));
	memset(names_before, 0, sizeof(names_before));
	memset(mounts_before, 0, sizeof(mounts_before));
}

int main(int argc, char **argv)
{
	unsigned long long seed = 0;
	unsigned long total = 100000, per_batch = 1000;
	struct mem_snapshot before, after;
	int seeded = 0, bad, status = -1;
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
	rng_state = seed;
	printf("sysfuzz: seed %#llx, %lu calls, batches of %lu\n", seed, total, per_batch);
	fflush(stdout);
	if (verbose)
		log_fd = dup2(1, 1000);
	warm_up();
	for (size_t d = 0; d < NR_WATCHED; d++) {
		list_dir(watched_dirs[d], names_before[d], sizeof(names_before[d]));
		bytes_before[d] = dir_bytes(watched_dirs[d], names_before[d]);
	}
	read_file("/proc/mounts", mounts_before, sizeof(mounts_before));
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
	cleanup();
	if (snapshot(&after)) {
		printf("sysfuzz: cannot read /proc after the run\n");
		return 2;
	}
	bad = compare(&before, &after);
	if (!bad)
		printf("sysfuzz: memory back to baseline\n");
	printf("sysfuzz: %s\n", bad ? "FAIL" : "done");
	return bad;
}
