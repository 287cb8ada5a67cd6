/*
 * kernel/sched_test.c: current, kernel threads, round robin, wait queues, time slices,
 * where a sync wake-up puts the woken task, and the canary at the end of every kernel
 * stack.
 */
#include <asm/irqflags.h>
#include <kspace/gfp.h>
#include <kspace/jiffies.h>
#include <kspace/preempt.h>
#include <kspace/sched.h>
#include <kspace/selftest.h>
#include <kspace/slab.h>
#include <kspace/smp.h>
#include <kspace/wait.h>

SELFTEST(sched_current_from_esp)
{
	unsigned long esp;

	__asm__("movl %%esp, %0" : "=r"(esp));
	EXPECT(current->pid == 1); /* self-tests run in the init task */
	EXPECT((unsigned long)current->stack == (esp & ~(THREAD_SIZE - 1UL)));
	EXPECT(current->stack->task == current);
	EXPECT(init_task.pid == 0 && ((struct thread_info *)init_thread_union)->task == &init_task);
	return 0;
}

SELFTEST(sched_stack_end_magic_on_every_stack)
{
	struct task_struct *p;

	EXPECT(!task_stack_end_corrupted(init_task.stack));
	list_for_each_entry(p, &task_list, tasks)
		EXPECT(!task_stack_end_corrupted(p->stack));
	EXPECT(*end_of_stack(current->stack) == STACK_END_MAGIC);
	/* The word right above thread_info: the last one a stack growing down reaches. */
	EXPECT((unsigned long)end_of_stack(current->stack) ==
	       (unsigned long)current->stack + sizeof(struct thread_info));
	EXPECT(task_of_stack((unsigned long)&p) == current);
	EXPECT(task_of_stack((unsigned long)init_thread_union + 100) == &init_task);
	return 0;
}

#define OVERRUN_FILL 0x5a5a5a5aUL

/*
 * A call chain too deep for the stack. Each frame fills its buffer; the deepest one
 * stands for the calls that would come next and fills what is left, down to the
 * stack's base: over STACK_END_MAGIC and thread_info (a real overflow would go on
 * into the memory below, which this one spares so the panic path stays sound).
 */
static __noinline unsigned long overrun_stack(unsigned long base)
{
	volatile unsigned long frame[32];
	unsigned long sp = (unsigned long)frame;

	for (unsigned int i = 0; i < ARRAY_SIZE(frame); i++)
		frame[i] = OVERRUN_FILL;
	if (sp - base > sizeof(frame) + 64)
		return overrun_stack(base) + frame[0]; /* not a tail call: a frame per level */
	for (unsigned long *w = (unsigned long *)base; w < (unsigned long *)sp; w++)
		*w = OVERRUN_FILL;
	return frame[1];
}

/* Nothing notices the overrun until the task next calls schedule(), which names it. */
CRASHTEST(stack_overflow)
{
	local_irq_disable(); /* no interrupt frame below the stack's end meanwhile */
	overrun_stack((unsigned long)current->stack);
	schedule();
}

/* The same overrun, found by the oops of a later fault instead: it names the task all the same. */
CRASHTEST(stack_overflow_then_oops)
{
	local_irq_disable();
	overrun_stack((unsigned long)current->stack);
	*(volatile int *)0x00001234 = 1;
}

static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static volatile int done_count;
static char order[64];
static volatile int order_len;
static volatile int bad_context; /* times a thread came out of a switch atomic or with irqs off */

/* After any switch, a new thread's first one included, the runqueue lock is gone without a trace. */
static void check_switched_in(void)
{
	if (preempt_count() != 0 || irqs_disabled())
		bad_context++;
}

static int yielder(void *arg)
{
	check_switched_in();
	for (int i = 0; i < 5; i++) {
		order[order_len++] = (char)(unsigned long)arg;
		schedule(); /* let the other thread run */
		check_switched_in();
	}
	done_count++;
	wake_up(&test_wq);
	return 0;
}

/* Keep the caller (and the kernel threads it starts) on its CPU; returns the old mask. */
static unsigned long pin_to_this_cpu(void)
{
	unsigned long allowed = current->cpus_allowed;

	set_cpus_allowed_ptr(current, 1UL << smp_processor_id());
	return allowed;
}

