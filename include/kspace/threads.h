/*
 * How many CPUs the kernel is built for. Every per-CPU array, the fixmap's kmap_atomic
 * slots (KM_TYPE_NR per CPU) and struct cpumask are sized by it.
 */
#ifndef KSPACE_THREADS_H
#define KSPACE_THREADS_H

#define NR_CPUS 8

#endif
