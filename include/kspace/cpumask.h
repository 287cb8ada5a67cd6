/*
 * CPU masks: one bit per CPU, NR_CPUS bits in one word. Three global masks say which
 * CPUs could exist (possible: found in the MP table or the MADT and allowed by
 * maxcpus=), which were found (present) and which run the kernel now (online).
 * An mm's mask (mm_cpumask) is changed by several CPUs at once, so the set and clear
 * operations are atomic (lock bts/btr); reading a mask is a plain load.
 */
#ifndef KSPACE_CPUMASK_H
#define KSPACE_CPUMASK_H

#include <kspace/compiler.h>
#include <kspace/threads.h>
#include <kspace/types.h>

struct cpumask {
	unsigned long bits;
};

_Static_assert(NR_CPUS <= 8 * sizeof(unsigned long), "struct cpumask holds one word");

/* Every CPU the kernel is built for, as one word: a new task's affinity. */
#define CPU_BITS_ALL ((1UL << NR_CPUS) - 1)
#define CPU_MASK_NONE ((struct cpumask){0})
#define cpumask_of(cpu) (&(const struct cpumask){1UL << (cpu)})

static inline void cpumask_set_cpu(int cpu, struct cpumask *m)
{
	__asm__ __volatile__("lock btsl %1, %0" : "+m"(m->bits) : "Ir"(cpu) : "memory");
}

static inline void cpumask_clear_cpu(int cpu, struct cpumask *m)
{
	__asm__ __volatile__("lock btrl %1, %0" : "+m"(m->bits) : "Ir"(cpu) : "memory");
}

static inline bool cpumask_test_cpu(int cpu, const struct cpumask *m)
{
	return (READ_ONCE(m->bits) >> cpu) & 1;
}

static inline bool cpumask_empty(const struct cpumask *m) { return READ_ONCE(m->bits) == 0; }
static inline int cpumask_weight(const struct cpumask *m) { return __builtin_popcountl(m->bits); }

/* The lowest CPU in the mask, or NR_CPUS if it is empty. */
static inline int cpumask_first(const struct cpumask *m)
{
	return m->bits ? __builtin_ctzl(m->bits) : NR_CPUS;
}

/* The lowest CPU above n in the mask, or NR_CPUS. */
static inline int cpumask_next(int n, const struct cpumask *m)
{
	unsigned long rest = n + 1 >= NR_CPUS ? 0 : m->bits >> (n + 1) << (n + 1);
	return rest ? __builtin_ctzl(rest) : NR_CPUS;
}

static inline void cpumask_and(struct cpumask *d, const struct cpumask *a, const struct cpumask *b)
{
	d->bits = a->bits & b->bits;
}

static inline void cpumask_andnot(struct cpumask *d, const struct cpumask *a,
				  const struct cpumask *b)
{
	d->bits = a->bits & ~b->bits;
}

#define for_each_cpu(cpu, mask) \
	for ((cpu) = cpumask_first(mask); (cpu) < NR_CPUS; (cpu) = cpumask_next((cpu), (mask)))

extern struct cpumask __cpu_possible_mask, __cpu_present_mask, __cpu_online_mask;
#define cpu_possible_mask ((const struct cpumask *)&__cpu_possible_mask)
#define cpu_present_mask ((const struct cpumask *)&__cpu_present_mask)
#define cpu_online_mask ((const struct cpumask *)&__cpu_online_mask)

#define for_each_possible_cpu(cpu) for_each_cpu((cpu), cpu_possible_mask)
#define for_each_present_cpu(cpu) for_each_cpu((cpu), cpu_present_mask)
#define for_each_online_cpu(cpu) for_each_cpu((cpu), cpu_online_mask)

#define num_possible_cpus() cpumask_weight(cpu_possible_mask)
#define num_online_cpus() cpumask_weight(cpu_online_mask)
#define cpu_online(cpu) cpumask_test_cpu((cpu), cpu_online_mask)

static inline void set_cpu_possible(int cpu, bool on)
{
	on ? cpumask_set_cpu(cpu, &__cpu_possible_mask) : cpumask_clear_cpu(cpu, &__cpu_possible_mask);
}

static inline void set_cpu_present(int cpu, bool on)
{
	on ? cpumask_set_cpu(cpu, &__cpu_present_mask) : cpumask_clear_cpu(cpu, &__cpu_present_mask);
}

static inline void set_cpu_online(int cpu, bool on)
{
	on ? cpumask_set_cpu(cpu, &__cpu_online_mask) : cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

#endif
