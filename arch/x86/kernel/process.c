/*
 * arch/x86/kernel/process.c: the x86 side of tasks: a new thread's first stack
 * frame, the switch between tasks, and what the CPU does when there is nothing to run.
 */
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <kspace/arch.h>
#include <kspace/sched.h>

void __switch_to_asm(struct thread_struct *prev, struct thread_struct *next);
void ret_from_kernel_thread(void);

/*
 * The stack a new thread is switched to, from its top down: arg and fn for
 * ret_from_kernel_thread, the address __switch_to_asm returns to, then the
 * registers it pops (EFLAGS with interrupts off, as inside schedule()).
 */
void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg)
{
	unsigned long *sp = (unsigned long *)((char *)p->stack + THREAD_SIZE);

	p->thread.esp0 = (unsigned long)sp;
	*--sp = (unsigned long)arg;
	*--sp = (unsigned long)fn;
	*--sp = (unsigned long)ret_from_kernel_thread;
	*--sp = 0x2; /* EFLAGS: bit 1 is always set, IF clear */
	for (int i = 0; i < 4; i++)
		*--sp = 0; /* ebp, ebx, esi, edi */
	p->thread.esp = (unsigned long)sp;
}

void switch_to(struct task_struct *prev, struct task_struct *next)
{
	/* Ring 3 traps of the next task must land on its own kernel stack. */
	init_tss.esp0 = next->thread.esp0;
	__switch_to_asm(&prev->thread, &next->thread);
}

void arch_cpu_idle(void)
{
	safe_halt(); /* sleep until the next interrupt: QEMU then uses no host CPU */
}
