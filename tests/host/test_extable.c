/*
 * tests/host/test_extable.c: the exception table's sort and search (kernel/extable.c),
 * on random tables checked against qsort and a linear search. The kernel sorts at boot
 * and searches on every kernel-mode fault, so both must be exactly right.
 */
#include <stdlib.h>

#include "kapi.h"
#include "test.h"

#include <kspace/extable.h>

/* The linker's symbols, which extable.c refers to; the host has no linker script. */
struct exception_table_entry __start___ex_table[1], __stop___ex_table[1];
char _text[1], _etext[1];

#define N 500

static int by_insn(const void *a, const void *b)
{
	const struct exception_table_entry *x = a, *y = b;

	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

/* N distinct instruction addresses in random order, each with its own fixup. */
static void random_table(struct exception_table_entry *t, unsigned int seed)
{
	srand(seed);
	for (int i = 0; i < N; i++) {
		t[i].insn = 0xc0100000UL + (unsigned long)i * 16 + (rand() % 8);
		t[i].fixup = 0xc0200000UL + (unsigned long)i;
	}
	for (int i = N - 1; i > 0; i--) {
		int j = rand() % (i + 1);
		struct exception_table_entry e = t[i];
		t[i] = t[j];
		t[j] = e;
	}
}

TEST(extable, sort_matches_qsort)
{
	static struct exception_table_entry t[N], model[N];

	for (unsigned int seed = 1; seed <= 20; seed++) {
		random_table(t, seed);
		memcpy(model, t, sizeof(t));
		sort_extable(t, t + N);
		qsort(model, N, sizeof(model[0]), by_insn);
		EXPECT_MSG(!memcmp(t, model, sizeof(t)), "seed %u: sorted table differs", seed);
	}
}

TEST(extable, sort_edge_cases)
{
	struct exception_table_entry one = { 5, 6 }, two[2] = { { 9, 1 }, { 3, 2 } };

	sort_extable(&one, &one); /* empty */
	sort_extable(&one, &one + 1);
	EXPECT(one.insn == 5 && one.fixup == 6);
	sort_extable(two, two + 2);
	EXPECT(two[0].insn == 3 && two[0].fixup == 2 && two[1].insn == 9 && two[1].fixup == 1);
}

TEST(extable, search_finds_every_entry_and_nothing_else)
{
	static struct exception_table_entry t[N];

	random_table(t, 42);
	sort_extable(t, t + N);
	for (int i = 0; i < N; i++) {
		const struct exception_table_entry *e = search_extable(t, N, t[i].insn);
		EXPECT_MSG(e == &t[i], "entry %d (insn %#lx) not found", i, t[i].insn);
		/* Addresses between entries, before the first and after the last: no fixup. */
		EXPECT(!search_extable(t, N, t[i].insn + 1) || t[i + 1].insn == t[i].insn + 1);
	}
	EXPECT(!search_extable(t, N, t[0].insn - 1));
	EXPECT(!search_extable(t, N, ~0UL));
	EXPECT(!search_extable(t, 0, t[0].insn));
}
