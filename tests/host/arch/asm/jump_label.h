/*
 * tests/host/arch/asm/jump_label.h: the host's stand-in for <asm/jump_label.h>. A
 * static key's test reads the flag: the kernel rewrites its own code instead, which a
 * host program built from kernel sources has no table for.
 */
#ifndef ASM_JUMP_LABEL_H
#define ASM_JUMP_LABEL_H

#include <kspace/types.h>

struct static_key;

#define arch_static_branch(key) ((key)->enabled)

#endif
