/*
 * arch/x86/kernel/jump_label.c: rewriting a static key's no-op (asm/jump_label.h)
 * into a jmp to the code it guards. The kernel's text is in the writable direct map,
 * so the bytes are written in place; kernel/jump_label.c calls this with interrupts
 * off on the only CPU running, and the call's return is the jump that makes a 486
 * refetch them.
 */
#include <asm/jump_label.h>
#include <kspace/bug.h>
#include <kspace/jump_label.h>
#include <kspace/string.h>

void arch_jump_label_transform(const struct jump_entry *entry)
{
	static const unsigned char nop[JUMP_LABEL_NOP_SIZE] = { JUMP_LABEL_NOP };
	unsigned char *code = (unsigned char *)entry->code;
	long displacement = (long)(entry->target - (entry->code + JUMP_LABEL_NOP_SIZE));

	BUG_ON(memcmp(code, nop, sizeof(nop)) != 0); /* not a site, or enabled twice */
	code[0] = 0xe9; /* jmp rel32 */
	memcpy(code + 1, &displacement, sizeof(displacement));
}
