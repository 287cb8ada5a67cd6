/*
 * arch/x86/kernel/process.c: the x86 side of tasks: a new thread's first stack
 * frame (the switch itself is asm/switch_to.h's), and what the CPU does when there
 * is nothing to run.
 */
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/irqflags.h>
#include <kspace/arch.h>
#include <asm/mmu_context.h>
#include <asm/ptrace.h>
#include <kspace/mman.h>
#include <kspace/sched.h>
#include <kspace/string.h>

void ret_from_kernel_thread(void);
void ret_from_fork(void);

#define X86_EFLAGS_FIXED 0x2 /* bit 1 is always set */

static struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)((char *)p->stack + THREAD_SIZE) - 1;
}

struct pt_regs *current_pt_regs(void)
{
	return task_pt_regs(current);
}

/*
 * Below a new task's pt_regs, what switch_to() leaves on a stack it switches away
 * from: the saved ebp (0 for a new task, which ends its stack traces), then where
 * __switch_to_asm returns to.
 */
static void push_switch_frame(struct task_struct *p, unsigned long *sp, void (*ret)(void))
{
	*--sp = 0;
	*--sp = (unsigned long)ret;
	p->thread.esp = (unsigned long)sp;
}

/*
 * A kernel thread's stack, from its top down: room for a pt_regs (used if the
 * thread execs a user program, as pid 1 does), then arg and fn for
 * ret_from_kernel_thread, then the switch frame.
 */
void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg)
{
	unsigned long *sp = (unsigned long *)task_pt_regs(p);

	p->thread.esp0 = (unsigned long)p->stack + THREAD_SIZE;
	fpu_init_state(&p->thread.fpu);
	*--sp = (unsigned long)arg;
	*--sp = (unsigned long)fn;
	push_switch_frame(p, sp, ret_from_kernel_thread);
}

void copy_thread_user(struct task_struct *p, const struct pt_regs *regs, unsigned long sp)
{
	struct pt_regs *child = task_pt_regs(p);

	*child = *regs;
	child->eax = 0; /* fork() returns 0 in the child */
	memcpy(p->thread.tls_array, current->thread.tls_array, sizeof(p->thread.tls_array));
	p->thread.tls_in_use = current->thread.tls_in_use;
	savesegment(fs, p->thread.fs);
	savesegment(gs, p->thread.gs);
	if (sp)
		child->esp = sp;
	fpu_save(&p->thread.fpu); /* the parent's live FPU registers, as they are now */
	p->thread.esp0 = (unsigned long)p->stack + THREAD_SIZE;
	push_switch_frame(p, (unsigned long *)child, ret_from_fork);
}

void flush_thread(void)
{
	memset(current->thread.tls_array, 0, sizeof(current->thread.tls_array));
	load_TLS(&current->thread, smp_processor_id());
	current->thread.tls_in_use = false;
	loadsegment(fs, 0);
	loadsegment(gs, 0);
}

void start_thread(struct pt_regs *regs, unsigned long eip, unsigned long esp)
{
	fpu_reset(); /* a new program starts with the FPU as fninit leaves it */
	*regs = (struct pt_regs){
		.xds = __USER_DS, .xes = __USER_DS, .xss = __USER_DS, .xcs = __USER_CS,
		.eip = eip, .esp = esp, .eflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED, .orig_eax = -1,
	};
}

void enter_user_mode(struct pt_regs *regs)
{
	extern void ret_from_intr(void);

	__asm__ __volatile__("movl %0, %%esp\n\t"
			     "jmp ret_from_intr" ::"r"(regs)
			     : "memory");
	__builtin_unreachable();
}

void arch_cpu_idle(void)
{
	safe_halt(); /* sleep until the next interrupt: QEMU then uses no host CPU */
}
