/*
 * user/sysfuzz_calls.c: the calls sysfuzz makes. A seeded splitmix64 PRNG draws each
 * call's number and arguments from pools of hostile and valid values (see sysfuzz.c's
 * header); a table of argument shapes for about 150 calls (fd, path, buffer, length,
 * flags...) gets most calls past their first checks. Signals and priorities are aimed
 * at the calling child only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sysfuzz.h"

#define NR_BUF_PAGES 24
#define MAX_FDS 32

/* ------------------------------------------------------------------ PRNG */

static unsigned long long rng_state;

void seed_rng(unsigned long long seed) { rng_state = seed; }

static unsigned long long rng_next(void) /* splitmix64: any seed is a good one */
{
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

unsigned long rnd(unsigned long n) { return n ? (unsigned long)(rng_next() % n) : 0; }
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
static bool root_batch; /* this child stays root: only the scratch directory's paths and fds */

/* The first NR_SAFE_PATHS stay in the scratch directory: root batches get only those. */
#define NR_SAFE_PATHS 15
static const char *const fixed_paths[] = {
	"", ".", "f0", "f1", "d0", "d0/f2", "d0/", "f0/", "lnk", "dangling",
	"loop", "new", "d0/new", "nodir/x", "d0/../new", "..", "/", "/dev/null", "/dev/zero", "/dev/full",
	"/dev/urandom", "/proc/self/status", "/proc/self/maps", "/proc/self/fd/3",
	"/proc/self/exe", "/proc/1/stat", "/proc/meminfo", "/proc/sys/kernel/hostname",
	"/bin/sh", "/tmp", "/proc", "/proc/self/fd", "/tmp/sysfuzz/f0", "//tmp///sysfuzz/./d0/..",
};

void add_fd(int fd)
{
	if (fd >= 0 && nr_fds < MAX_FDS)
		fds[nr_fds++] = fd;
}

void setup_pools(void)
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
	memset(long_name, 'n', sizeof(long_name) - 1);
	paths[nr_paths++] = long_name;
	for (size_t i = 0; i + 2 < sizeof(long_path); i += 2)
		memcpy(long_path + i, "a/", 2);
	paths[nr_paths++] = long_path;
	for (size_t i = 0; i < sizeof(fixed_paths) / sizeof(fixed_paths[0]); i++)
		paths[nr_paths++] = fixed_paths[i];
	nr_safe_paths = 2 + NR_SAFE_PATHS;
}

/* The descriptors added so far are the scratch directory's: root batches get only those. */
void mark_safe_fds(void)
{
	nr_safe_fds = nr_fds;
}

/* The scratch files start again empty: the ones the runner holds open are unlinked. */
void truncate_safe_fds(void)
{
	for (int i = 0; i < nr_safe_fds; i++)
		ftruncate(fds[i], 0);
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

/* A call for a child that stays root (root) or not: w[0] its number, w[1..6] its arguments, w[7] whether it forks. */
void pick_call(unsigned long *w, bool root)
{
	long nr;

	root_batch = root;
	do
		nr = (long)rnd(NR_MAX);
	while (excluded(nr));
	w[0] = nr;
	pick_args(nr, w + 1);
	aim_at_self(nr, w + 1);
	w[7] = forks(nr);
}

