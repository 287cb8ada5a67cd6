/* Futexes (kernel/futex.c): sleeping on a word of user memory until someone wakes it. */
#ifndef KSPACE_FUTEX_H
#define KSPACE_FUTEX_H

struct mm_struct;

/* Wake up to nr_wake (at least one) tasks waiting on the word at uaddr of mm; how many woke. */
int futex_wake(struct mm_struct *mm, unsigned long uaddr, int nr_wake);

#endif
