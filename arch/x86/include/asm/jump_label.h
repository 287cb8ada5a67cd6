/*
 * arch/x86/include/asm/jump_label.h: a static key's test (include/kspace/jump_label.h)
 * on x86. The site is a 5-byte no-op that arch/x86/kernel/jump_label.c rewrites into
 * a 5-byte jmp (e9 and a 32-bit displacement) when the key is enabled.
 */
#ifndef ASM_JUMP_LABEL_H
#define ASM_JUMP_LABEL_H

#include <kspace/compiler.h>
#include <kspace/types.h>

struct static_key;

#define JUMP_LABEL_NOP_SIZE 5
/*
 * ds; lea 0x0(%esi,%eiz,1),%esi: one instruction that does nothing, valid on a 486
 * (the 0f 1f "nopl" of later CPUs is not).
 */
#define JUMP_LABEL_NOP 0x3e, 0x8d, 0x74, 0x26, 0x00

struct jump_entry {
	unsigned long code;   /* the no-op's address */
	unsigned long target; /* where the jump goes once the key is enabled */
	struct static_key *key;
};

static __always_inline bool arch_static_branch(struct static_key *key)
{
	__asm__ goto("1: .byte 0x3e, 0x8d, 0x74, 0x26, 0x00\n\t"
		     ".pushsection __jump_table, \"aw\"\n\t"
		     ".balign 4\n\t"
		     ".long 1b, %l[enabled], %c0\n\t"
		     ".popsection"
		     :
		     : "i"(key)
		     :
		     : enabled);
	return false;
enabled:
	return true;
}

/* Rewrite one site's no-op into its jump (arch/x86/kernel/jump_label.c). */
void arch_jump_label_transform(const struct jump_entry *entry);

#endif
