/*
 * user/test-tlb.c: what /proc says about CPUs and TLB flushes.
 * Field 39 of /proc/<pid>/stat is the CPU the task runs on (or last ran on): one of
 * the cpuN lines of /proc/stat. /proc/vmstat is "name value" lines, nr_free_pages
 * among them. On kspace it also has Linux's nr_tlb_* counters (Linux shows them only
 * with CONFIG_DEBUG_TLBFLUSH), and they move exactly as the unmapping calls say:
 * one invlpg per page that was present, one whole flush past 33 pages, nothing for
 * pages never touched. munmap frees pages in batches of 32, one flush per batch.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define STAT_CPU_FIELD 39

/* Field n (1-based, n > 2) of /proc/<pid>/stat ("self" for 0); -1 if unreadable. */
static long stat_field(int pid, int n)
{
	char path[32], text[1024], *p;

	snprintf(path, sizeof(path), pid ? "/proc/%d/stat" : "/proc/self/stat", pid);
	if (read_text(path, text, sizeof(text)) <= 0 || !(p = strrchr(text, ')')))
		return -1;
	for (int field = 2; field < n; field++) /* the comm may hold spaces: count from ')' */
		if (!(p = strchr(p + 1, ' ')))
			return -1;
	return strtol(p + 1, NULL, 10);
}

/* Whether /proc/stat has a "cpuN " line for cpu. */
static bool cpu_listed(long cpu)
{
	static char text[8192];
	char want[16];

	snprintf(want, sizeof(want), "\ncpu%ld ", cpu);
	return cpu >= 0 && read_text("/proc/stat", text, sizeof(text)) > 0 && strstr(text, want);
}

static void check_stat_cpu(void)
{
	long cpu = stat_field(0, STAT_CPU_FIELD);
	int child = child_pausing(), status;
	long child_cpu;

	check(cpu_listed(cpu), "field 39 of /proc/self/stat is a CPU /proc/stat lists (%ld)", cpu);
	check(child > 0, "fork a child that pauses (%d)", child);
	if (child <= 0)
		return;
	child_cpu = stat_field(child, STAT_CPU_FIELD);
	check(cpu_listed(child_cpu), "a sleeping child's field 39 is a CPU too (%ld)", child_cpu);
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
}

/* The value of a /proc/vmstat line; -1 if there is none. */
static long vmstat(const char *name)
{
	static char text[16384];
	char want[64], *p;

	snprintf(want, sizeof(want), "\n%s ", name);
	if (read_text("/proc/vmstat", text + 1, sizeof(text) - 1) <= 0)
		return -1;
	text[0] = '\n';
	p = strstr(text, want);
	return p ? strtol(p + strlen(want), NULL, 10) : -1;
}

struct tlb_counts {
	long remote, all, one;
};

static void read_counts(struct tlb_counts *c)
{
	c->remote = vmstat("nr_tlb_remote_flush");
	c->all = vmstat("nr_tlb_local_flush_all");
	c->one = vmstat("nr_tlb_local_flush_one");
}

static bool moved(const struct tlb_counts *before, long all, long one)
{
	struct tlb_counts now;

	read_counts(&now);
	return now.remote == before->remote && now.all - before->all == all &&
	       now.one - before->one == one;
}

static char *touched(unsigned long pages)
{
	char *p = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	for (unsigned long i = 0; i < pages; i++)
		p[i * PAGE_SIZE] = 1;
	return p;
}

/* Only this process runs meanwhile, and only this CPU has its mm: nothing remote. */
static void check_tlb_counters(void)
{
	struct tlb_counts c;
	char *p;

	read_counts(&c);
	check(c.remote >= 0 && c.all >= 0 && c.one >= 0 &&
		      vmstat("nr_tlb_remote_flush_received") >= 0,
	      "/proc/vmstat has the four nr_tlb_* lines");
	p = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	read_counts(&c);
	check(p != MAP_FAILED && munmap(p, 4 * PAGE_SIZE) == 0 && moved(&c, 0, 0),
	      "munmap of pages never touched flushes nothing");
	p = touched(2);
	read_counts(&c);
	check(p && munmap(p, 2 * PAGE_SIZE) == 0 && moved(&c, 0, 2),
	      "munmap of two touched pages: nr_tlb_local_flush_one +2");
	p = touched(40);
	read_counts(&c);
	check(p && mprotect(p, 40 * PAGE_SIZE, PROT_READ) == 0 && moved(&c, 1, 0),
	      "mprotect of 40 touched pages: nr_tlb_local_flush_all +1");
	read_counts(&c);
	check(p && munmap(p, 40 * PAGE_SIZE) == 0 && moved(&c, 0, 40),
	      "munmap of the same 40 pages: freed in batches of 32 and 8, each flushed page by page");
}

int main(void)
{
	check_stat_cpu();
	check(vmstat("nr_free_pages") > 0, "/proc/vmstat has nr_free_pages (%ld)",
	      vmstat("nr_free_pages"));
	if (on_kspace())
		check_tlb_counters();
	return check_status();
}
