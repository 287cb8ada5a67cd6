/*
 * Fixmap: virtual addresses fixed at compile time, just below FIXADDR_TOP, whose
 * physical pages are chosen at run time (memlayout.h lists the slots). Index 0 is
 * the highest page; each higher index is one page lower. kmap_atomic uses slots
 * FIX_KMAP_BEGIN + type + KM_TYPE_NR * cpu.
 */
#ifndef ASM_FIXMAP_H
#define ASM_FIXMAP_H

#include <asm/memlayout.h>
#include <asm/pgtable.h>
#include <kspace/bug.h>
#include <kspace/compiler.h>

#define __fix_to_virt(x) (FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x) ((FIXADDR_TOP - ((x) & PAGE_MASK)) >> PAGE_SHIFT)

/* Never defined: a call that survives constant folding stops the build. */
extern void __this_fixmap_does_not_exist(void)
	__attribute__((error("fixmap index out of range")));

static __always_inline unsigned long fix_to_virt(const unsigned int idx)
{
	if (idx >= __end_of_fixed_addresses)
		__this_fixmap_does_not_exist();
	return __fix_to_virt(idx);
}

static inline unsigned int virt_to_fix(unsigned long vaddr)
{
	BUG_ON(vaddr >= FIXADDR_TOP || vaddr < FIXADDR_START);
	return __virt_to_fix(vaddr);
}

/* Point a slot at a physical page (and drop the slot's old TLB entry), or clear it. */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, unsigned long prot);
#define set_fixmap(idx, phys) __set_fixmap(idx, phys, PAGE_KERNEL)
#define clear_fixmap(idx) __set_fixmap(idx, 0, 0)

/* The PTE behind a slot. */
pte_t *fixmap_pte(enum fixed_addresses idx);

#endif
