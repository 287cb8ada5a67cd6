/*
 * kernel/smp_bench.c: what a cross call costs (kernel/smp.c). One IPI to another CPU,
 * which runs an empty function and reports back, while the caller waits: the round
 * trip every TLB shootdown pays at least once, and the reason a kmap_atomic slot is
 * per CPU (it never has to ask another CPU for anything).
 */
#include <kspace/bench.h>
#include <kspace/cpumask.h>
#include <kspace/sched.h>
#include <kspace/smp.h>

#define N 200

static void nothing(void *unused)
{
	(void)unused;
}

/* From this CPU to the next online one and back; 0 with a single CPU online. */
BENCH(smp_call_function_round_trip)
{
	unsigned long allowed = current->cpus_allowed;
	int self, target;

	set_cpus_allowed_ptr(current, 1UL << smp_processor_id()); /* both ends stay put */
	self = smp_processor_id();
	target = cpumask_next(self, cpu_online_mask);
	if (target >= NR_CPUS)
		target = cpumask_first(cpu_online_mask);
	if (target != self)
		BENCH_TIME(for (int i = 0; i < N; i++)
				   smp_call_function_many(cpumask_of(target), nothing, NULL, true));
	set_cpus_allowed_ptr(current, allowed);
	return target != self ? N : 0;
}
