/*
 * The lock of an address space (Linux's mmap_lock). It guards the regions (VMAs) and
 * the user page tables of an mm against the other threads sharing it, and against
 * another process reading it (/proc/<pid>/maps). A mutex: its holder may allocate and
 * sleep. Linux's is a read-write semaphore whose faults take the read side, with
 * page_table_lock guarding page table entries under it; kspace has only the write
 * side, so faults of one process's threads take turns: simpler, and as correct.
 * Code holding it must not touch user memory through the fault path (the fault would
 * take it again): it copies arguments in before locking and results out after.
 */
#ifndef KSPACE_MMAP_LOCK_H
#define KSPACE_MMAP_LOCK_H

#include <kspace/mm_types.h>
#include <kspace/mutex.h>

static inline void mmap_write_lock(struct mm_struct *mm)
{
	mutex_lock(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	mutex_unlock(&mm->mmap_lock);
}

#endif
