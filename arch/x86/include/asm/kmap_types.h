/*
 * enum km_type: the kmap_atomic slots of one CPU, as in Linux 2.6. Each user of
 * kmap_atomic has its own slot so that nested users (a fault inside a copy, an
 * interrupt inside a fault) never collide.
 */
#ifndef ASM_KMAP_TYPES_H
#define ASM_KMAP_TYPES_H

enum km_type {
	KM_SKB_DATA_SOFTIRQ,
	KM_USER0,
	KM_USER1,
	KM_BIO_SRC_IRQ,
	KM_BIO_DST_IRQ,
	KM_PTE0,
	KM_PTE1,
	KM_IRQ0,
	KM_IRQ1,
	KM_SOFTIRQ0,
	KM_SOFTIRQ1,
	KM_TYPE_NR
};

#endif
