/*
 * kernel/jump_label_test.c: static keys (kernel/jump_label.c): every site in
 * __jump_table holds the no-op or the jump its key's state calls for, and enabling a
 * key turns its test from false to true, or is refused once other CPUs run.
 */
#include <asm/jump_label.h>
#include <kspace/errno.h>
#include <kspace/jump_label.h>
#include <kspace/lockdep.h>
#include <kspace/sections.h>
#include <kspace/selftest.h>
#include <kspace/smp.h>
#include <kspace/string.h>

extern const struct jump_entry __start___jump_table[], __stop___jump_table[];

static DEFINE_STATIC_KEY_FALSE(test_key);

static __noinline bool test_key_on(void)
{
	if (static_branch_unlikely(&test_key))
		return true;
	return false;
}

/* What the site's five bytes must be: the no-op, or a jmp to its target. */
static bool site_matches_key(const struct jump_entry *e)
{
	static const unsigned char nop[JUMP_LABEL_NOP_SIZE] = { JUMP_LABEL_NOP };
	const unsigned char *code = (const unsigned char *)e->code;
	long displacement;

	if (!static_key_enabled(e->key))
		return memcmp(code, nop, sizeof(nop)) == 0;
	memcpy(&displacement, code + 1, sizeof(displacement));
	return code[0] == 0xe9 && e->code + JUMP_LABEL_NOP_SIZE + displacement == e->target;
}

SELFTEST(jump_label_sites_match_their_keys)
{
	int lock_sites = 0;

	for (const struct jump_entry *e = __start___jump_table; e < __stop___jump_table; e++) {
		EXPECT(is_kernel_text(e->code) && is_kernel_text(e->target) && e->key);
		EXPECT(site_matches_key(e));
		lock_sites += e->key == &lock_debug;
	}
	EXPECT(lock_sites > 10); /* every spin_lock and spin_unlock inlined somewhere tests it */
	return 0;
}

SELFTEST(jump_label_enable_turns_the_test_true)
{
	EXPECT(!test_key_on());
	if (num_online_cpus() > 1) {
		EXPECT(static_branch_enable(&test_key) == -EBUSY);
		EXPECT(!static_key_enabled(&test_key) && !test_key_on());
		return 0;
	}
	EXPECT(static_branch_enable(&test_key) == 1);
	EXPECT(static_key_enabled(&test_key) && test_key_on());
	EXPECT(static_branch_enable(&test_key) == 0); /* already on: nothing to rewrite */
	return 0;
}
