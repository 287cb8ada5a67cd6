/*
 * kernel/extable.c: the exception table. The linker gathers the (insn, fixup) pairs
 * that _ASM_EXTABLE emits in whatever order the objects came; sort_main_extable()
 * sorts them by insn at boot so a fault can be looked up by binary search.
 */
#include <kspace/bug.h>
#include <kspace/extable.h>
#include <kspace/kallsyms.h>
#include <kspace/printk.h>
#include <kspace/sections.h>
#include <kspace/seq_buf.h>

/* Insertion sort: the table is small, and usually almost sorted already. */
void sort_extable(struct exception_table_entry *start, struct exception_table_entry *end)
{
	for (struct exception_table_entry *i = start + 1; i < end; i++) {
		struct exception_table_entry e = *i, *j = i;

		for (; j > start && j[-1].insn > e.insn; j--)
			*j = j[-1];
		*j = e;
	}
}

const struct exception_table_entry *search_extable(const struct exception_table_entry *first,
						   unsigned long num, unsigned long value)
{
	unsigned long lo = 0, hi = num;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (first[mid].insn == value)
			return &first[mid];
		if (first[mid].insn < value)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static unsigned long nr_entries(void)
{
	return __stop___ex_table - __start___ex_table;
}

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	return search_extable(__start___ex_table, nr_entries(), addr);
}

void sort_main_extable(void)
{
	const struct exception_table_entry *e = __start___ex_table;

	sort_extable(__start___ex_table, __stop___ex_table);
	for (unsigned long i = 0; i < nr_entries(); i++) {
		BUG_ON(i && e[i - 1].insn >= e[i].insn); /* two fixups for one instruction */
		BUG_ON(!is_kernel_text(e[i].insn));
		/* in .fixup, or at a label of the function itself (unsafe_put_user) */
		BUG_ON(!is_kernel_text(e[i].fixup));
	}
	pr_info("extable: %lu entries, sorted and checked\n", nr_entries());
}

void extable_render(struct seq_buf *s)
{
	char insn[KSYM_SYMBOL_LEN], fixup[KSYM_SYMBOL_LEN];

	for (unsigned long i = 0; i < nr_entries(); i++) {
		sprint_symbol(insn, sizeof(insn), __start___ex_table[i].insn);
		sprint_symbol(fixup, sizeof(fixup), __start___ex_table[i].fixup);
		seq_buf_printf(s, "0x%08lx %s -> 0x%08lx %s\n", __start___ex_table[i].insn, insn,
			       __start___ex_table[i].fixup, fixup);
	}
}
