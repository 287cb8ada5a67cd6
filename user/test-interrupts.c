/*
 * user/test-interrupts.c: /proc/interrupts in Linux's layout: a header naming one
 * column per online CPU (CPU0 CPU1 ...), then one row per interrupt line and per
 * kind of interrupt the APIC handles (LOC, RES, CAL ...) with one count per column,
 * and ERR with a single total. The local timer row moves while this program runs.
 * On kspace also: IRQ 0 is the timer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static char text[64 << 10];

struct rows {
	int cpus;          /* columns in the header */
	int good, bad;     /* rows with one count per column, and rows without */
	bool err;          /* an ERR: row with one count */
	bool timer_irq0;   /* row 0 names "timer" */
	unsigned long loc; /* the LOC row's sum */
	bool has_loc;
};

/* count numbers after the colon; *sum gets their total. */
static int parse_counts(const char *s, unsigned long *sum, const char **rest)
{
	int n = 0;
	char *end;

	*sum = 0;
	for (;;) {
		while (*s == ' ')
			s++;
		if (*s < '0' || *s > '9')
			break;
		*sum += strtoul(s, &end, 10);
		s = end;
		n++;
	}
	*rest = s;
	return n;
}

static void parse_row(struct rows *r, char *line)
{
	char *colon = strchr(line, ':'), *label = line;
	const char *rest;
	unsigned long sum;
	int n;

	if (!colon) {
		r->bad++;
		return;
	}
	*colon = 0;
	while (*label == ' ')
		label++;
	n = parse_counts(colon + 1, &sum, &rest);
	if (!strcmp(label, "ERR") || !strcmp(label, "MIS")) {
		r->err |= !strcmp(label, "ERR") && n == 1;
		return;
	}
	if (n != r->cpus) {
		r->bad++;
		return;
	}
	r->good++;
	if (!strcmp(label, "LOC"))
		r->has_loc = true, r->loc = sum;
	if (!strcmp(label, "0") && strstr(rest, "timer"))
		r->timer_irq0 = true;
}

static struct rows read_interrupts(void)
{
	struct rows r = { 0 };
	char *line = text, *nl;

	if (read_text("/proc/interrupts", text, sizeof(text)) <= 0)
		return r;
	nl = strchr(line, '\n');
	if (nl)
		*nl = 0;
	for (char *p = line; (p = strstr(p, "CPU")); p += 3)
		r.cpus++;
	while (nl && *(line = nl + 1)) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		parse_row(&r, line);
	}
	return r;
}

int main(void)
{
	struct rows before = read_interrupts(), after;
	unsigned long loc_before = before.loc;
	volatile unsigned long spin = 0;

	check(before.cpus >= 1, "the header names %d CPU column(s)", before.cpus);
	check(before.good > 0 && before.bad == 0, "%d rows with one count per CPU, %d without",
	      before.good, before.bad);
	check(before.has_loc, "a LOC (local timer) row");
	check(before.err, "an ERR row with one total");
	for (int i = 0; i < 200 && read_interrupts().loc == loc_before; i++)
		for (spin = 0; spin < 1000000; spin++) /* busy: a tickless CPU would stop its timer idle */
			;
	after = read_interrupts();
	check(after.loc > loc_before, "local timer interrupts go on: %lu -> %lu", loc_before, after.loc);
	if (on_kspace())
		check(before.timer_irq0, "IRQ 0 is the timer");
	return check_status();
}