SELFTEST(sched_round_robin_and_reaping)
{
	unsigned long free_before;

	unsigned long allowed = pin_to_this_cpu(); /* the threads inherit it: one CPU to share */

	kmem_cache_shrink_all();
	free_before = nr_free_pages();
	done_count = order_len = bad_context = 0;
	EXPECT(kernel_thread(yielder, (void *)'a', "yield-a") > 1);
	EXPECT(kernel_thread(yielder, (void *)'b', "yield-b") > 1);
	wait_event(test_wq, done_count == 2);
	order[order_len] = '\0';
	/* Each schedule() hands the CPU to the other thread: strictly alternating. */
	for (int i = 2; i < order_len; i++)
		EXPECT(order[i] != order[i - 1]);
	EXPECT(order_len == 10);
	EXPECT(bad_context == 0);
	EXPECT(preempt_count() == 0);
	schedule(); /* the last thread to exit is freed once another task runs */
	kmem_cache_shrink_all();
	EXPECT(nr_free_pages() == free_before); /* both stacks and task_structs freed */
	set_cpus_allowed_ptr(current, allowed);
	return 0;
}

static volatile bool slice_expired;

/*
 * Counted in the ticks of the spinner's own CPU (its stime), not in jiffies: on
 * another CPU than the one keeping jiffies, a loaded host can run the two timers at
 * different paces.
 */
static int spinner(void *unused)
{
	unsigned long start = READ_ONCE(current->stime);

	(void)unused;
	while (!need_resched() && READ_ONCE(current->stime) - start < 10 * DEF_TIMESLICE)
		;
	slice_expired = need_resched() && READ_ONCE(current->stime) - start >= DEF_TIMESLICE - 1;
	done_count++;
	wake_up(&test_wq);
	return 0;
}

SELFTEST(sched_tick_ends_time_slice)
{
	unsigned long allowed = pin_to_this_cpu(); /* the spinner shares this CPU's ticks */

	done_count = 0;
	slice_expired = false;
	EXPECT(kernel_thread(spinner, NULL, "spinner") > 1);
	wait_event(test_wq, done_count == 1);
	EXPECT(slice_expired);
	set_cpus_allowed_ptr(current, allowed);
	return 0;
}

static DECLARE_WAIT_QUEUE_HEAD(wake_wq);
static struct task_struct *volatile sleeper;
static volatile int wake_step, woke_on;

/* Goes to sleep with cpu (arg) as its last CPU, free to run anywhere; says where it woke. */
static int sleep_on_cpu(void *arg)
{
	int cpu = (int)(unsigned long)arg;

	set_cpus_allowed_ptr(current, 1UL << cpu);
	while (smp_processor_id() != cpu)
		schedule(); /* a running thread moves when it next switches out */
	set_cpus_allowed_ptr(current, CPU_BITS_ALL);
	sleeper = current;
	wait_event(wake_wq, wake_step == 1);
	woke_on = smp_processor_id();
	wake_step = 2;
	wake_up(&test_wq);
	return 0;
}

/* The CPU a task asleep with last CPU cpu runs on once this one wakes it. */
static int wake_sleeper(int cpu, bool sync)
{
	sleeper = NULL;
	wake_step = 0;
	if (kernel_thread(sleep_on_cpu, (void *)(unsigned long)cpu, "sleep-on-cpu") <= 1)
		return -1;
	while (!sleeper || !waitqueue_active(&wake_wq))
		schedule();
	wait_task_inactive(sleeper); /* asleep and off its CPU */
	wake_step = 1;
	if (sync)
		wake_up_sync(&wake_wq);
	else
		wake_up(&wake_wq);
	wait_event(test_wq, wake_step == 2);
	return woke_on;
}

/*
 * Whether a task asleep with last CPU cpu wakes on expected, in one of five tries:
 * another task passing through one of the CPUs at that moment changes the choice.
 */
static bool wakes_on(int cpu, bool sync, int expected)
{
	for (int i = 0; i < 5; i++)
		if (wake_sleeper(cpu, sync) == expected)
			return true;
	return false;
}

/*
 * A plain wake-up sends a task back to its last CPU when that one is idle; a sync one
 * (the waker is about to sleep) runs it on the waker's CPU, which runs nothing else.
 */
SELFTEST(sched_sync_wake_up_runs_on_the_wakers_cpu)
{
	unsigned long allowed;
	int here, other = -1, cpu;

	if (num_online_cpus() < 2)
		SKIP("needs a second CPU");
	allowed = pin_to_this_cpu();
	here = smp_processor_id();
	for_each_online_cpu(cpu)
		if (cpu != here && other < 0)
			other = cpu;
	EXPECT(wakes_on(other, false, other));
	EXPECT(wakes_on(other, true, here));
	set_cpus_allowed_ptr(current, allowed);
	return 0;
}

CRASHTEST(schedule_while_atomic)
{
	preempt_disable();
	schedule();
}
