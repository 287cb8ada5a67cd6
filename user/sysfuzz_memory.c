/*
 * user/sysfuzz_memory.c: the kernel's memory as sysfuzz compares it before and after a
 * run: every zone's free pages (/proc/buddyinfo) and every kmalloc cache's active
 * objects and slab pages (/proc/slabinfo), in Linux's formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysfuzz.h"

static char text[8192]; /* /proc/buddyinfo, then /proc/slabinfo */

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

int snapshot(struct mem_snapshot *m)
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
 * root child removed a file that was there before (removed_before, from cleanup), less
 * memory in use is that file's, not a fault: only more is then a leak.
 */
int compare(const struct mem_snapshot *a, const struct mem_snapshot *b, int removed_before)
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
