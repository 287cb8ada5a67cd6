/* kernel/sched_test.c: current, kernel threads, round robin, wait queues, time slices. */
#include <kspace/gfp.h>
#include <kspace/jiffies.h>
#include <kspace/preempt.h>
#include <kspace/sched.h>
#include <kspace/selftest.h>
#include <kspace/slab.h>
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

static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static volatile int done_count;
static char order[64];
static volatile int order_len;

static int yielder(void *arg)
{
	for (int i = 0; i < 5; i++) {
		order[order_len++] = (char)(unsigned long)arg;
		schedule(); /* let the other thread run */
	}
	done_count++;
	wake_up(&test_wq);
	return 0;
}

SELFTEST(sched_round_robin_and_reaping)
{
	unsigned long free_before;

	kmem_cache_shrink_all();
	free_before = nr_free_pages();
	done_count = order_len = 0;
	EXPECT(kernel_thread(yielder, (void *)'a', "yield-a") > 1);
	EXPECT(kernel_thread(yielder, (void *)'b', "yield-b") > 1);
	wait_event(test_wq, done_count == 2);
	order[order_len] = '\0';
	/* Each schedule() hands the CPU to the other thread: strictly alternating. */
	for (int i = 2; i < order_len; i++)
		EXPECT(order[i] != order[i - 1]);
	EXPECT(order_len == 10);
	schedule(); /* the last thread to exit is freed once another task runs */
	kmem_cache_shrink_all();
	EXPECT(nr_free_pages() == free_before); /* both stacks and task_structs freed */
	return 0;
}

static volatile bool slice_expired;

static int spinner(void *unused)
{
	unsigned long start = jiffies;

	(void)unused;
	while (!need_resched() && jiffies - start < 10 * DEF_TIMESLICE)
		;
	slice_expired = need_resched() && jiffies - start >= DEF_TIMESLICE - 1;
	done_count++;
	wake_up(&test_wq);
	return 0;
}

SELFTEST(sched_tick_ends_time_slice)
{
	done_count = 0;
	slice_expired = false;
	EXPECT(kernel_thread(spinner, NULL, "spinner") > 1);
	wait_event(test_wq, done_count == 1);
	EXPECT(slice_expired);
	return 0;
}

CRASHTEST(schedule_while_atomic)
{
	preempt_disable();
	schedule();
}
