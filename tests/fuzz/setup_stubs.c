/*
 * tests/fuzz/setup_stubs.c: host stand-ins for what the setup harness's kernel
 * sources call from the handlers' side: the clock printk stamps lines with, its
 * interrupt flag, and the current thread.
 */
#include "../host/kapi.h"

unsigned long host_eflags = 0x200;

unsigned long long sched_clock(void)
{
	return 0;
}
