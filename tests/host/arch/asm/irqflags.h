/*
 * tests/host/arch/asm/irqflags.h: the host's stand-in for <asm/irqflags.h>. cli and
 * sti cannot run in a user process; instead host_eflags holds a simulated IF bit,
 * so a test can check that every local_irq_save() was matched by a restore.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#define X86_EFLAGS_IF 0x200

extern unsigned long host_eflags; /* starts with IF set (mm_sim.c) */

static inline void local_irq_disable(void) { host_eflags &= ~X86_EFLAGS_IF; }
static inline void local_irq_enable(void) { host_eflags |= X86_EFLAGS_IF; }

static inline unsigned long local_irq_save(void)
{
	unsigned long flags = host_eflags;

	local_irq_disable();
	return flags;
}

static inline void local_irq_restore(unsigned long flags) { host_eflags = flags; }

#endif
