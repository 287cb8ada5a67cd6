/* kernel/kallsyms.c: address-to-symbol lookup over the generated kallsyms tables. */
#include <kspace/kallsyms.h>
#include <kspace/printk.h>
#include <kspace/string.h>

/* Index of the last symbol at or below addr, by binary search; -1 if none. */
static int symbol_index(unsigned long addr)
{
	int lo = 0, hi = (int)kallsyms_num_syms - 1, found = -1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr)
			found = mid, lo = mid + 1;
		else
			hi = mid - 1;
	}
	return found;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	int i = symbol_index(addr);
	unsigned long end;

	if (i < 0 || addr >= kallsyms_text_end)
		return NULL;
	end = (unsigned)i + 1 < kallsyms_num_syms ? kallsyms_addresses[i + 1] : kallsyms_text_end;
	*size = end - kallsyms_addresses[i];
	*offset = addr - kallsyms_addresses[i];
	return kallsyms_names + kallsyms_name_offsets[i];
}

int sprint_symbol(char *buf, size_t len, unsigned long addr)
{
	unsigned long size, offset;
	const char *name = kallsyms_lookup(addr, &size, &offset);

	if (!name)
		return scnprintf(buf, len, "0x%08lx", addr);
	return scnprintf(buf, len, "%s+0x%lx/0x%lx", name, offset, size);
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned int i = 0; i < kallsyms_num_syms; i++)
		if (!strcmp(kallsyms_names + kallsyms_name_offsets[i], name))
			return kallsyms_addresses[i];
	return 0;
}
