/*
 * user/sysfuzz_tidy.c: what a sysfuzz run leaves behind. Before the run it records the
 * mounts and the names and sizes in a few directories a root child can reach; after
 * it, it unmounts and removes what the children added and says what they removed.
 * Its buffers are static and touched before the memory baseline (record_before_run),
 * so that their pages are not counted as the run's.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sysfuzz.h"

static char ents[2048];   /* remove_tree's listings */
static char text[8192];   /* a /proc file or a directory listing */

/*
 * Remove name (under dirfd) and everything below it: the children leave files of
 * every kind. One entry is taken at a time from a listing read anew (it changes under
 * us); an entry that cannot go is skipped, so what stays shows up as a leak rather
 * than hanging the run. The listing buffer is static: the stack stays shallow.
 */
int remove_tree(int dirfd, const char *name)
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

int read_file(const char *path, char *out, size_t size)
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
void unmount_scratch(void)
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
 * Returns how many names of the watched directories a root child removed or renamed
 * away, or how many of those directories it shrank (a truncate or O_TRUNC on a path
 * it found).
 */
int cleanup(void)
{
	char *now = text;
	int removed_before = 0;

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
	return removed_before;
}

/* Touch this file's buffers, then record the mounts and the watched directories. */
void record_before_run(void)
{
	memset(ents, 0, sizeof(ents));
	memset(text, 0, sizeof(text));
	memset(names_before, 0, sizeof(names_before));
	memset(mounts_before, 0, sizeof(mounts_before));
	for (size_t d = 0; d < NR_WATCHED; d++) {
		list_dir(watched_dirs[d], names_before[d], sizeof(names_before[d]));
		bytes_before[d] = dir_bytes(watched_dirs[d], names_before[d]);
	}
	read_file("/proc/mounts", mounts_before, sizeof(mounts_before));
}
