/*
 * user/sysfuzz.h: what the parts of /bin/sysfuzz share: the batches, the watchdog and
 * main (sysfuzz.c), the calls and their arguments (sysfuzz_calls.c), the tidying up
 * after a run (sysfuzz_tidy.c) and the memory comparison (sysfuzz_memory.c).
 */
#ifndef USER_SYSFUZZ_H
#define USER_SYSFUZZ_H

#include <stdbool.h>
#include <stddef.h>

#define SCRATCH "/tmp/sysfuzz" /* the children's working directory */
#define PAGE 4096UL
#define NR_MAX 460 /* beyond the last i386 call (450): -ENOSYS paths too */
#define MAX_ZONES 4
#define MAX_CACHES 16

/* sysfuzz_calls.c */
void seed_rng(unsigned long long seed);
unsigned long rnd(unsigned long n);
void setup_pools(void);
void add_fd(int fd);
void mark_safe_fds(void);
void truncate_safe_fds(void);
void pick_call(unsigned long *w, bool root);

/* sysfuzz_tidy.c */
int read_file(const char *path, char *out, size_t size); /* 0, or -1 if it cannot be opened */
int remove_tree(int dirfd, const char *name);
void unmount_scratch(void);
void record_before_run(void);
int cleanup(void);

/* sysfuzz_memory.c */
struct mem_snapshot {
	unsigned long zone_free[MAX_ZONES]; /* pages, by zone in /proc/buddyinfo's order */
	char zone_name[MAX_ZONES][16];
	int nr_zones;
	char cache_name[MAX_CACHES][24];
	unsigned long active[MAX_CACHES], slabs[MAX_CACHES];
	int nr_caches;
};

int snapshot(struct mem_snapshot *m);
int compare(const struct mem_snapshot *before, const struct mem_snapshot *after, int removed_before);

#endif
