/* Interrupt enable/disable and save/restore of EFLAGS.IF. */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#define X86_EFLAGS_IF 0x200

static inline void local_irq_disable(void) { __asm__ __volatile__("cli" ::: "memory"); }
static inline void local_irq_enable(void) { __asm__ __volatile__("sti" ::: "memory"); }

static inline unsigned long local_irq_save(void)
{
	unsigned long flags;
	__asm__ __volatile__("pushfl; popl %0; cli" : "=r"(flags)::"memory");
	return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("pushl %0; popfl" ::"r"(flags) : "memory", "cc");
}

static inline int irqs_disabled(void)
{
	unsigned long flags;
	__asm__ __volatile__("pushfl; popl %0" : "=r"(flags));
	return !(flags & X86_EFLAGS_IF);
}

/* Wait for the next interrupt with interrupts enabled (sti's shadow covers hlt). */
static inline void safe_halt(void) { __asm__ __volatile__("sti; hlt" ::: "memory"); }

#endif
