/*
 * Per-CPU variables, as Linux names them. DEFINE_PER_CPU puts a variable in the
 * .data..percpu section; at boot setup_per_cpu_areas() (mm/percpu.c) gives every
 * possible CPU its own copy of that whole section, and __per_cpu_offset[cpu] is the
 * distance from the linked variable to that CPU's copy. per_cpu(var, cpu) is
 * therefore one add and one load, and no two CPUs ever write the same copy.
 *
 * this_cpu_*() use the running CPU's copy. The kernel is not preemptible, so a task
 * stays on its CPU between reading smp_processor_id() and using the copy; an
 * interrupt handler on the same CPU may touch the same copy, which is why
 * this_cpu_add() is one read-modify-write instruction.
 */
#ifndef KSPACE_PERCPU_H
#define KSPACE_PERCPU_H

#include <kspace/smp.h>
#include <kspace/threads.h>

#define __percpu_section __attribute__((section(".data..percpu")))

#define DEFINE_PER_CPU(type, name) __percpu_section __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __percpu_section __typeof__(type) name

/* Zero until setup_per_cpu_areas(): early on, every CPU means the linked copy (CPU 0's). */
extern unsigned long __per_cpu_offset[NR_CPUS];
extern char __per_cpu_start[], __per_cpu_end[];

#define per_cpu_ptr(ptr, cpu) ((__typeof__(ptr))((unsigned long)(ptr) + __per_cpu_offset[cpu]))
#define per_cpu(var, cpu) (*per_cpu_ptr(&(var), (cpu)))
#define this_cpu_ptr(ptr) per_cpu_ptr((ptr), smp_processor_id())
#define this_cpu_read(var) (*this_cpu_ptr(&(var)))
#define this_cpu_write(var, val) (*this_cpu_ptr(&(var)) = (val))

#define this_cpu_add(var, n)                                                              \
	do {                                                                              \
		_Static_assert(sizeof(var) == 4, "this_cpu_add works on 32-bit variables"); \
		__asm__ __volatile__("addl %1, %0"                                        \
				     : "+m"(*this_cpu_ptr(&(var)))                        \
				     : "ri"((unsigned long)(n)));                         \
	} while (0)
#define this_cpu_inc(var) this_cpu_add(var, 1)

/* Copy the per-CPU section once for every possible CPU (from memblock, lowmem). */
void setup_per_cpu_areas(void);

#endif
