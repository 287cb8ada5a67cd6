/* arch/x86/mm/paging_test.c: the paging state head.asm left behind. */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <kspace/sections.h>
#include <kspace/selftest.h>

SELFTEST(paging_swapper_pg_dir_loaded)
{
	EXPECT(read_cr3() == __pa(swapper_pg_dir));
	EXPECT(read_cr0() & X86_CR0_PG);
	EXPECT(read_cr0() & X86_CR0_WP);
	return 0;
}

SELFTEST(paging_identity_mapping_removed)
{
	for (unsigned int i = 0; i < USER_PTRS_PER_PGD; i++)
		EXPECT(swapper_pg_dir[i] == 0);
	return 0;
}

SELFTEST(paging_kernel_at_one_megabyte)
{
	EXPECT((unsigned long)_text == 0xC0100000);
	EXPECT(__pa(_text) == 0x00100000);
	EXPECT(__va(__pa(_etext)) == (void *)_etext);
	pgd_t pde = swapper_pg_dir[pgd_index(_text)];
	EXPECT(pde & _PAGE_PRESENT);
	EXPECT(!!(pde & _PAGE_PSE) == cpu_has(X86_FEATURE_PSE));
	return 0;
}
