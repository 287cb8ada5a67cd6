/*
 * Interrupt context. An interrupt handler runs on whatever task's stack it
 * interrupted; preempt_count's upper half counts the hardware interrupts being
 * served, so in_irq() tells a handler from the task below it (the lock validator
 * needs that: a lock an interrupt takes must never be held with interrupts on).
 */
#ifndef KSPACE_HARDIRQ_H
#define KSPACE_HARDIRQ_H

#include <kspace/preempt.h>

#define HARDIRQ_SHIFT 16
#define HARDIRQ_OFFSET (1 << HARDIRQ_SHIFT)
#define HARDIRQ_MASK (0xff << HARDIRQ_SHIFT)

#define hardirq_count() (preempt_count() & HARDIRQ_MASK)
#define in_irq() (hardirq_count() != 0)

/* Around every interrupt handler (do_IRQ, the local APIC's vectors). */
static inline void irq_enter(void) { current_thread_info()->preempt_count += HARDIRQ_OFFSET; }
static inline void irq_exit(void) { current_thread_info()->preempt_count -= HARDIRQ_OFFSET; }

#endif
