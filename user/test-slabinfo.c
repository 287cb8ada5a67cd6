/*
 * user/test-slabinfo.c: /proc/slabinfo in Linux's version 2.1 format (its header, then
 * one line per cache whose counts agree with each other) and /proc/meminfo's Slab:
 * line, which sysfuzz reads to see that the kernel's memory came back. On kspace also:
 * the kmalloc caches' active objects rise while pipes are open and return when they
 * are closed, and Slab: holds at least the pages the caches' slabs take.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

#define NR_PIPES 32

static char text[256 << 10]; /* Linux has some 200 caches */

/* A /proc file into text. */
static long read_proc(const char *path)
{
	return read_text(path, text, sizeof(text));
}

struct cache_line {
	char name[64];
	unsigned long active, num, objsize, per_slab, pages, active_slabs, num_slabs, shared;
	unsigned long tunables[3];
};

/* Parse one cache line; false if it is not in the format. */
static bool parse_line(const char *line, struct cache_line *c)
{
	const char *p = line;
	char *end;
	size_t n = 0;
	unsigned long *nums[] = { &c->active, &c->num, &c->objsize, &c->per_slab, &c->pages };

	while (*p && *p != ' ' && n + 1 < sizeof(c->name))
		c->name[n++] = *p++;
	c->name[n] = '\0';
	for (int i = 0; i < 5; i++) {
		*nums[i] = strtoul(p, &end, 10);
		if (end == p)
			return false;
		p = end;
	}
	if (strncmp(p, " : tunables ", 12))
		return false;
	p += 12;
	for (int i = 0; i < 3; i++) {
		c->tunables[i] = strtoul(p, &end, 10);
		if (end == p)
			return false;
		p = end;
	}
	if (strncmp(p, " : slabdata ", 12))
		return false;
	p += 12;
	c->active_slabs = strtoul(p, &end, 10);
	p = end;
	c->num_slabs = strtoul(p, &end, 10);
	p = end;
	c->shared = strtoul(p, &end, 10);
	return end != p && (*end == '\n' || *end == '\0');
}

struct totals {
	unsigned long kmalloc_active, slab_pages;
	int lines, bad, kmalloc64;
};

static struct totals read_slabinfo(void)
{
	struct totals t = { 0 };
	char *line, *next;

	if (read_proc("/proc/slabinfo") < 0) {
		t.bad = -1;
		return t;
	}
	line = strchr(text, '\n');
	line = line ? strchr(line + 1, '\n') : NULL; /* past the two header lines */
	for (line = line ? line + 1 : NULL; line && *line; line = next) {
		struct cache_line c;

		next = strchr(line, '\n');
		next = next ? next + 1 : NULL;
		t.lines++;
		if (!parse_line(line, &c) || c.active > c.num || !c.objsize || !c.per_slab || !c.pages ||
		    c.active_slabs > c.num_slabs) {
			if (!t.bad++)
				printf("# bad line: %.120s\n", line);
			continue;
		}
		if (!strncmp(c.name, "kmalloc-", 8) && !strchr(c.name + 8, '-')) {
			t.kmalloc_active += c.active;
			t.kmalloc64 |= !strcmp(c.name, "kmalloc-64");
		}
		t.slab_pages += c.num_slabs * c.pages;
	}
	return t;
}

static unsigned long meminfo_kb(const char *name)
{
	const char *p;

	if (read_proc("/proc/meminfo") < 0 || !(p = strstr(text, name)))
		return 0;
	return strtoul(p + strlen(name), NULL, 10);
}

static void test_format(void)
{
	static const char header[] =
		"slabinfo - version: 2.1\n"
		"# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
		" : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs>"
		" <num_slabs> <sharedavail>\n";
	struct totals t;

	check(read_proc("/proc/slabinfo") > 0, "/proc/slabinfo can be read");
	check(!strncmp(text, header, sizeof(header) - 1), "its two header lines are Linux's");
	t = read_slabinfo();
	check(t.lines > 0 && t.bad == 0, "%d cache lines, %d not in the format (counts agree)",
	      t.lines, t.bad);
	check(t.kmalloc64, "a kmalloc-64 cache is listed");
	check(meminfo_kb("Slab:") > 0, "/proc/meminfo's Slab: is not 0 kB");
}

static int open_pipes(int fds[][2])
{
	int made = 0;

	for (int i = 0; i < NR_PIPES; i++)
		made += pipe(fds[i]) == 0;
	return made;
}

static void close_pipes(int fds[][2], int made)
{
	for (int i = 0; i < made; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
}

/*
 * kspace: pipes take kmalloc memory; closing them gives every object back. A first
 * round grows the descriptor table, which keeps its size: the second is measured.
 */
static void test_counts_follow_allocations(void)
{
	struct totals before, open_now, after;
	int fds[NR_PIPES][2], made;

	close_pipes(fds, open_pipes(fds));
	before = read_slabinfo();
	made = open_pipes(fds);
	open_now = read_slabinfo();
	close_pipes(fds, made);
	after = read_slabinfo();
	check(made == NR_PIPES, "%d pipes opened", made);
	check(open_now.kmalloc_active > before.kmalloc_active,
	      "kmalloc active objects rise while they are open (%lu -> %lu)", before.kmalloc_active,
	      open_now.kmalloc_active);
	check(after.kmalloc_active == before.kmalloc_active,
	      "and come back when they are closed (%lu -> %lu)", before.kmalloc_active,
	      after.kmalloc_active);
	check(meminfo_kb("Slab:") >= after.slab_pages * 4, "Slab: %lu kB holds the caches' %lu pages",
	      meminfo_kb("Slab:"), after.slab_pages);
}

int main(void)
{
	test_format();
	if (on_kspace())
		test_counts_follow_allocations();
	return check_status();
}
