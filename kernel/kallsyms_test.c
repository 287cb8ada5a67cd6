/* kernel/kallsyms_test.c: the linked symbol table describes the running kernel. */
#include <kspace/kallsyms.h>
#include <kspace/sections.h>
#include <kspace/selftest.h>
#include <kspace/string.h>

void start_kernel(void);

SELFTEST(kallsyms_names_start_kernel)
{
	char buf[KSYM_SYMBOL_LEN];

	sprint_symbol(buf, sizeof(buf), (unsigned long)start_kernel);
	EXPECT(!strncmp(buf, "start_kernel+0x0/0x", 19));
	sprint_symbol(buf, sizeof(buf), (unsigned long)start_kernel + 3);
	EXPECT(!strncmp(buf, "start_kernel+0x3/0x", 19));
	EXPECT(kallsyms_lookup_name("start_kernel") == (unsigned long)start_kernel);
	EXPECT(kallsyms_lookup_name("no_such_symbol") == 0);
	return 0;
}

SELFTEST(kallsyms_table_sorted_and_in_text)
{
	EXPECT(kallsyms_num_syms > 50);
	for (unsigned int i = 0; i < kallsyms_num_syms; i++) {
		EXPECT(is_kernel_text(kallsyms_addresses[i]));
		EXPECT(i == 0 || kallsyms_addresses[i - 1] < kallsyms_addresses[i]);
	}
	EXPECT(kallsyms_text_end == (unsigned long)_etext);
	return 0;
}

SELFTEST(kallsyms_outside_text)
{
	unsigned long size, offset;

	EXPECT(kallsyms_lookup((unsigned long)_etext, &size, &offset) == NULL);
	EXPECT(kallsyms_lookup(0x1000, &size, &offset) == NULL);
	return 0;
}
